-- aitrack schema, version 1.
-- Append-only once released: change the schema in a new file Migrations/NNNN_name.sql.
-- Every table is STRICT. Dates are ISO text YYYY-MM-DD (the first day of the stated
-- period) with a precision column: year, quarter, month or day.
-- docs/SCHEMA.md documents every table, column and view.

-- One row per write run (an ingest, an add-* command, the bundled seed): provenance, and
-- the order that "latest ingested" means in concentration.
CREATE TABLE ingests (
    id          INTEGER PRIMARY KEY,
    at          TEXT    NOT NULL,                        -- UTC timestamp, ISO 8601
    command     TEXT    NOT NULL,                        -- e.g. 'ingest', 'add-deal', 'seed'
    inputs      TEXT                                     -- files read, ';'-separated
) STRICT;

CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    entry_key   TEXT    UNIQUE,                          -- the entry's own "id", if given
    name        TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    url         TEXT,
    published   TEXT    CHECK (published IS NULL OR (published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(published, '+0 days') IS published)),
    precision   TEXT    CHECK (precision IN ('year', 'quarter', 'month', 'day')),
    note        TEXT,
    verification TEXT   NOT NULL DEFAULT 'unverified' CHECK (verification IN ('unverified', 'verified', 'disputed', 'contradicted')),
    ingest_id   INTEGER REFERENCES ingests(id),
    CHECK ((published IS NULL) = (precision IS NULL))
) STRICT;
-- A source is one document: the same name with another URL is another source.
CREATE UNIQUE INDEX sources_name_url ON sources (name COLLATE NOCASE, coalesce(url, ''));

CREATE TABLE companies (
    id          INTEGER PRIMARY KEY,
    entry_key   TEXT    UNIQUE,
    name        TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    kind        TEXT    NOT NULL DEFAULT 'company' CHECK (kind IN ('company', 'lab', 'university', 'government', 'nonprofit', 'aggregate')),
    parent_id   INTEGER REFERENCES companies(id),
    country     TEXT    CHECK (country IS NULL OR (length(country) = 2 AND country GLOB '[A-Z][A-Z]')),
    note        TEXT,
    verification TEXT   NOT NULL DEFAULT 'unverified' CHECK (verification IN ('unverified', 'verified', 'disputed', 'contradicted')),
    ingest_id   INTEGER REFERENCES ingests(id),
    CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
CREATE INDEX companies_parent ON companies (parent_id);

CREATE TABLE company_aliases (
    alias       TEXT    PRIMARY KEY COLLATE NOCASE CHECK (length(trim(alias)) > 0),
    company_id  INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE
) STRICT;
CREATE INDEX company_aliases_company ON company_aliases (company_id);

CREATE TABLE deals (
    id          INTEGER PRIMARY KEY,
    entry_key   TEXT    UNIQUE,
    identity    TEXT    NOT NULL UNIQUE,                 -- date|kind|sorted parties|source, for idempotent ingest
    date        TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(date, '+0 days') IS date),
    precision   TEXT    NOT NULL DEFAULT 'day' CHECK (precision IN ('year', 'quarter', 'month', 'day')),
    title       TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    kind        TEXT    NOT NULL CHECK (kind IN ('cloud_contract', 'investment', 'acquisition', 'partnership', 'licensing', 'hardware_purchase', 'other')),
    value       REAL    CHECK (value IS NULL OR value >= 0),
    currency    TEXT    CHECK (currency IS NULL OR (length(currency) = 3 AND currency GLOB '[A-Z][A-Z][A-Z]')),
    qualifier   TEXT    NOT NULL DEFAULT 'exact' CHECK (qualifier IN ('exact', 'at_least', 'at_most', 'approx', 'estimate')),
    term_months INTEGER CHECK (term_months IS NULL OR term_months > 0),
    status      TEXT    NOT NULL DEFAULT 'reported' CHECK (status IN ('rumored', 'reported', 'announced', 'signed', 'completed', 'cancelled')),
    source_id   INTEGER NOT NULL REFERENCES sources(id),
    cited_by_id INTEGER REFERENCES sources(id),
    note        TEXT,
    verification TEXT   NOT NULL DEFAULT 'unverified' CHECK (verification IN ('unverified', 'verified', 'disputed', 'contradicted')),
    ingest_id   INTEGER REFERENCES ingests(id),
    CHECK (value IS NULL OR currency IS NOT NULL),
    CHECK (precision <> 'year' OR substr(date, 6) = '01-01'),
    CHECK (precision <> 'quarter' OR substr(date, 6) IN ('01-01', '04-01', '07-01', '10-01')),
    CHECK (precision <> 'month' OR substr(date, 9) = '01')
) STRICT;
CREATE INDEX deals_date ON deals (date);
CREATE INDEX deals_source ON deals (source_id);

CREATE TABLE deal_parties (
    deal_id     INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
    company_id  INTEGER NOT NULL REFERENCES companies(id),
    role        TEXT    NOT NULL CHECK (role IN ('customer', 'provider', 'investor', 'investee', 'acquirer', 'target', 'partner')),
    PRIMARY KEY (deal_id, company_id, role)
) STRICT;
CREATE INDEX deal_parties_company ON deal_parties (company_id);

