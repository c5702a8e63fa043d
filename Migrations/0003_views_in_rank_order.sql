-- aitrack schema, version 3: the views list ranked firms before aggregates.
-- metric_year_shares gains an ORDER BY (metric, year, ranked firms by rank, then aggregates by
-- value), so that `SELECT * FROM metric_year_shares WHERE …` reads in rank order without one.
-- metric_year_concentration depends on it and is recreated unchanged.

DROP VIEW metric_year_concentration;
DROP VIEW metric_year_shares;

-- Steps 3-4: per metric and year, each firm (consolidated to its ultimate parent) and each
-- aggregate with its value, the total, its share (percent) and its rank (firms only).
CREATE VIEW metric_year_shares AS
WITH firms AS (
    SELECT metric, year, unit, CASE WHEN is_aggregate THEN company ELSE ultimate_parent END AS company,
           is_aggregate, sum(value) AS value
    FROM metric_year_values
    GROUP BY metric, year, CASE WHEN is_aggregate THEN company ELSE ultimate_parent END, is_aggregate
),
sums AS (SELECT metric, year, sum(value) AS sum_all FROM firms GROUP BY metric, year),
markets AS (
    SELECT metric, CAST(substr(date, 1, 4) AS INTEGER) AS year, value,
           row_number() OVER (PARTITION BY metric, substr(date, 1, 4)
                              ORDER BY date DESC, verification = 'verified' DESC, coalesce(ingest_id, 0) DESC, id DESC) AS pick
    FROM statistics WHERE measure = 'value' AND company_id IS NULL AND forecast = 0
),
totals AS (
    SELECT s.metric, s.year,
           CASE WHEN (SELECT unit FROM firms f WHERE f.metric = s.metric LIMIT 1) = 'percent' THEN 100.0
                ELSE max(s.sum_all, coalesce(m.value, 0)) END AS total
    FROM sums s LEFT JOIN markets m ON m.metric = s.metric AND m.year = s.year AND m.pick = 1
)
SELECT f.metric, f.year, f.company, f.is_aggregate, f.value, f.unit, t.total,
       CASE WHEN f.unit = 'percent' THEN f.value ELSE 100.0 * f.value / t.total END AS share,
       CASE WHEN f.is_aggregate THEN NULL
            ELSE row_number() OVER (PARTITION BY f.metric, f.year, f.is_aggregate ORDER BY f.value DESC, lower(f.company)) END AS rank
FROM firms f JOIN totals t ON t.metric = f.metric AND t.year = f.year
WHERE t.total > 0
ORDER BY f.metric, f.year, f.is_aggregate, rank, f.value DESC, lower(f.company);

-- Steps 4-6: per metric and year, coverage, CRn (NULL when fewer firms), the HHI bounds and bands.
CREATE VIEW metric_year_concentration AS
WITH agg AS (
    SELECT metric, year, unit, total,
           count(CASE WHEN NOT is_aggregate THEN 1 END) AS firms,
           sum(CASE WHEN NOT is_aggregate THEN share END) AS coverage,
           sum(CASE WHEN rank <= 1 THEN share END) AS cr1,
           sum(CASE WHEN rank <= 3 THEN share END) AS cr3,
           sum(CASE WHEN rank <= 4 THEN share END) AS cr4,
           sum(CASE WHEN rank <= 5 THEN share END) AS cr5,
           sum(CASE WHEN NOT is_aggregate AND share > 0 THEN share * share END) AS hhi_low,
           min(CASE WHEN NOT is_aggregate AND share > 0 THEN share END) AS s_min,
           max(0, 100 - coalesce(sum(CASE WHEN NOT is_aggregate AND share > 0 THEN share END), 0)) AS rest
    FROM metric_year_shares GROUP BY metric, year, unit, total
),
hhi AS (
    SELECT *, hhi_low + k * s_min * s_min + max(0, rest - k * s_min) * max(0, rest - k * s_min) AS hhi_high
    FROM (SELECT *, CAST(rest / s_min + 1e-9 AS INTEGER) AS k FROM agg WHERE s_min IS NOT NULL)
),
bands AS (
    SELECT *,
           CASE WHEN hhi_low < 1000 THEN 'unconcentrated' WHEN hhi_low <= 1800 THEN 'moderately concentrated' ELSE 'highly concentrated' END AS us2023_low,
           CASE WHEN hhi_high < 1000 THEN 'unconcentrated' WHEN hhi_high <= 1800 THEN 'moderately concentrated' ELSE 'highly concentrated' END AS us2023_high,
           CASE WHEN hhi_low < 1500 THEN 'unconcentrated' WHEN hhi_low <= 2500 THEN 'moderately concentrated' ELSE 'highly concentrated' END AS us2010_low,
           CASE WHEN hhi_high < 1500 THEN 'unconcentrated' WHEN hhi_high <= 2500 THEN 'moderately concentrated' ELSE 'highly concentrated' END AS us2010_high,
           CASE WHEN hhi_low < 1000 THEN 'unconcentrated' WHEN hhi_low <= 2000 THEN 'moderately concentrated' ELSE 'highly concentrated' END AS eu2004_low,
           CASE WHEN hhi_high < 1000 THEN 'unconcentrated' WHEN hhi_high <= 2000 THEN 'moderately concentrated' ELSE 'highly concentrated' END AS eu2004_high
    FROM hhi
)
SELECT metric, year, unit, total, coverage, firms,
       cr1, CASE WHEN firms >= 3 THEN cr3 END AS cr3, CASE WHEN firms >= 4 THEN cr4 END AS cr4,
       CASE WHEN firms >= 5 THEN cr5 END AS top5_share, hhi_low, hhi_high,
       CASE WHEN us2023_low = us2023_high THEN us2023_low ELSE us2023_low || ' to ' || us2023_high END AS band_us2023,
       CASE WHEN us2010_low = us2010_high THEN us2010_low ELSE us2010_low || ' to ' || us2010_high END AS band_us2010,
       CASE WHEN eu2004_low = eu2004_high THEN eu2004_low ELSE eu2004_low || ' to ' || eu2004_high END AS band_eu2004
FROM bands;
