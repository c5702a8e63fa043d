#!/usr/bin/env bash
# Writes Sources/AITrackCore/Database/SchemaReference+Expected.swift: the schema a new file gets
# (sqlite_master after every migration, whitespace normalised), which `check`, `report` and
# `concentration` compare a file with. Run it after adding a migration;
# SchemaReferenceTests/theEmbeddedReferenceIsWhatTheMigrationsMake fails until then.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product aitrack >/dev/null
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$(swift build --show-bin-path)/aitrack" init --no-seed --db "$tmp/a.db" >/dev/null 2>&1
python3 - "$tmp/a.db" > "$tmp/out.swift" <<'PY'
import re, sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute(
    "SELECT type, name, tbl_name, sql FROM sqlite_master "
    "WHERE name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations' ORDER BY rowid").fetchall()
print("// Written by scripts/schema-reference.sh from the migrations; do not edit by hand.")
print("")
print("extension SchemaReference {")
print("    /// sqlite_master of a new file, in rowid order, each SQL with runs of whitespace made one space.")
print("    static let expected: [SchemaObject] = [")
for t, n, tbl, sql in rows:
    norm = " ".join(x for x in re.split(r"[ \n\t\r]+", sql or "") if x)
    assert '"#' not in norm and "\\#" not in norm
    print(f'        SchemaObject(type: "{t}", name: "{n}", table: "{tbl}",')
    if len(norm) <= 100:
        print(f'                     sql: #"{norm}"#),')
        continue
    # a long SQL as a multi-line raw string folded at spaces: each line ends in `\#` (a line
    # continuation, no newline), so the text is the one line SQLite stores, in lines a review reads
    print('                     sql: #"""')
    line = ""
    for word in norm.split(" "):
        if line and len(line) + 1 + len(word) > 110:
            print("                         " + line + " \\#")
            line = word
        else:
            line = word if not line else line + " " + word
    print("                         " + line)
    print('                         """#),')
print("    ]")
print("}")
PY
mv "$tmp/out.swift" Sources/AITrackCore/Database/SchemaReference+Expected.swift
echo "wrote Sources/AITrackCore/Database/SchemaReference+Expected.swift ($(grep -c 'SchemaObject(type' Sources/AITrackCore/Database/SchemaReference+Expected.swift) objects)"
