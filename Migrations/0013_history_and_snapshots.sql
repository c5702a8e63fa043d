-- aitrack schema, version 13: pulls from upstream and the history of revised entries (issue 24,
-- items 2 and 4; docs/SCHEMA.md, docs/INGEST.md "Keeping the data current").
--
-- snapshots: one row per upstream file an `aitrack pull --apply` took (where from, when, its size
-- and SHA-256, licence and recipe), with the run that wrote its entries.
-- upstream_drops: statistics the source's file no longer has at a pull. They are kept (never
-- deleted) and marked here; they are out of every computed figure (this view and the commands),
-- since the source withdrew them. A later file that has them again takes the mark away.
-- entry_history: one row per field an `--apply` or `--replace` changed: the value before and
-- after, the run that wrote the old value and the one that replaced it.

CREATE TABLE snapshots (
    id INTEGER PRIMARY KEY,
    recipe TEXT NOT NULL CHECK (length(trim(recipe)) > 0),
    url TEXT NOT NULL,           -- the file's URL, or its path for `pull --from`
    fetched_at TEXT NOT NULL,    -- UTC timestamp, ISO 8601
    bytes INTEGER NOT NULL CHECK (bytes >= 0),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND NOT sha256 GLOB '*[^0-9a-f]*'),
    licence TEXT,
    licence_url TEXT,
    ingest_id INTEGER NOT NULL REFERENCES ingests(id)
) STRICT;

CREATE TABLE upstream_drops (
    statistic_id INTEGER PRIMARY KEY REFERENCES statistics(id) ON DELETE CASCADE,
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id)
) STRICT;
CREATE INDEX upstream_drops_snapshot ON upstream_drops (snapshot_id);

CREATE TABLE entry_history (
    id INTEGER PRIMARY KEY,
    entry_table TEXT NOT NULL,   -- statistics, deals, companies, sources, alliances, alliance_members, fx_rates, metrics
    entry_id INTEGER NOT NULL,   -- the row's id in that table
    field TEXT NOT NULL,         -- the column that changed
    old_value ANY,
    new_value ANY,
    old_ingest_id INTEGER REFERENCES ingests(id),   -- the run that wrote the old value (NULL: unknown)
    ingest_id INTEGER NOT NULL REFERENCES ingests(id)   -- the run that replaced it
) STRICT;
CREATE INDEX entry_history_entry ON entry_history (entry_table, entry_id);

-- Steps 1-2 of 0011, without the statistics upstream dropped.
DROP VIEW metric_year_values;

CREATE VIEW metric_year_values AS
SELECT r.id AS statistic_id, r.metric, r.year, r.date, r.precision, c.name AS company, c.kind = 'aggregate' AS is_aggregate,
       up.ultimate_parent, r.segment, r.value, r.unit, s.name AS source, r.verification,
       r.same_date - 1 AS alternatives_set_aside, r.as_of, r.as_of IS NOT NULL AND r.date < r.as_of AS carried
FROM (
    SELECT *, row_number() OVER (PARTITION BY metric, year, company_id, seg
                                 ORDER BY verification = 'verified' DESC, coalesce(ingest_id, 0) DESC, id DESC) AS pick,
              count(*) OVER (PARTITION BY metric, year, company_id, seg) AS same_date
    FROM (
        SELECT id, metric, year, date, precision, company_id, segment, seg, value, unit, source_id, verification, ingest_id, as_of FROM (
            SELECT *, max(CASE WHEN prank = best THEN date END) OVER (PARTITION BY metric, year) AS latest
            FROM (
                SELECT *, min(prank) OVER (PARTITION BY metric, year) AS best
                FROM (SELECT st.*, CAST(substr(st.date, 1, 4) AS INTEGER) AS year, lower(coalesce(st.segment, '')) AS seg,
                             CASE st.precision WHEN 'year' THEN 0 WHEN 'quarter' THEN 1 WHEN 'month' THEN 2 ELSE 3 END AS prank,
                             NULL AS as_of
                      FROM statistics st WHERE st.measure = 'value' AND st.company_id IS NOT NULL AND st.forecast = 0
                        AND st.id NOT IN (SELECT statistic_id FROM upstream_drops)
                        AND NOT EXISTS (SELECT 1 FROM metrics m WHERE m.name = st.metric AND m.kind = 'stock'))
            )
        ) WHERE prank = best AND date = latest
        UNION ALL
        SELECT id, metric, year, date, precision, company_id, segment, seg, value, unit, source_id, verification, ingest_id, as_of FROM (
            SELECT s.*, y.year, y.as_of, lower(coalesce(s.segment, '')) AS seg,
                   max(s.date) OVER (PARTITION BY s.metric, y.year, s.company_id, lower(coalesce(s.segment, ''))) AS latest
            FROM (SELECT st.metric, CAST(substr(st.date, 1, 4) AS INTEGER) AS year, max(st.date) AS as_of
                  FROM statistics st JOIN metrics m ON m.name = st.metric AND m.kind = 'stock'
                  WHERE st.measure = 'value' AND st.company_id IS NOT NULL AND st.forecast = 0
                    AND st.id NOT IN (SELECT statistic_id FROM upstream_drops)
                  GROUP BY st.metric, year) y
            JOIN statistics s ON s.metric = y.metric AND s.measure = 'value' AND s.company_id IS NOT NULL AND s.forecast = 0 AND s.date <= y.as_of
                 AND s.id NOT IN (SELECT statistic_id FROM upstream_drops)
        ) WHERE date = latest
    )
) r
JOIN companies c ON c.id = r.company_id
JOIN company_ultimate_parents up ON up.company_id = r.company_id
JOIN sources s ON s.id = r.source_id
WHERE r.pick = 1;
