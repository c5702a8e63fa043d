-- aitrack schema, version 10: metric definitions (issue 21, item 1). A metric's kind says
-- whether its firms' values can be parts of one market (a share, a stock, a flow) or not (a
-- market size, a rate such as a survey's proportion of respondents, anything else); only a
-- market gets CRn, HHI and bands. A metric used without a definition is of kind other.

CREATE TABLE metrics (
    id           INTEGER PRIMARY KEY,
    entry_key    TEXT    UNIQUE,
    name         TEXT    NOT NULL UNIQUE CHECK (name GLOB '[a-z]*' AND name NOT GLOB '*[^a-z0-9_]*'),
    unit         TEXT    NOT NULL CHECK (length(trim(unit)) > 0),
    kind         TEXT    NOT NULL CHECK (kind = 'share' OR kind = 'stock' OR kind = 'flow' OR kind = 'market_size' OR
                                         kind = 'rate' OR kind = 'other'),
    market       TEXT    CHECK (market IS NULL OR length(trim(market)) > 0),  -- what the firms share, in words
    period       TEXT    CHECK (period IS NULL OR period = 'year' OR period = 'quarter' OR period = 'month' OR period = 'day'),
    total_metric TEXT    CHECK (total_metric IS NULL OR (total_metric GLOB '[a-z]*' AND total_metric NOT GLOB '*[^a-z0-9_]*')),
    basis        TEXT    NOT NULL DEFAULT 'calendar' CHECK (basis = 'calendar' OR basis = 'fiscal'),
    fiscal_start INTEGER CHECK (fiscal_start IS NULL OR (fiscal_start >= 1 AND fiscal_start <= 12)),
    source_id    INTEGER REFERENCES sources(id),
    note         TEXT,
    verification TEXT    NOT NULL DEFAULT 'unverified' CHECK (verification = 'unverified' OR verification = 'verified' OR
                                                              verification = 'disputed' OR verification = 'contradicted'),
    ingest_id    INTEGER REFERENCES ingests(id),
    -- a fiscal year's first month only for a fiscal basis (NULL there: it differs by firm)
    CHECK (basis = 'fiscal' OR fiscal_start IS NULL),
    CHECK (total_metric IS NULL OR total_metric <> name),
    -- a change (growth in percent) is no part of a market
    CHECK (unit <> 'percent_change' OR kind = 'rate' OR kind = 'other')
) STRICT;
CREATE INDEX metrics_source ON metrics (source_id);
