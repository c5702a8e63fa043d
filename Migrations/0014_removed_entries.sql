-- aitrack schema, version 14: edit and remove (issue 28, item 2; docs/SCHEMA.md).
--
-- removed_entries: one row per entry `aitrack remove` deleted, and per old identity of an entry
-- `aitrack edit` changed (a deal's date, a company's name): a tombstone. An ingest that meets an
-- entry with that identity (or the same entry id) leaves it out and counts it "removed earlier",
-- so re-ingesting the file an entry came from does not bring it back; `--replace` brings it back
-- and takes the tombstone away. `record` is the entry as `aitrack export` writes it (JSON), so
-- nothing removed is lost. The values an edit changed are in entry_history, as a replace's are.

CREATE TABLE removed_entries (
    id INTEGER PRIMARY KEY,
    entry_table TEXT NOT NULL CHECK (entry_table IN ('deals', 'statistics', 'companies', 'alliances', 'alliance_members', 'sources')),
    entry_id INTEGER NOT NULL,      -- the row's id in that table when it was removed or edited
    identity TEXT NOT NULL,         -- what an ingest compares (see docs/SCHEMA.md)
    entry_key TEXT,                 -- the entry's own id, if it had one
    reason TEXT NOT NULL CHECK (reason = 'removed' OR reason = 'edited'),
    record TEXT NOT NULL CHECK (json_valid(record)),
    ingest_id INTEGER NOT NULL REFERENCES ingests(id)   -- the run of the remove or edit
) STRICT;
CREATE INDEX removed_entries_identity ON removed_entries (entry_table, identity);
CREATE INDEX removed_entries_key ON removed_entries (entry_table, entry_key) WHERE entry_key IS NOT NULL;
CREATE INDEX removed_entries_ingest ON removed_entries (ingest_id);
