-- aitrack schema, version 15: a source's originator and the page it was read on (issue 28, item 5;
-- docs/SCHEMA.md).
--
-- A source is the document that states a figure: `name` is its originator ("Reuters") and `url`
-- the originator's address when known. When the document was read elsewhere (a syndicating site,
-- an aggregator, a mirror), `via` names that page's outlet and `via_url` its address. An entry's
-- identity uses the originator's name and never the relay, so the same report read on two mirrors
-- is one entry. A source row is one document, found by its name and its address: the
-- originator's url, or, when that is not known, the address of the page read (the unique index
-- below; with a url, the relay does not tell two sources apart). The table is made again (SQLite's
-- documented procedure, as in 0007) so that its SQL is the one the migrations state, word for
-- word; the rows are copied as they are, and every source keeps its identity.

CREATE TABLE sources_new (
    id          INTEGER PRIMARY KEY,
    entry_key   TEXT    UNIQUE,                          -- the entry's own "id", if given
    name        TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    url         TEXT,
    published   TEXT    CHECK (published IS NULL OR (published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(published, '+0 days') IS published)),
    precision   TEXT    CHECK (precision IN ('year', 'quarter', 'month', 'day')),
    note        TEXT,
    verification TEXT   NOT NULL DEFAULT 'unverified' CHECK (verification IN ('unverified', 'verified', 'disputed', 'contradicted')),
    ingest_id   INTEGER REFERENCES ingests(id),
    via         TEXT    CHECK (via IS NULL OR length(trim(via)) > 0),   -- the outlet of the page read, when not the originator
    via_url     TEXT    CHECK (via_url IS NULL OR via IS NOT NULL),     -- that page's address
    CHECK ((published IS NULL) = (precision IS NULL))
) STRICT;

INSERT INTO sources_new (id, entry_key, name, url, published, precision, note, verification, ingest_id)
SELECT id, entry_key, name, url, published, precision, note, verification, ingest_id FROM sources;
DROP TABLE sources;
PRAGMA legacy_alter_table = ON;
ALTER TABLE sources_new RENAME TO sources;
PRAGMA legacy_alter_table = OFF;

-- A source is one document: the same name at another address is another source.
CREATE UNIQUE INDEX sources_name_url ON sources (name COLLATE NOCASE, coalesce(url, via_url, ''));
