-- aitrack schema, version 16: a statistic's identity names its period, not only the period's first
-- day (docs/SCHEMA.md, statistics.identity).
--
-- The identity was metric|measure|ISO date|…, so a firm's figure for the year 2025 and its figure
-- for 2025-Q1 (both starting on 2025-01-01) were one entry: a second source's quarterly figure
-- was refused as a conflict with the year's. The date part is now the date as an entry writes it
-- (2025, 2025-Q1, 2025-01, 2025-01-15): the same for a day, another entry for another period.
-- Identities that were distinct stay distinct; only those of a year, quarter or month change.
-- The tombstones of removed statistics are rewritten the same way (their record holds the date
-- as written), so that a removed entry stays removed. Only an identity whose date part is still
-- the ISO day is rewritten, so the step can run on any file.

UPDATE statistics
SET identity = metric || '|' || measure || '|'
    || CASE precision
           WHEN 'year' THEN substr(date, 1, 4)
           WHEN 'quarter' THEN substr(date, 1, 4) || '-Q' || ((CAST(substr(date, 6, 2) AS INTEGER) - 1) / 3 + 1)
           ELSE substr(date, 1, 7)
       END
    || substr(identity, length(metric) + length(measure) + 13)
WHERE precision <> 'day' AND substr(identity, length(metric) + length(measure) + 3, 11) = date || '|';

UPDATE removed_entries
SET identity = json_extract(record, '$.metric') || '|' || coalesce(json_extract(record, '$.measure'), 'value') || '|'
    || json_extract(record, '$.date')
    || substr(identity, length(json_extract(record, '$.metric')) + length(coalesce(json_extract(record, '$.measure'), 'value')) + 13)
WHERE entry_table = 'statistics' AND length(json_extract(record, '$.date')) <> 10
  AND substr(identity, length(json_extract(record, '$.metric')) + length(coalesce(json_extract(record, '$.measure'), 'value')) + 3, 11)
      GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|';
