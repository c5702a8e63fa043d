-- aitrack schema, version 7: the statistics table rebuilt with the same columns and the same
-- constraints, each `x IN ('a', 'b', ...)` check written as `(x = 'a' OR x = 'b' OR ...)`.
-- SQLite evaluates a CHECK with an IN list of more than two constants by building a temporary
-- b-tree of the list for every row it checks (four such lists per statistic); callgrind counted
-- half of all instructions of a bulk insert there (2.07 G -> 1.02 G for 20,000 rows). The rows
-- allowed are exactly those allowed before. The table is copied (SQLite's documented procedure
-- for a changed CHECK: new table, copy, drop, rename, then its indexes and triggers again); the
-- views that read it keep their text: the rename is done with legacy_alter_table on, so that
-- they are neither rewritten nor tested against the table while it is gone.

CREATE TABLE statistics_new (
    id          INTEGER PRIMARY KEY,
    entry_key   TEXT    UNIQUE,
    identity    TEXT    NOT NULL UNIQUE,                 -- metric|measure|date|company|segment|region|source
    metric      TEXT    NOT NULL CHECK (metric GLOB '[a-z]*' AND metric NOT GLOB '*[^a-z0-9_]*'),
    measure     TEXT    NOT NULL DEFAULT 'value' CHECK (measure = 'value' OR measure = 'cr1' OR measure = 'cr2' OR
                                                        measure = 'cr3' OR measure = 'cr4' OR measure = 'cr5' OR
                                                        measure = 'cr6' OR measure = 'cr7' OR measure = 'cr8' OR
                                                        measure = 'cr9' OR measure = 'cr10' OR measure = 'hhi'),
    date        TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(date, '+0 days') IS date),
    precision   TEXT    NOT NULL DEFAULT 'day' CHECK (precision = 'year' OR precision = 'quarter' OR precision = 'month' OR precision = 'day'),
    company_id  INTEGER REFERENCES companies(id),        -- NULL: the whole market
    segment     TEXT    CHECK (segment IS NULL OR length(trim(segment)) > 0),
    region      TEXT    CHECK (region IS NULL OR length(trim(region)) > 0),
    value       REAL    NOT NULL,
    low         REAL,
    high        REAL,
    unit        TEXT    NOT NULL CHECK (length(trim(unit)) > 0),
    qualifier   TEXT    NOT NULL DEFAULT 'exact' CHECK (qualifier = 'exact' OR qualifier = 'at_least' OR
                                                        qualifier = 'at_most' OR qualifier = 'approx' OR qualifier = 'estimate'),
    forecast    INTEGER NOT NULL DEFAULT 0 CHECK (forecast = 0 OR forecast = 1),
    source_id   INTEGER NOT NULL REFERENCES sources(id),
    cited_by_id INTEGER REFERENCES sources(id),
    note        TEXT,
    verification TEXT   NOT NULL DEFAULT 'unverified' CHECK (verification = 'unverified' OR verification = 'verified' OR
                                                             verification = 'disputed' OR verification = 'contradicted'),
    ingest_id   INTEGER REFERENCES ingests(id),
    -- values are non-negative, except a change in percent (growth may be negative)
    CHECK (unit = 'percent_change' OR value >= 0),
    CHECK (unit = 'percent_change' OR low IS NULL OR low >= 0),
    -- shares and concentration ratios are percents within 0..100; HHI is 0..10000 points
    CHECK (unit <> 'percent' OR (value <= 100 AND (high IS NULL OR high <= 100))),
    CHECK (measure NOT GLOB 'cr*' OR unit = 'percent'),
    CHECK (measure <> 'hhi' OR (unit = 'points' AND value <= 10000)),
    CHECK (low IS NULL OR low <= value),
    CHECK (high IS NULL OR high >= value),
    CHECK (precision <> 'year' OR substr(date, 6) = '01-01'),
    CHECK (precision <> 'quarter' OR substr(date, 6) = '01-01' OR substr(date, 6) = '04-01' OR
                                     substr(date, 6) = '07-01' OR substr(date, 6) = '10-01'),
    CHECK (precision <> 'month' OR substr(date, 9) = '01')
) STRICT;

INSERT INTO statistics_new SELECT * FROM statistics;
DROP TABLE statistics;
PRAGMA legacy_alter_table = ON;
ALTER TABLE statistics_new RENAME TO statistics;
PRAGMA legacy_alter_table = OFF;

CREATE INDEX statistics_metric_date ON statistics (metric, measure, date);
CREATE INDEX statistics_company ON statistics (company_id);
CREATE INDEX statistics_date ON statistics (date);
CREATE INDEX statistics_metric_unit ON statistics (metric, measure, unit);
CREATE INDEX statistics_source ON statistics (source_id);
CREATE INDEX statistics_cited_by ON statistics (cited_by_id) WHERE cited_by_id IS NOT NULL;
CREATE INDEX statistics_market ON statistics (metric, measure, date) WHERE company_id IS NULL;

CREATE TRIGGER statistics_one_unit_insert BEFORE INSERT ON statistics
WHEN NEW.measure = 'value' AND (
    EXISTS (SELECT 1 FROM statistics WHERE metric = NEW.metric AND measure = 'value' AND unit < NEW.unit) OR
    EXISTS (SELECT 1 FROM statistics WHERE metric = NEW.metric AND measure = 'value' AND unit > NEW.unit))
BEGIN
    SELECT RAISE(ABORT, 'a metric has one unit: this metric is stored with another unit');
END;
CREATE TRIGGER statistics_one_unit_update BEFORE UPDATE OF metric, measure, unit ON statistics
WHEN NEW.measure = 'value' AND (
    EXISTS (SELECT 1 FROM statistics WHERE metric = NEW.metric AND measure = 'value' AND unit < NEW.unit AND id <> NEW.id) OR
    EXISTS (SELECT 1 FROM statistics WHERE metric = NEW.metric AND measure = 'value' AND unit > NEW.unit AND id <> NEW.id))
BEGIN
    SELECT RAISE(ABORT, 'a metric has one unit: this metric is stored with another unit');
END;
