#!/usr/bin/env bash
# Fuzzes the ingest parsers with libFuzzer (the Swift toolchain's -sanitize=fuzzer): the NDJSON,
# JSON and CSV readers, --map/--set handling, the entry decoder, and the date, value and name
# parsers (Fuzz/FuzzIngest.swift). Not part of `swift test`; .ci/run runs it for 60 s.
# (No AddressSanitizer: the code is safe Swift, and without it the fuzzer runs 5x faster.)
#
#   scripts/fuzz.sh [SECONDS] [extra libFuzzer flags]     # default 60 s
#   scripts/fuzz.sh 0 -runs=10000000                      # a fixed number of executions
#
# New interesting inputs go to .build-fuzz/corpus (started from Fuzz/corpus.tar.gz, the corpus of
# earlier campaigns); Fuzz/corpus holds the hand-written seeds. A crash
# writes crash-* into .build-fuzz/ and exits non-zero: turn it into a test (HostileInputTests).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
out=.build-fuzz
mkdir -p "$out/corpus"
# the corpus grown by earlier campaigns (10 million executions, minimized with -merge=1)
[ -n "$(ls -A "$out/corpus")" ] || tar xzf Fuzz/corpus.tar.gz -C "$out/corpus"
sources=(Sources/AITrackCore/Model/*.swift
         Sources/AITrackCore/Ingest/{RecordReader,RecordShaper,ChunkSource,CSVParser,EntryDecoder,FieldReader,IngestOptions,ColumnRule}.swift
         Sources/AITrackCore/Analysis/Period.swift
         Fuzz/FuzzIngest.swift)
if [ ! -x "$out/fuzz-ingest" ] || [ -n "$(find "${sources[@]}" -newer "$out/fuzz-ingest" | head -1)" ]; then
  swiftc -O -sanitize=fuzzer -parse-as-library -module-name AITrackFuzz "${sources[@]}" -o "$out/fuzz-ingest"
fi
args=(-max_len=2048 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$out/")
[ "$seconds" != 0 ] && args+=(-max_total_time="$seconds")
exec "$out/fuzz-ingest" "${args[@]}" "$@" "$out/corpus" Fuzz/corpus