CREATE TABLE alliances (
    id          INTEGER PRIMARY KEY,
    entry_key   TEXT    UNIQUE,
    name        TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    date        TEXT    CHECK (date IS NULL OR (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(date, '+0 days') IS date)),
    precision   TEXT    CHECK (precision IN ('year', 'quarter', 'month', 'day')),
    purpose     TEXT,
    url         TEXT,
    source_id   INTEGER REFERENCES sources(id),
    cited_by_id INTEGER REFERENCES sources(id),
    note        TEXT,
    verification TEXT   NOT NULL DEFAULT 'unverified' CHECK (verification IN ('unverified', 'verified', 'disputed', 'contradicted')),
    ingest_id   INTEGER REFERENCES ingests(id),
    CHECK ((date IS NULL) = (precision IS NULL))
) STRICT;

CREATE TABLE alliance_members (
    id          INTEGER PRIMARY KEY,
    entry_key   TEXT    UNIQUE,
    alliance_id INTEGER NOT NULL REFERENCES alliances(id) ON DELETE CASCADE,
    company_id  INTEGER NOT NULL REFERENCES companies(id),
    date        TEXT    CHECK (date IS NULL OR (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(date, '+0 days') IS date)),
    precision   TEXT    CHECK (precision IN ('year', 'quarter', 'month', 'day')),
    left        TEXT    CHECK (left IS NULL OR (left GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(left, '+0 days') IS left)),
    left_precision TEXT CHECK (left_precision IN ('year', 'quarter', 'month', 'day')),
    role        TEXT    NOT NULL DEFAULT 'member' CHECK (role IN ('founding', 'member')),
    source_id   INTEGER NOT NULL REFERENCES sources(id),
    cited_by_id INTEGER REFERENCES sources(id),
    note        TEXT,
    verification TEXT   NOT NULL DEFAULT 'unverified' CHECK (verification IN ('unverified', 'verified', 'disputed', 'contradicted')),
    ingest_id   INTEGER REFERENCES ingests(id),
    UNIQUE (alliance_id, company_id),
    CHECK ((date IS NULL) = (precision IS NULL)),
    CHECK ((left IS NULL) = (left_precision IS NULL)),
    CHECK (left IS NULL OR date IS NULL OR left >= date)
) STRICT;
CREATE INDEX alliance_members_company ON alliance_members (company_id);

CREATE TABLE statistics (
    id          INTEGER PRIMARY KEY,
    entry_key   TEXT    UNIQUE,
    identity    TEXT    NOT NULL UNIQUE,                 -- metric|measure|date|company|segment|region|source
    metric      TEXT    NOT NULL CHECK (metric GLOB '[a-z]*' AND metric NOT GLOB '*[^a-z0-9_]*'),
    measure     TEXT    NOT NULL DEFAULT 'value' CHECK (measure IN ('value', 'cr1', 'cr2', 'cr3', 'cr4', 'cr5', 'cr6', 'cr7', 'cr8', 'cr9', 'cr10', 'hhi')),
    date        TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(date, '+0 days') IS date),
    precision   TEXT    NOT NULL DEFAULT 'day' CHECK (precision IN ('year', 'quarter', 'month', 'day')),
    company_id  INTEGER REFERENCES companies(id),        -- NULL: the whole market
    segment     TEXT    CHECK (segment IS NULL OR length(trim(segment)) > 0),
    region      TEXT    CHECK (region IS NULL OR length(trim(region)) > 0),
    value       REAL    NOT NULL,
    low         REAL,
    high        REAL,
    unit        TEXT    NOT NULL CHECK (length(trim(unit)) > 0),
    qualifier   TEXT    NOT NULL DEFAULT 'exact' CHECK (qualifier IN ('exact', 'at_least', 'at_most', 'approx', 'estimate')),
    forecast    INTEGER NOT NULL DEFAULT 0 CHECK (forecast IN (0, 1)),
    source_id   INTEGER NOT NULL REFERENCES sources(id),
    cited_by_id INTEGER REFERENCES sources(id),
    note        TEXT,
    verification TEXT   NOT NULL DEFAULT 'unverified' CHECK (verification IN ('unverified', 'verified', 'disputed', 'contradicted')),
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
    CHECK (precision <> 'quarter' OR substr(date, 6) IN ('01-01', '04-01', '07-01', '10-01')),
    CHECK (precision <> 'month' OR substr(date, 9) = '01')
) STRICT;
CREATE INDEX statistics_metric_date ON statistics (metric, measure, date);
CREATE INDEX statistics_company ON statistics (company_id);
CREATE INDEX statistics_date ON statistics (date);

