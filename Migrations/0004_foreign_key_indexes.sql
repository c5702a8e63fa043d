-- aitrack schema, version 4: indexes on the foreign-key columns the listings filter on.
-- `aitrack stats --source S` and `deals --source S` match the reporting source or the one that
-- relayed it (cited_by); `alliances --company` and the membership checks look members up by
-- source. Without these each such filter read every row (a scan of 10^6 statistics).
-- The ingest_id columns get none: no query filters on them (they order "latest ingested"
-- inside window functions that read the rows anyway). Cost and gain: BENCHMARKS.md.

CREATE INDEX statistics_source ON statistics (source_id);
CREATE INDEX statistics_cited_by ON statistics (cited_by_id) WHERE cited_by_id IS NOT NULL;
CREATE INDEX deals_cited_by ON deals (cited_by_id) WHERE cited_by_id IS NOT NULL;
CREATE INDEX alliance_members_source ON alliance_members (source_id);
