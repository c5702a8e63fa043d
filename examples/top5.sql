-- The five largest owners of AI compute at the end of each year, with their shares (percent).
SELECT year, rank, company, round(share, 2) AS share
FROM metric_year_shares
WHERE metric = 'ai_compute_h100e' AND rank <= 5
ORDER BY year, rank;
