-- Migration 0012: the HHI's upper bound holds for every market the data allow (issue 21, item 4).
--
-- metrics.top_list says a metric's sources list each period's largest firms, so no unnamed firm is
-- larger than the smallest named one. Only then may the view's upper bound spread the unattributed
-- rest over firms no larger than the smallest named one; without it each aggregate and the
-- unattributed tail may be one firm. A column of its own migration, so that files made at schema 11
-- gain it (0010 and 0011 are kept as they landed). The seed sets it for Epoch AI's chip owners and
-- TrendForce's foundry ranking; an upgraded file's definitions keep the default 0 (the sounder bound).

ALTER TABLE metrics ADD COLUMN top_list INTEGER NOT NULL DEFAULT 0 CHECK (top_list = 0 OR top_list = 1);

DROP VIEW metric_year_concentration;

-- Steps 4-6 of 0011, with the bound above.
CREATE VIEW metric_year_concentration AS
WITH agg AS (
    SELECT metric, year, unit, total, firms, coverage, cr1, cr3, cr4, cr5, hhi_low, s_min, rest, agg_sq, agg_share FROM (
        SELECT metric, year, unit, total,
               count(CASE WHEN NOT is_aggregate THEN 1 END) OVER w AS firms,
               sum(CASE WHEN NOT is_aggregate THEN share END) OVER w AS coverage,
               sum(CASE WHEN rank <= 1 THEN share END) OVER w AS cr1,
               sum(CASE WHEN rank <= 3 THEN share END) OVER w AS cr3,
               sum(CASE WHEN rank <= 4 THEN share END) OVER w AS cr4,
               sum(CASE WHEN rank <= 5 THEN share END) OVER w AS cr5,
               sum(CASE WHEN NOT is_aggregate AND share > 0 THEN share * share END) OVER w AS hhi_low,
               min(CASE WHEN NOT is_aggregate AND share > 0 THEN share END) OVER w AS s_min,
               coalesce(sum(CASE WHEN is_aggregate AND share > 0 THEN share * share END) OVER w, 0) AS agg_sq,
               coalesce(sum(CASE WHEN is_aggregate AND share > 0 THEN share END) OVER w, 0) AS agg_share,
               max(0, 100 - coalesce(sum(CASE WHEN NOT is_aggregate AND share > 0 THEN share END) OVER w, 0)) AS rest,
               row_number() OVER w AS k
        FROM metric_year_shares
        WINDOW w AS (PARTITION BY metric, year)
    ) WHERE k = 1
),
hhi AS (
    -- with a top list (metrics.top_list) the rest as firms no larger than the smallest named one;
    -- without, each aggregate and the unattributed tail may be one firm (issue 21, item 4)
    SELECT *, CASE WHEN top_list THEN hhi_low + k * s_min * s_min + max(0, rest - k * s_min) * max(0, rest - k * s_min)
                   ELSE hhi_low + agg_sq + max(0, rest - agg_share) * max(0, rest - agg_share) END AS hhi_high
    FROM (SELECT *, CAST(rest / s_min + 1e-9 AS INTEGER) AS k,
                 EXISTS (SELECT 1 FROM metrics d WHERE d.name = agg.metric AND d.top_list = 1) AS top_list
          FROM agg WHERE s_min IS NOT NULL)
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
