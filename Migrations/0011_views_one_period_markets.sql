-- aitrack schema, version 11: the concentration views follow the rules the commands follow
-- (issue 21, items 2, 3 and 9; docs/CONCENTRATION.md).
-- One period per figure: a year's figure of a flow, share or other metric is made of the
-- coarsest precision its values have that year (annual before quarterly before monthly before
-- daily), and of that the latest date (2025-Q4, not Q4 beside Q2); a stock (metrics.kind) is
-- taken as of the year's latest day with each series' latest value on or before it, carried
-- forward from an earlier year where it has none. A market total counts only of the same period
-- (for a stock: the latest on or before its day).
-- Concentration only for markets: metric_year_shares and metric_year_concentration hold only
-- defined shares, stocks and flows of a calendar basis whose year describes a market (a market
-- total above the firms' sum, or one of the definition's total_metric of the same period;
-- aggregates for the rest, or shares adding up to 99 or more; or at least three named firms).
-- Results equal `aitrack concentration --format json` for every metric-year of the seed (a test).

DROP VIEW metric_year_concentration;
DROP VIEW metric_year_shares;
DROP VIEW metric_year_values;

-- Steps 1-2: for each metric, year, company (as recorded) and segment, the one value used:
-- among rows of the figure's period (above), verified first, then the latest ingested.
-- Forecasts and market-level rows (no company) are not in it. `as_of` is a stock's day,
-- `carried` a value from before it.
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
                  GROUP BY st.metric, year) y
            JOIN statistics s ON s.metric = y.metric AND s.measure = 'value' AND s.company_id IS NOT NULL AND s.forecast = 0 AND s.date <= y.as_of
        ) WHERE date = latest
    )
) r
JOIN companies c ON c.id = r.company_id
JOIN company_ultimate_parents up ON up.company_id = r.company_id
JOIN sources s ON s.id = r.source_id
WHERE r.pick = 1;

-- Steps 3-4: per metric and year that describes a market, each firm (consolidated to its
-- ultimate parent) and each aggregate with its value, the total, its share (percent) and its
-- rank (firms only). The total is 100 for a metric in percent, else the larger of the sum and
-- the market's own figure of the same period (verified first, then the latest ingested).
CREATE VIEW metric_year_shares AS
SELECT metric, year, company, is_aggregate, value, unit, total,
       CASE WHEN unit = 'percent' THEN value ELSE 100.0 * value / total END AS share,
       CASE WHEN is_aggregate THEN NULL
            ELSE row_number() OVER (PARTITION BY metric, year, is_aggregate ORDER BY value DESC, lower(company)) END AS rank
FROM (
    SELECT *, CASE WHEN unit = 'percent' THEN 100.0 ELSE max(sum_all, coalesce(market, 0)) END AS total
    FROM (
        SELECT f.*,
               (SELECT m.value FROM statistics m
                WHERE m.metric = f.metric AND m.measure = 'value' AND m.company_id IS NULL AND m.forecast = 0
                  AND m.date BETWEEN printf('%04d-01-01', f.year) AND printf('%04d-12-31', f.year)
                  AND CASE WHEN f.as_of IS NULL THEN m.date = f.figure_date AND m.precision = f.figure_precision ELSE m.date <= f.as_of END
                ORDER BY m.date DESC, m.verification = 'verified' DESC, coalesce(m.ingest_id, 0) DESC, m.id DESC
                LIMIT 1) AS market,
               EXISTS (SELECT 1 FROM metrics d JOIN statistics t ON t.metric = d.total_metric
                       WHERE d.name = f.metric AND t.measure = 'value' AND t.company_id IS NULL AND t.forecast = 0
                         AND t.date BETWEEN printf('%04d-01-01', f.year) AND printf('%04d-12-31', f.year)
                         AND CASE WHEN f.as_of IS NULL THEN t.date = f.figure_date AND t.precision = f.figure_precision ELSE t.date <= f.as_of END) AS has_total_metric
        FROM (
            -- (each level's window functions share one PARTITION BY: SQLite pushes a filter on
            -- metric and year into a subquery with window functions only then)
            SELECT *, sum(value) OVER (PARTITION BY metric, year) AS sum_all,
                   sum(CASE WHEN is_aggregate THEN value ELSE 0 END) OVER (PARTITION BY metric, year) AS agg_sum,
                   sum(CASE WHEN is_aggregate THEN 0 ELSE 1 END) OVER (PARTITION BY metric, year) AS firm_count,
                   max(date) OVER (PARTITION BY metric, year) AS figure_date,
                   max(precision) OVER (PARTITION BY metric, year) AS figure_precision
            FROM (
                -- a flow's values are all of one date and precision; a stock's share one as_of
                SELECT metric, year, unit, company, is_aggregate, value, date, precision, as_of FROM (
                    SELECT metric, year, unit, grp AS company, is_aggregate, date, precision, as_of,
                           sum(value) OVER (PARTITION BY metric, year, grp, is_aggregate) AS value,
                           row_number() OVER (PARTITION BY metric, year, grp, is_aggregate) AS k
                    FROM (SELECT *, CASE WHEN is_aggregate THEN company ELSE ultimate_parent END AS grp FROM metric_year_values)
                ) WHERE k = 1
            )
        ) f
        WHERE EXISTS (SELECT 1 FROM metrics d WHERE d.name = f.metric AND (d.kind = 'share' OR d.kind = 'stock' OR d.kind = 'flow') AND d.basis = 'calendar')
    )
)
WHERE total > 0 AND sum_all - agg_sum > 0
  AND ((unit <> 'percent' AND market > sum_all) OR has_total_metric
       OR (CASE WHEN unit = 'percent' THEN sum_all >= 99 ELSE agg_sum > 0 END) OR firm_count >= 3)
ORDER BY metric, year, is_aggregate, rank, value DESC, lower(company);

-- Steps 4-6: per metric and year, coverage, CRn (NULL when fewer firms), the HHI bounds and bands.
CREATE VIEW metric_year_concentration AS
WITH agg AS (
    SELECT metric, year, unit, total, firms, coverage, cr1, cr3, cr4, cr5, hhi_low, s_min, rest FROM (
        SELECT metric, year, unit, total,
               count(CASE WHEN NOT is_aggregate THEN 1 END) OVER w AS firms,
               sum(CASE WHEN NOT is_aggregate THEN share END) OVER w AS coverage,
               sum(CASE WHEN rank <= 1 THEN share END) OVER w AS cr1,
               sum(CASE WHEN rank <= 3 THEN share END) OVER w AS cr3,
               sum(CASE WHEN rank <= 4 THEN share END) OVER w AS cr4,
               sum(CASE WHEN rank <= 5 THEN share END) OVER w AS cr5,
               sum(CASE WHEN NOT is_aggregate AND share > 0 THEN share * share END) OVER w AS hhi_low,
               min(CASE WHEN NOT is_aggregate AND share > 0 THEN share END) OVER w AS s_min,
               max(0, 100 - coalesce(sum(CASE WHEN NOT is_aggregate AND share > 0 THEN share END) OVER w, 0)) AS rest,
               row_number() OVER w AS k
        FROM metric_year_shares
        WINDOW w AS (PARTITION BY metric, year)
    ) WHERE k = 1
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