-- One unit per metric (for measure 'value'): the database itself refuses a second unit.
-- (two range seeks on statistics_metric_unit, not a scan of the metric's rows)
CREATE INDEX statistics_metric_unit ON statistics (metric, measure, unit);
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

CREATE TABLE fx_rates (
    id          INTEGER PRIMARY KEY,
    entry_key   TEXT    UNIQUE,
    currency    TEXT    NOT NULL CHECK (length(currency) = 3 AND currency GLOB '[A-Z][A-Z][A-Z]'),
    date        TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(date, '+0 days') IS date),
    usd         REAL    NOT NULL CHECK (usd > 0),        -- US dollars for one unit of currency
    source_id   INTEGER REFERENCES sources(id),
    note        TEXT,
    ingest_id   INTEGER REFERENCES ingests(id),
    UNIQUE (currency, date)
) STRICT;

-- ─── Views ────────────────────────────────────────────────────────────────────────────

-- Every company with its parent and its ultimate parent (itself if it has none). Chains of
-- parents are followed up to 8 levels (aitrack refuses deeper ones); plain joins on primary
-- keys, so that joining this view to millions of statistics stays a lookup per row.
CREATE VIEW company_ultimate_parents AS
SELECT c.id AS company_id, c.name AS company, c.kind AS kind,
       p1.id AS parent_id, p1.name AS parent,
       coalesce(p8.id, p7.id, p6.id, p5.id, p4.id, p3.id, p2.id, p1.id, c.id) AS ultimate_parent_id,
       coalesce(p8.name, p7.name, p6.name, p5.name, p4.name, p3.name, p2.name, p1.name, c.name) AS ultimate_parent,
       (p1.id IS NOT NULL) + (p2.id IS NOT NULL) + (p3.id IS NOT NULL) + (p4.id IS NOT NULL) + (p5.id IS NOT NULL) + (p6.id IS NOT NULL) + (p7.id IS NOT NULL) + (p8.id IS NOT NULL) AS depth
FROM companies c
LEFT JOIN companies p1 ON p1.id = c.parent_id
LEFT JOIN companies p2 ON p2.id = p1.parent_id
LEFT JOIN companies p3 ON p3.id = p2.parent_id
LEFT JOIN companies p4 ON p4.id = p3.parent_id
LEFT JOIN companies p5 ON p5.id = p4.parent_id
LEFT JOIN companies p6 ON p6.id = p5.parent_id
LEFT JOIN companies p7 ON p7.id = p6.parent_id
LEFT JOIN companies p8 ON p8.id = p7.parent_id;

-- One row per deal party, with names.
CREATE VIEW deal_parties_named AS
SELECT d.id AS deal_id, d.date, d.title, c.id AS company_id, c.name AS company, dp.role
FROM deal_parties dp
JOIN deals d ON d.id = dp.deal_id
JOIN companies c ON c.id = dp.company_id;

-- One row per deal: parties as 'Company (role); …', source names, USD value from fx_rates.
CREATE VIEW deals_overview AS
SELECT d.id, d.date, d.precision, d.title, d.kind,
       (SELECT group_concat(name || ' (' || role || ')', '; ')
          FROM (SELECT c.name, dp.role FROM deal_parties dp JOIN companies c ON c.id = dp.company_id
                WHERE dp.deal_id = d.id ORDER BY dp.role, c.name)) AS parties,
       d.value, d.currency, d.qualifier,
       CASE WHEN d.value IS NULL THEN NULL
            WHEN d.currency = 'USD' THEN d.value
            ELSE d.value * (SELECT f.usd FROM fx_rates f WHERE f.currency = d.currency AND f.date <= d.date
                            ORDER BY f.date DESC LIMIT 1) END AS value_usd,
       d.term_months, d.status,
       s.name AS source, s.url AS source_url, cb.name AS cited_by,
       d.verification, d.note, d.entry_key
FROM deals d
JOIN sources s ON s.id = d.source_id
LEFT JOIN sources cb ON cb.id = d.cited_by_id;

-- One row per statistic with company, ultimate parent and source names.
CREATE VIEW statistics_overview AS
SELECT st.id, st.metric, st.measure, st.date, st.precision,
       c.name AS company, c.kind AS company_kind, up.ultimate_parent,
       st.segment, st.region, st.value, st.low, st.high, st.unit, st.qualifier, st.forecast,
       s.name AS source, s.url AS source_url, cb.name AS cited_by,
       st.verification, st.note, st.entry_key
FROM statistics st
JOIN sources s ON s.id = st.source_id
LEFT JOIN sources cb ON cb.id = st.cited_by_id
LEFT JOIN companies c ON c.id = st.company_id
LEFT JOIN company_ultimate_parents up ON up.company_id = st.company_id;

-- One row per alliance membership with names.
CREATE VIEW memberships_overview AS
SELECT m.id, a.name AS alliance, c.name AS company, c.kind AS company_kind, m.role,
       m.date, m.precision, m.left, s.name AS source, s.url AS source_url, cb.name AS cited_by,
       m.verification, m.note
FROM alliance_members m
JOIN alliances a ON a.id = m.alliance_id
JOIN companies c ON c.id = m.company_id
JOIN sources s ON s.id = m.source_id
LEFT JOIN sources cb ON cb.id = m.cited_by_id;
