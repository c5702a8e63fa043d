-- The baseline of the ingest benchmark: the sqlite3 shell's .import of the same rows into an
-- equivalent STRICT table with the same unique identity index, in one transaction.
CREATE TABLE statistics_import (
    metric TEXT NOT NULL, date TEXT NOT NULL, company TEXT, segment TEXT,
    value REAL NOT NULL, low REAL, high REAL, unit TEXT NOT NULL, source TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX statistics_import_identity ON statistics_import (metric, date, company, segment, source);
