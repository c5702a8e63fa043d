// Written by scripts/schema-reference.sh from the migrations; do not edit by hand.

extension SchemaReference {
    /// sqlite_master of a new file, in rowid order, each SQL with runs of whitespace made one space.
    static let expected: [SchemaObject] = [
        SchemaObject(type: "table", name: "ingests", table: "ingests",
                     sql: #"""
                         CREATE TABLE ingests ( id INTEGER PRIMARY KEY, at TEXT NOT NULL, -- UTC timestamp, ISO 8601 command TEXT NOT \#
                         NULL, -- e.g. 'ingest', 'add-deal', 'seed' inputs TEXT -- files read, ';'-separated ) STRICT
                         """#),
        SchemaObject(type: "table", name: "companies", table: "companies",
                     sql: #"""
                         CREATE TABLE companies ( id INTEGER PRIMARY KEY, entry_key TEXT UNIQUE, name TEXT NOT NULL UNIQUE COLLATE \#
                         NOCASE CHECK (length(trim(name)) > 0), kind TEXT NOT NULL DEFAULT 'company' CHECK (kind IN ('company', 'lab', \#
                         'university', 'government', 'nonprofit', 'aggregate')), parent_id INTEGER REFERENCES companies(id), country \#
                         TEXT CHECK (country IS NULL OR (length(country) = 2 AND country GLOB '[A-Z][A-Z]')), note TEXT, verification \#
                         TEXT NOT NULL DEFAULT 'unverified' CHECK (verification IN ('unverified', 'verified', 'disputed', \#
                         'contradicted')), ingest_id INTEGER REFERENCES ingests(id), CHECK (parent_id IS NULL OR parent_id <> id) ) \#
                         STRICT
                         """#),
        SchemaObject(type: "index", name: "companies_parent", table: "companies",
                     sql: #"CREATE INDEX companies_parent ON companies (parent_id)"#),
        SchemaObject(type: "table", name: "company_aliases", table: "company_aliases",
                     sql: #"""
                         CREATE TABLE company_aliases ( alias TEXT PRIMARY KEY COLLATE NOCASE CHECK (length(trim(alias)) > 0), \#
                         company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE ) STRICT
                         """#),
        SchemaObject(type: "index", name: "company_aliases_company", table: "company_aliases",
                     sql: #"CREATE INDEX company_aliases_company ON company_aliases (company_id)"#),
        SchemaObject(type: "table", name: "deals", table: "deals",
                     sql: #"""
                         CREATE TABLE deals ( id INTEGER PRIMARY KEY, entry_key TEXT UNIQUE, identity TEXT NOT NULL UNIQUE, -- \#
                         date|kind|sorted parties|source, for idempotent ingest date TEXT NOT NULL CHECK (date GLOB \#
                         '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(date, '+0 days') IS date), precision TEXT NOT NULL \#
                         DEFAULT 'day' CHECK (precision IN ('year', 'quarter', 'month', 'day')), title TEXT NOT NULL CHECK \#
                         (length(trim(title)) > 0), kind TEXT NOT NULL CHECK (kind IN ('cloud_contract', 'investment', 'acquisition', \#
                         'partnership', 'licensing', 'hardware_purchase', 'other')), value REAL CHECK (value IS NULL OR value >= 0), \#
                         currency TEXT CHECK (currency IS NULL OR (length(currency) = 3 AND currency GLOB '[A-Z][A-Z][A-Z]')), \#
                         qualifier TEXT NOT NULL DEFAULT 'exact' CHECK (qualifier IN ('exact', 'at_least', 'at_most', 'approx', \#
                         'estimate')), term_months INTEGER CHECK (term_months IS NULL OR term_months > 0), status TEXT NOT NULL DEFAULT \#
                         'reported' CHECK (status IN ('rumored', 'reported', 'announced', 'signed', 'completed', 'cancelled')), \#
                         source_id INTEGER NOT NULL REFERENCES sources(id), cited_by_id INTEGER REFERENCES sources(id), note TEXT, \#
                         verification TEXT NOT NULL DEFAULT 'unverified' CHECK (verification IN ('unverified', 'verified', 'disputed', \#
                         'contradicted')), ingest_id INTEGER REFERENCES ingests(id), CHECK (value IS NULL OR currency IS NOT NULL), \#
                         CHECK (precision <> 'year' OR substr(date, 6) = '01-01'), CHECK (precision <> 'quarter' OR substr(date, 6) IN \#
                         ('01-01', '04-01', '07-01', '10-01')), CHECK (precision <> 'month' OR substr(date, 9) = '01') ) STRICT
                         """#),
        SchemaObject(type: "index", name: "deals_date", table: "deals",
                     sql: #"CREATE INDEX deals_date ON deals (date)"#),
        SchemaObject(type: "index", name: "deals_source", table: "deals",
                     sql: #"CREATE INDEX deals_source ON deals (source_id)"#),
        SchemaObject(type: "table", name: "deal_parties", table: "deal_parties",
                     sql: #"""
                         CREATE TABLE deal_parties ( deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE, company_id \#
                         INTEGER NOT NULL REFERENCES companies(id), role TEXT NOT NULL CHECK (role IN ('customer', 'provider', \#
                         'investor', 'investee', 'acquirer', 'target', 'partner')), PRIMARY KEY (deal_id, company_id, role) ) STRICT
                         """#),
        SchemaObject(type: "index", name: "deal_parties_company", table: "deal_parties",
                     sql: #"CREATE INDEX deal_parties_company ON deal_parties (company_id)"#),
        SchemaObject(type: "table", name: "alliances", table: "alliances",
                     sql: #"""
                         CREATE TABLE alliances ( id INTEGER PRIMARY KEY, entry_key TEXT UNIQUE, name TEXT NOT NULL UNIQUE COLLATE \#
                         NOCASE CHECK (length(trim(name)) > 0), date TEXT CHECK (date IS NULL OR (date GLOB \#
                         '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(date, '+0 days') IS date)), precision TEXT CHECK \#
                         (precision IN ('year', 'quarter', 'month', 'day')), purpose TEXT, url TEXT, source_id INTEGER REFERENCES \#
                         sources(id), cited_by_id INTEGER REFERENCES sources(id), note TEXT, verification TEXT NOT NULL DEFAULT \#
                         'unverified' CHECK (verification IN ('unverified', 'verified', 'disputed', 'contradicted')), ingest_id INTEGER \#
                         REFERENCES ingests(id), CHECK ((date IS NULL) = (precision IS NULL)) ) STRICT
                         """#),
        SchemaObject(type: "table", name: "alliance_members", table: "alliance_members",
                     sql: #"""
                         CREATE TABLE alliance_members ( id INTEGER PRIMARY KEY, entry_key TEXT UNIQUE, alliance_id INTEGER NOT NULL \#
                         REFERENCES alliances(id) ON DELETE CASCADE, company_id INTEGER NOT NULL REFERENCES companies(id), date TEXT \#
                         CHECK (date IS NULL OR (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(date, '+0 days') IS \#
                         date)), precision TEXT CHECK (precision IN ('year', 'quarter', 'month', 'day')), left TEXT CHECK (left IS NULL \#
                         OR (left GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(left, '+0 days') IS left)), left_precision \#
                         TEXT CHECK (left_precision IN ('year', 'quarter', 'month', 'day')), role TEXT NOT NULL DEFAULT 'member' CHECK \#
                         (role IN ('founding', 'member')), source_id INTEGER NOT NULL REFERENCES sources(id), cited_by_id INTEGER \#
                         REFERENCES sources(id), note TEXT, verification TEXT NOT NULL DEFAULT 'unverified' CHECK (verification IN \#
                         ('unverified', 'verified', 'disputed', 'contradicted')), ingest_id INTEGER REFERENCES ingests(id), UNIQUE \#
                         (alliance_id, company_id), CHECK ((date IS NULL) = (precision IS NULL)), CHECK ((left IS NULL) = \#
                         (left_precision IS NULL)), CHECK (left IS NULL OR date IS NULL OR left >= date) ) STRICT
                         """#),
        SchemaObject(type: "index", name: "alliance_members_company", table: "alliance_members",
                     sql: #"CREATE INDEX alliance_members_company ON alliance_members (company_id)"#),
        SchemaObject(type: "table", name: "fx_rates", table: "fx_rates",
                     sql: #"""
                         CREATE TABLE fx_rates ( id INTEGER PRIMARY KEY, entry_key TEXT UNIQUE, currency TEXT NOT NULL CHECK \#
                         (length(currency) = 3 AND currency GLOB '[A-Z][A-Z][A-Z]'), date TEXT NOT NULL CHECK (date GLOB \#
                         '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(date, '+0 days') IS date), usd REAL NOT NULL CHECK (usd \#
                         > 0), -- US dollars for one unit of currency source_id INTEGER REFERENCES sources(id), note TEXT, ingest_id \#
                         INTEGER REFERENCES ingests(id), UNIQUE (currency, date) ) STRICT
                         """#),
        SchemaObject(type: "view", name: "company_ultimate_parents", table: "company_ultimate_parents",
                     sql: #"""
                         CREATE VIEW company_ultimate_parents AS SELECT c.id AS company_id, c.name AS company, c.kind AS kind, p1.id AS \#
                         parent_id, p1.name AS parent, coalesce(p8.id, p7.id, p6.id, p5.id, p4.id, p3.id, p2.id, p1.id, c.id) AS \#
                         ultimate_parent_id, coalesce(p8.name, p7.name, p6.name, p5.name, p4.name, p3.name, p2.name, p1.name, c.name) \#
                         AS ultimate_parent, (p1.id IS NOT NULL) + (p2.id IS NOT NULL) + (p3.id IS NOT NULL) + (p4.id IS NOT NULL) + \#
                         (p5.id IS NOT NULL) + (p6.id IS NOT NULL) + (p7.id IS NOT NULL) + (p8.id IS NOT NULL) AS depth FROM companies \#
                         c LEFT JOIN companies p1 ON p1.id = c.parent_id LEFT JOIN companies p2 ON p2.id = p1.parent_id LEFT JOIN \#
                         companies p3 ON p3.id = p2.parent_id LEFT JOIN companies p4 ON p4.id = p3.parent_id LEFT JOIN companies p5 ON \#
                         p5.id = p4.parent_id LEFT JOIN companies p6 ON p6.id = p5.parent_id LEFT JOIN companies p7 ON p7.id = \#
                         p6.parent_id LEFT JOIN companies p8 ON p8.id = p7.parent_id
                         """#),
        SchemaObject(type: "view", name: "deal_parties_named", table: "deal_parties_named",
                     sql: #"""
                         CREATE VIEW deal_parties_named AS SELECT d.id AS deal_id, d.date, d.title, c.id AS company_id, c.name AS \#
                         company, dp.role FROM deal_parties dp JOIN deals d ON d.id = dp.deal_id JOIN companies c ON c.id = \#
                         dp.company_id
                         """#),
        SchemaObject(type: "view", name: "statistics_overview", table: "statistics_overview",
                     sql: #"""
                         CREATE VIEW statistics_overview AS SELECT st.id, st.metric, st.measure, st.date, st.precision, c.name AS \#
                         company, c.kind AS company_kind, up.ultimate_parent, st.segment, st.region, st.value, st.low, st.high, \#
                         st.unit, st.qualifier, st.forecast, s.name AS source, s.url AS source_url, cb.name AS cited_by, \#
                         st.verification, st.note, st.entry_key FROM statistics st JOIN sources s ON s.id = st.source_id LEFT JOIN \#
                         sources cb ON cb.id = st.cited_by_id LEFT JOIN companies c ON c.id = st.company_id LEFT JOIN \#
                         company_ultimate_parents up ON up.company_id = st.company_id
                         """#),
        SchemaObject(type: "view", name: "memberships_overview", table: "memberships_overview",
                     sql: #"""
                         CREATE VIEW memberships_overview AS SELECT m.id, a.name AS alliance, c.name AS company, c.kind AS \#
                         company_kind, m.role, m.date, m.precision, m.left, s.name AS source, s.url AS source_url, cb.name AS cited_by, \#
                         m.verification, m.note FROM alliance_members m JOIN alliances a ON a.id = m.alliance_id JOIN companies c ON \#
                         c.id = m.company_id JOIN sources s ON s.id = m.source_id LEFT JOIN sources cb ON cb.id = m.cited_by_id
                         """#),
        SchemaObject(type: "index", name: "deals_cited_by", table: "deals",
                     sql: #"CREATE INDEX deals_cited_by ON deals (cited_by_id) WHERE cited_by_id IS NOT NULL"#),
        SchemaObject(type: "index", name: "alliance_members_source", table: "alliance_members",
                     sql: #"CREATE INDEX alliance_members_source ON alliance_members (source_id)"#),
        SchemaObject(type: "table", name: "statistics", table: "statistics",
                     sql: #"""
                         CREATE TABLE "statistics" ( id INTEGER PRIMARY KEY, entry_key TEXT UNIQUE, identity TEXT NOT NULL UNIQUE, -- \#
                         metric|measure|date|company|segment|region|source metric TEXT NOT NULL CHECK (metric GLOB '[a-z]*' AND metric \#
                         NOT GLOB '*[^a-z0-9_]*'), measure TEXT NOT NULL DEFAULT 'value' CHECK (measure = 'value' OR measure = 'cr1' OR \#
                         measure = 'cr2' OR measure = 'cr3' OR measure = 'cr4' OR measure = 'cr5' OR measure = 'cr6' OR measure = 'cr7' \#
                         OR measure = 'cr8' OR measure = 'cr9' OR measure = 'cr10' OR measure = 'hhi'), date TEXT NOT NULL CHECK (date \#
                         GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(date, '+0 days') IS date), precision TEXT NOT NULL \#
                         DEFAULT 'day' CHECK (precision = 'year' OR precision = 'quarter' OR precision = 'month' OR precision = 'day'), \#
                         company_id INTEGER REFERENCES companies(id), -- NULL: the whole market segment TEXT CHECK (segment IS NULL OR \#
                         length(trim(segment)) > 0), region TEXT CHECK (region IS NULL OR length(trim(region)) > 0), value REAL NOT \#
                         NULL, low REAL, high REAL, unit TEXT NOT NULL CHECK (length(trim(unit)) > 0), qualifier TEXT NOT NULL DEFAULT \#
                         'exact' CHECK (qualifier = 'exact' OR qualifier = 'at_least' OR qualifier = 'at_most' OR qualifier = 'approx' \#
                         OR qualifier = 'estimate'), forecast INTEGER NOT NULL DEFAULT 0 CHECK (forecast = 0 OR forecast = 1), \#
                         source_id INTEGER NOT NULL REFERENCES sources(id), cited_by_id INTEGER REFERENCES sources(id), note TEXT, \#
                         verification TEXT NOT NULL DEFAULT 'unverified' CHECK (verification = 'unverified' OR verification = \#
                         'verified' OR verification = 'disputed' OR verification = 'contradicted'), ingest_id INTEGER REFERENCES \#
                         ingests(id), -- values are non-negative, except a change in percent (growth may be negative) CHECK (unit = \#
                         'percent_change' OR value >= 0), CHECK (unit = 'percent_change' OR low IS NULL OR low >= 0), -- shares and \#
                         concentration ratios are percents within 0..100; HHI is 0..10000 points CHECK (unit <> 'percent' OR (value <= \#
                         100 AND (high IS NULL OR high <= 100))), CHECK (measure NOT GLOB 'cr*' OR unit = 'percent'), CHECK (measure <> \#
                         'hhi' OR (unit = 'points' AND value <= 10000)), CHECK (low IS NULL OR low <= value), CHECK (high IS NULL OR \#
                         high >= value), CHECK (precision <> 'year' OR substr(date, 6) = '01-01'), CHECK (precision <> 'quarter' OR \#
                         substr(date, 6) = '01-01' OR substr(date, 6) = '04-01' OR substr(date, 6) = '07-01' OR substr(date, 6) = \#
                         '10-01'), CHECK (precision <> 'month' OR substr(date, 9) = '01') ) STRICT
                         """#),
        SchemaObject(type: "index", name: "statistics_metric_date", table: "statistics",
                     sql: #"CREATE INDEX statistics_metric_date ON statistics (metric, measure, date)"#),
        SchemaObject(type: "index", name: "statistics_company", table: "statistics",
                     sql: #"CREATE INDEX statistics_company ON statistics (company_id)"#),
        SchemaObject(type: "index", name: "statistics_date", table: "statistics",
                     sql: #"CREATE INDEX statistics_date ON statistics (date)"#),
        SchemaObject(type: "index", name: "statistics_source", table: "statistics",
                     sql: #"CREATE INDEX statistics_source ON statistics (source_id)"#),
        SchemaObject(type: "index", name: "statistics_cited_by", table: "statistics",
                     sql: #"CREATE INDEX statistics_cited_by ON statistics (cited_by_id) WHERE cited_by_id IS NOT NULL"#),
        SchemaObject(type: "index", name: "statistics_market", table: "statistics",
                     sql: #"CREATE INDEX statistics_market ON statistics (metric, measure, date) WHERE company_id IS NULL"#),
        SchemaObject(type: "trigger", name: "statistics_one_unit_insert", table: "statistics",
                     sql: #"""
                         CREATE TRIGGER statistics_one_unit_insert BEFORE INSERT ON statistics WHEN NEW.measure = 'value' AND (SELECT \#
                         unit FROM statistics WHERE metric = NEW.metric AND measure = 'value' LIMIT 1) <> NEW.unit BEGIN SELECT \#
                         RAISE(ABORT, 'a metric has one unit: this metric is stored with another unit'); END
                         """#),
        SchemaObject(type: "trigger", name: "statistics_one_unit_update", table: "statistics",
                     sql: #"""
                         CREATE TRIGGER statistics_one_unit_update BEFORE UPDATE OF metric, measure, unit ON statistics WHEN \#
                         NEW.measure = 'value' AND (SELECT unit FROM statistics WHERE metric = NEW.metric AND measure = 'value' AND id \#
                         <> NEW.id LIMIT 1) <> NEW.unit BEGIN SELECT RAISE(ABORT, 'a metric has one unit: this metric is stored with \#
                         another unit'); END
                         """#),
        SchemaObject(type: "table", name: "deal_relations", table: "deal_relations",
                     sql: #"""
                         CREATE TABLE "deal_relations" ( deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE, -- the deal \#
                         that revises relation TEXT NOT NULL CHECK (relation = 'supersedes' OR relation = 'expands' OR relation = \#
                         'part_of'), other_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE, -- the deal it revises source_id \#
                         INTEGER REFERENCES sources(id), -- who states it; NULL: the deal's source PRIMARY KEY (deal_id, relation, \#
                         other_id), CHECK (deal_id <> other_id) ) STRICT
                         """#),
        SchemaObject(type: "index", name: "deal_relations_other", table: "deal_relations",
                     sql: #"CREATE INDEX deal_relations_other ON deal_relations (other_id)"#),
        SchemaObject(type: "index", name: "deal_relations_source", table: "deal_relations",
                     sql: #"CREATE INDEX deal_relations_source ON deal_relations (source_id) WHERE source_id IS NOT NULL"#),
        SchemaObject(type: "view", name: "deals_overview", table: "deals_overview",
                     sql: #"""
                         CREATE VIEW deals_overview AS SELECT o.*, CASE WHEN o.value IS NULL THEN 'no_value' WHEN o.verification = \#
                         'contradicted' THEN 'contradicted' WHEN o.superseded_by IS NOT NULL THEN 'superseded' WHEN o.status = \#
                         'cancelled' THEN 'cancelled' WHEN o.value_usd IS NULL THEN 'no_rate' WHEN o.status = 'rumored' THEN 'rumored' \#
                         WHEN o.part_of IS NOT NULL THEN 'part_of' ELSE 'counted' END AS in_total FROM ( SELECT d.id, d.date, \#
                         d.precision, d.title, d.kind, (SELECT group_concat(name || ' (' || role || ')', '; ') FROM (SELECT c.name, \#
                         dp.role FROM deal_parties dp JOIN companies c ON c.id = dp.company_id WHERE dp.deal_id = d.id ORDER BY \#
                         dp.role, c.name)) AS parties, d.value, d.currency, d.qualifier, CASE WHEN d.value IS NULL THEN NULL WHEN \#
                         d.currency = 'USD' THEN d.value ELSE d.value * (SELECT f.usd FROM fx_rates f WHERE f.currency = d.currency AND \#
                         f.date <= d.date ORDER BY f.date DESC LIMIT 1) END AS value_usd, d.term_months, d.status, s.name AS source, \#
                         s.url AS source_url, cb.name AS cited_by, d.verification, d.note, d.entry_key, (SELECT min(r.deal_id) FROM \#
                         deal_relations r WHERE r.other_id = d.id AND r.relation = 'supersedes') AS superseded_by, (SELECT \#
                         min(r.other_id) FROM deal_relations r JOIN deals p ON p.id = r.other_id WHERE r.deal_id = d.id AND r.relation \#
                         = 'part_of' AND p.value IS NOT NULL AND p.verification <> 'contradicted' AND p.status <> 'cancelled' AND \#
                         p.status <> 'rumored') AS part_of FROM deals d JOIN sources s ON s.id = d.source_id LEFT JOIN sources cb ON \#
                         cb.id = d.cited_by_id ) o
                         """#),
        SchemaObject(type: "table", name: "metrics", table: "metrics",
                     sql: #"""
                         CREATE TABLE metrics ( id INTEGER PRIMARY KEY, entry_key TEXT UNIQUE, name TEXT NOT NULL UNIQUE CHECK (name \#
                         GLOB '[a-z]*' AND name NOT GLOB '*[^a-z0-9_]*'), unit TEXT NOT NULL CHECK (length(trim(unit)) > 0), kind TEXT \#
                         NOT NULL CHECK (kind = 'share' OR kind = 'stock' OR kind = 'flow' OR kind = 'market_size' OR kind = 'rate' OR \#
                         kind = 'other'), market TEXT CHECK (market IS NULL OR length(trim(market)) > 0), -- what the firms share, in \#
                         words period TEXT CHECK (period IS NULL OR period = 'year' OR period = 'quarter' OR period = 'month' OR period \#
                         = 'day'), total_metric TEXT CHECK (total_metric IS NULL OR (total_metric GLOB '[a-z]*' AND total_metric NOT \#
                         GLOB '*[^a-z0-9_]*')), basis TEXT NOT NULL DEFAULT 'calendar' CHECK (basis = 'calendar' OR basis = 'fiscal'), \#
                         fiscal_start INTEGER CHECK (fiscal_start IS NULL OR (fiscal_start >= 1 AND fiscal_start <= 12)), source_id \#
                         INTEGER REFERENCES sources(id), note TEXT, verification TEXT NOT NULL DEFAULT 'unverified' CHECK (verification \#
                         = 'unverified' OR verification = 'verified' OR verification = 'disputed' OR verification = 'contradicted'), \#
                         ingest_id INTEGER REFERENCES ingests(id), top_list INTEGER NOT NULL DEFAULT 0 CHECK (top_list = 0 OR top_list \#
                         = 1), -- a fiscal year's first month only for a fiscal basis (NULL there: it differs by firm) CHECK (basis = \#
                         'fiscal' OR fiscal_start IS NULL), CHECK (total_metric IS NULL OR total_metric <> name), -- a change (growth \#
                         in percent) is no part of a market CHECK (unit <> 'percent_change' OR kind = 'rate' OR kind = 'other') ) \#
                         STRICT
                         """#),
        SchemaObject(type: "index", name: "metrics_source", table: "metrics",
                     sql: #"CREATE INDEX metrics_source ON metrics (source_id)"#),
        SchemaObject(type: "view", name: "metric_year_shares", table: "metric_year_shares",
                     sql: #"""
                         CREATE VIEW metric_year_shares AS SELECT metric, year, company, is_aggregate, value, unit, total, CASE WHEN \#
                         unit = 'percent' THEN value ELSE 100.0 * value / total END AS share, CASE WHEN is_aggregate THEN NULL ELSE \#
                         row_number() OVER (PARTITION BY metric, year, is_aggregate ORDER BY value DESC, lower(company)) END AS rank \#
                         FROM ( SELECT *, CASE WHEN unit = 'percent' THEN 100.0 ELSE max(sum_all, coalesce(market, 0)) END AS total \#
                         FROM ( SELECT f.*, (SELECT m.value FROM statistics m WHERE m.metric = f.metric AND m.measure = 'value' AND \#
                         m.company_id IS NULL AND m.forecast = 0 AND m.date BETWEEN printf('%04d-01-01', f.year) AND \#
                         printf('%04d-12-31', f.year) AND CASE WHEN f.as_of IS NULL THEN m.date = f.figure_date AND m.precision = \#
                         f.figure_precision ELSE m.date <= f.as_of END ORDER BY m.date DESC, m.verification = 'verified' DESC, \#
                         coalesce(m.ingest_id, 0) DESC, m.id DESC LIMIT 1) AS market, EXISTS (SELECT 1 FROM metrics d JOIN statistics t \#
                         ON t.metric = d.total_metric WHERE d.name = f.metric AND t.measure = 'value' AND t.company_id IS NULL AND \#
                         t.forecast = 0 AND t.date BETWEEN printf('%04d-01-01', f.year) AND printf('%04d-12-31', f.year) AND CASE WHEN \#
                         f.as_of IS NULL THEN t.date = f.figure_date AND t.precision = f.figure_precision ELSE t.date <= f.as_of END) \#
                         AS has_total_metric FROM ( -- (each level's window functions share one PARTITION BY: SQLite pushes a filter on \#
                         -- metric and year into a subquery with window functions only then) SELECT *, sum(value) OVER (PARTITION BY \#
                         metric, year) AS sum_all, sum(CASE WHEN is_aggregate THEN value ELSE 0 END) OVER (PARTITION BY metric, year) \#
                         AS agg_sum, sum(CASE WHEN is_aggregate THEN 0 ELSE 1 END) OVER (PARTITION BY metric, year) AS firm_count, \#
                         max(date) OVER (PARTITION BY metric, year) AS figure_date, max(precision) OVER (PARTITION BY metric, year) AS \#
                         figure_precision FROM ( -- a flow's values are all of one date and precision; a stock's share one as_of SELECT \#
                         metric, year, unit, company, is_aggregate, value, date, precision, as_of FROM ( SELECT metric, year, unit, grp \#
                         AS company, is_aggregate, date, precision, as_of, sum(value) OVER (PARTITION BY metric, year, grp, \#
                         is_aggregate) AS value, row_number() OVER (PARTITION BY metric, year, grp, is_aggregate) AS k FROM (SELECT *, \#
                         CASE WHEN is_aggregate THEN company ELSE ultimate_parent END AS grp FROM metric_year_values) ) WHERE k = 1 ) ) \#
                         f WHERE EXISTS (SELECT 1 FROM metrics d WHERE d.name = f.metric AND (d.kind = 'share' OR d.kind = 'stock' OR \#
                         d.kind = 'flow') AND d.basis = 'calendar') ) ) WHERE total > 0 AND sum_all - agg_sum > 0 AND ((unit <> \#
                         'percent' AND market > sum_all) OR has_total_metric OR (CASE WHEN unit = 'percent' THEN sum_all >= 99 ELSE \#
                         agg_sum > 0 END) OR firm_count >= 3) ORDER BY metric, year, is_aggregate, rank, value DESC, lower(company)
                         """#),
        SchemaObject(type: "view", name: "metric_year_concentration", table: "metric_year_concentration",
                     sql: #"""
                         CREATE VIEW metric_year_concentration AS WITH agg AS ( SELECT metric, year, unit, total, firms, coverage, cr1, \#
                         cr3, cr4, cr5, hhi_low, s_min, rest, agg_sq, agg_share FROM ( SELECT metric, year, unit, total, count(CASE \#
                         WHEN NOT is_aggregate THEN 1 END) OVER w AS firms, sum(CASE WHEN NOT is_aggregate THEN share END) OVER w AS \#
                         coverage, sum(CASE WHEN rank <= 1 THEN share END) OVER w AS cr1, sum(CASE WHEN rank <= 3 THEN share END) OVER \#
                         w AS cr3, sum(CASE WHEN rank <= 4 THEN share END) OVER w AS cr4, sum(CASE WHEN rank <= 5 THEN share END) OVER \#
                         w AS cr5, sum(CASE WHEN NOT is_aggregate AND share > 0 THEN share * share END) OVER w AS hhi_low, min(CASE \#
                         WHEN NOT is_aggregate AND share > 0 THEN share END) OVER w AS s_min, coalesce(sum(CASE WHEN is_aggregate AND \#
                         share > 0 THEN share * share END) OVER w, 0) AS agg_sq, coalesce(sum(CASE WHEN is_aggregate AND share > 0 THEN \#
                         share END) OVER w, 0) AS agg_share, max(0, 100 - coalesce(sum(CASE WHEN NOT is_aggregate AND share > 0 THEN \#
                         share END) OVER w, 0)) AS rest, row_number() OVER w AS k FROM metric_year_shares WINDOW w AS (PARTITION BY \#
                         metric, year) ) WHERE k = 1 ), hhi AS ( -- with a top list (metrics.top_list) the rest as firms no larger than \#
                         the smallest named one; -- without, each aggregate and the unattributed tail may be one firm (issue 21, item \#
                         4) SELECT *, CASE WHEN top_list THEN hhi_low + k * s_min * s_min + max(0, rest - k * s_min) * max(0, rest - k \#
                         * s_min) ELSE hhi_low + agg_sq + max(0, rest - agg_share) * max(0, rest - agg_share) END AS hhi_high FROM \#
                         (SELECT *, CAST(rest / s_min + 1e-9 AS INTEGER) AS k, EXISTS (SELECT 1 FROM metrics d WHERE d.name = \#
                         agg.metric AND d.top_list = 1) AS top_list FROM agg WHERE s_min IS NOT NULL) ), bands AS ( SELECT *, CASE WHEN \#
                         hhi_low < 1000 THEN 'unconcentrated' WHEN hhi_low <= 1800 THEN 'moderately concentrated' ELSE 'highly \#
                         concentrated' END AS us2023_low, CASE WHEN hhi_high < 1000 THEN 'unconcentrated' WHEN hhi_high <= 1800 THEN \#
                         'moderately concentrated' ELSE 'highly concentrated' END AS us2023_high, CASE WHEN hhi_low < 1500 THEN \#
                         'unconcentrated' WHEN hhi_low <= 2500 THEN 'moderately concentrated' ELSE 'highly concentrated' END AS \#
                         us2010_low, CASE WHEN hhi_high < 1500 THEN 'unconcentrated' WHEN hhi_high <= 2500 THEN 'moderately \#
                         concentrated' ELSE 'highly concentrated' END AS us2010_high, CASE WHEN hhi_low < 1000 THEN 'unconcentrated' \#
                         WHEN hhi_low <= 2000 THEN 'moderately concentrated' ELSE 'highly concentrated' END AS eu2004_low, CASE WHEN \#
                         hhi_high < 1000 THEN 'unconcentrated' WHEN hhi_high <= 2000 THEN 'moderately concentrated' ELSE 'highly \#
                         concentrated' END AS eu2004_high FROM hhi ) SELECT metric, year, unit, total, coverage, firms, cr1, CASE WHEN \#
                         firms >= 3 THEN cr3 END AS cr3, CASE WHEN firms >= 4 THEN cr4 END AS cr4, CASE WHEN firms >= 5 THEN cr5 END AS \#
                         top5_share, hhi_low, hhi_high, CASE WHEN us2023_low = us2023_high THEN us2023_low ELSE us2023_low || ' to ' || \#
                         us2023_high END AS band_us2023, CASE WHEN us2010_low = us2010_high THEN us2010_low ELSE us2010_low || ' to ' \#
                         || us2010_high END AS band_us2010, CASE WHEN eu2004_low = eu2004_high THEN eu2004_low ELSE eu2004_low || ' to \#
                         ' || eu2004_high END AS band_eu2004 FROM bands
                         """#),
        SchemaObject(type: "table", name: "snapshots", table: "snapshots",
                     sql: #"""
                         CREATE TABLE snapshots ( id INTEGER PRIMARY KEY, recipe TEXT NOT NULL CHECK (length(trim(recipe)) > 0), url \#
                         TEXT NOT NULL, -- the file's URL, or its path for `pull --from` fetched_at TEXT NOT NULL, -- UTC timestamp, \#
                         ISO 8601 bytes INTEGER NOT NULL CHECK (bytes >= 0), sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND NOT \#
                         sha256 GLOB '*[^0-9a-f]*'), licence TEXT, licence_url TEXT, ingest_id INTEGER NOT NULL REFERENCES ingests(id) \#
                         ) STRICT
                         """#),
        SchemaObject(type: "table", name: "upstream_drops", table: "upstream_drops",
                     sql: #"""
                         CREATE TABLE upstream_drops ( statistic_id INTEGER PRIMARY KEY REFERENCES statistics(id) ON DELETE CASCADE, \#
                         snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ) STRICT
                         """#),
        SchemaObject(type: "index", name: "upstream_drops_snapshot", table: "upstream_drops",
                     sql: #"CREATE INDEX upstream_drops_snapshot ON upstream_drops (snapshot_id)"#),
        SchemaObject(type: "table", name: "entry_history", table: "entry_history",
                     sql: #"""
                         CREATE TABLE entry_history ( id INTEGER PRIMARY KEY, entry_table TEXT NOT NULL, -- statistics, deals, \#
                         companies, sources, alliances, alliance_members, fx_rates, metrics entry_id INTEGER NOT NULL, -- the row's id \#
                         in that table field TEXT NOT NULL, -- the column that changed old_value ANY, new_value ANY, old_ingest_id \#
                         INTEGER REFERENCES ingests(id), -- the run that wrote the old value (NULL: unknown) ingest_id INTEGER NOT NULL \#
                         REFERENCES ingests(id) -- the run that replaced it ) STRICT
                         """#),
        SchemaObject(type: "index", name: "entry_history_entry", table: "entry_history",
                     sql: #"CREATE INDEX entry_history_entry ON entry_history (entry_table, entry_id)"#),
        SchemaObject(type: "view", name: "metric_year_values", table: "metric_year_values",
                     sql: #"""
                         CREATE VIEW metric_year_values AS SELECT r.id AS statistic_id, r.metric, r.year, r.date, r.precision, c.name \#
                         AS company, c.kind = 'aggregate' AS is_aggregate, up.ultimate_parent, r.segment, r.value, r.unit, s.name AS \#
                         source, r.verification, r.same_date - 1 AS alternatives_set_aside, r.as_of, r.as_of IS NOT NULL AND r.date < \#
                         r.as_of AS carried FROM ( SELECT *, row_number() OVER (PARTITION BY metric, year, company_id, seg ORDER BY \#
                         verification = 'verified' DESC, coalesce(ingest_id, 0) DESC, id DESC) AS pick, count(*) OVER (PARTITION BY \#
                         metric, year, company_id, seg) AS same_date FROM ( SELECT id, metric, year, date, precision, company_id, \#
                         segment, seg, value, unit, source_id, verification, ingest_id, as_of FROM ( SELECT *, max(CASE WHEN prank = \#
                         best THEN date END) OVER (PARTITION BY metric, year) AS latest FROM ( SELECT *, min(prank) OVER (PARTITION BY \#
                         metric, year) AS best FROM (SELECT st.*, CAST(substr(st.date, 1, 4) AS INTEGER) AS year, \#
                         lower(coalesce(st.segment, '')) AS seg, CASE st.precision WHEN 'year' THEN 0 WHEN 'quarter' THEN 1 WHEN \#
                         'month' THEN 2 ELSE 3 END AS prank, NULL AS as_of FROM statistics st WHERE st.measure = 'value' AND \#
                         st.company_id IS NOT NULL AND st.forecast = 0 AND st.id NOT IN (SELECT statistic_id FROM upstream_drops) AND \#
                         NOT EXISTS (SELECT 1 FROM metrics m WHERE m.name = st.metric AND m.kind = 'stock')) ) ) WHERE prank = best AND \#
                         date = latest UNION ALL SELECT id, metric, year, date, precision, company_id, segment, seg, value, unit, \#
                         source_id, verification, ingest_id, as_of FROM ( SELECT s.*, y.year, y.as_of, lower(coalesce(s.segment, '')) \#
                         AS seg, max(s.date) OVER (PARTITION BY s.metric, y.year, s.company_id, lower(coalesce(s.segment, ''))) AS \#
                         latest FROM (SELECT st.metric, CAST(substr(st.date, 1, 4) AS INTEGER) AS year, max(st.date) AS as_of FROM \#
                         statistics st JOIN metrics m ON m.name = st.metric AND m.kind = 'stock' WHERE st.measure = 'value' AND \#
                         st.company_id IS NOT NULL AND st.forecast = 0 AND st.id NOT IN (SELECT statistic_id FROM upstream_drops) GROUP \#
                         BY st.metric, year) y JOIN statistics s ON s.metric = y.metric AND s.measure = 'value' AND s.company_id IS NOT \#
                         NULL AND s.forecast = 0 AND s.date <= y.as_of AND s.id NOT IN (SELECT statistic_id FROM upstream_drops) ) \#
                         WHERE date = latest ) ) r JOIN companies c ON c.id = r.company_id JOIN company_ultimate_parents up ON \#
                         up.company_id = r.company_id JOIN sources s ON s.id = r.source_id WHERE r.pick = 1
                         """#),
        SchemaObject(type: "table", name: "removed_entries", table: "removed_entries",
                     sql: #"""
                         CREATE TABLE removed_entries ( id INTEGER PRIMARY KEY, entry_table TEXT NOT NULL CHECK (entry_table IN \#
                         ('deals', 'statistics', 'companies', 'alliances', 'alliance_members', 'sources')), entry_id INTEGER NOT NULL, \#
                         -- the row's id in that table when it was removed or edited identity TEXT NOT NULL, -- what an ingest compares \#
                         (see docs/SCHEMA.md) entry_key TEXT, -- the entry's own id, if it had one reason TEXT NOT NULL CHECK (reason = \#
                         'removed' OR reason = 'edited'), record TEXT NOT NULL CHECK (json_valid(record)), ingest_id INTEGER NOT NULL \#
                         REFERENCES ingests(id) -- the run of the remove or edit ) STRICT
                         """#),
        SchemaObject(type: "index", name: "removed_entries_identity", table: "removed_entries",
                     sql: #"CREATE INDEX removed_entries_identity ON removed_entries (entry_table, identity)"#),
        SchemaObject(type: "index", name: "removed_entries_key", table: "removed_entries",
                     sql: #"""
                         CREATE INDEX removed_entries_key ON removed_entries (entry_table, entry_key) WHERE entry_key IS NOT NULL
                         """#),
        SchemaObject(type: "index", name: "removed_entries_ingest", table: "removed_entries",
                     sql: #"CREATE INDEX removed_entries_ingest ON removed_entries (ingest_id)"#),
        SchemaObject(type: "table", name: "sources", table: "sources",
                     sql: #"""
                         CREATE TABLE "sources" ( id INTEGER PRIMARY KEY, entry_key TEXT UNIQUE, -- the entry's own "id", if given name \#
                         TEXT NOT NULL CHECK (length(trim(name)) > 0), url TEXT, published TEXT CHECK (published IS NULL OR (published \#
                         GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(published, '+0 days') IS published)), precision \#
                         TEXT CHECK (precision IN ('year', 'quarter', 'month', 'day')), note TEXT, verification TEXT NOT NULL DEFAULT \#
                         'unverified' CHECK (verification IN ('unverified', 'verified', 'disputed', 'contradicted')), ingest_id INTEGER \#
                         REFERENCES ingests(id), via TEXT CHECK (via IS NULL OR length(trim(via)) > 0), -- the outlet of the page read, \#
                         when not the originator via_url TEXT CHECK (via_url IS NULL OR via IS NOT NULL), -- that page's address CHECK \#
                         ((published IS NULL) = (precision IS NULL)) ) STRICT
                         """#),
        SchemaObject(type: "index", name: "sources_name_url", table: "sources",
                     sql: #"CREATE UNIQUE INDEX sources_name_url ON sources (name COLLATE NOCASE, coalesce(url, via_url, ''))"#),
    ]
}
