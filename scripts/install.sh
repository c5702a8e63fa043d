#!/usr/bin/env bash
# Builds the release binary and puts it on PATH: $PREFIX/bin/aitrack (PREFIX defaults to
# ~/.local, whose bin folder most shells have on PATH). .ci/run runs it on a clean clone.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${PREFIX:-$HOME/.local}"
swift build -c release --product aitrack
install -d "$prefix/bin"
install -m 755 "$(swift build -c release --show-bin-path)/aitrack" "$prefix/bin/aitrack"
echo "installed $prefix/bin/aitrack"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "note: $prefix/bin is not on PATH; add it, e.g. export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
