-- aitrack schema, version 9: a deal that is part of another, and what each deal counts in.
-- A deal `part_of` another is a contract inside a programme counted elsewhere (OpenAI's ~$300B
-- Oracle contract inside Stargate's >$400B plan): it stays in its kind's USD total and leaves the
-- all-kinds total, where the programme holds it already. A relation may name who states it
-- (source_id; NULL: the deal's own source). The CHECK on `relation` changes, so the table is
-- made again as SQLite documents it (new table, copy, drop, rename, then its index), as 0007 does.

CREATE TABLE deal_relations_new (
    deal_id     INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,   -- the deal that revises
    relation    TEXT    NOT NULL CHECK (relation = 'supersedes' OR relation = 'expands' OR relation = 'part_of'),
    other_id    INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,   -- the deal it revises
    source_id   INTEGER REFERENCES sources(id),                            -- who states it; NULL: the deal's source
    PRIMARY KEY (deal_id, relation, other_id),
    CHECK (deal_id <> other_id)
) STRICT;

INSERT INTO deal_relations_new (deal_id, relation, other_id) SELECT deal_id, relation, other_id FROM deal_relations;
DROP TABLE deal_relations;
PRAGMA legacy_alter_table = ON;
ALTER TABLE deal_relations_new RENAME TO deal_relations;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX deal_relations_other ON deal_relations (other_id);
CREATE INDEX deal_relations_source ON deal_relations (source_id) WHERE source_id IS NOT NULL;

-- deals_overview gains part_of (the id of the deal this one is part of, when that deal has a
-- value and is neither contradicted, cancelled nor rumoured; NULL: none) and in_total, the
-- one rule every USD total follows, first match wins:
--   no_value      no value: in no total
--   contradicted  its sources contradict it: in no total
--   superseded    another deal replaces it: in no total
--   cancelled     called off (a bid voted down): in no total
--   no_rate       a currency without a rate on or before its date: in no total
--   rumored       in talks or rumoured: totalled apart, in no other total
--   part_of       inside a programme counted elsewhere: in its kind's total, not the all-kinds total
--   counted       in the all-kinds total and its kind's
DROP VIEW deals_overview;
CREATE VIEW deals_overview AS
SELECT o.*,
       CASE WHEN o.value IS NULL THEN 'no_value'
            WHEN o.verification = 'contradicted' THEN 'contradicted'
            WHEN o.superseded_by IS NOT NULL THEN 'superseded'
            WHEN o.status = 'cancelled' THEN 'cancelled'
            WHEN o.value_usd IS NULL THEN 'no_rate'
            WHEN o.status = 'rumored' THEN 'rumored'
            WHEN o.part_of IS NOT NULL THEN 'part_of'
            ELSE 'counted' END AS in_total
FROM (
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
       d.verification, d.note, d.entry_key,
       (SELECT min(r.deal_id) FROM deal_relations r WHERE r.other_id = d.id AND r.relation = 'supersedes') AS superseded_by,
       (SELECT min(r.other_id) FROM deal_relations r JOIN deals p ON p.id = r.other_id
         WHERE r.deal_id = d.id AND r.relation = 'part_of' AND p.value IS NOT NULL AND p.verification <> 'contradicted'
           AND p.status <> 'cancelled' AND p.status <> 'rumored') AS part_of
FROM deals d
JOIN sources s ON s.id = d.source_id
LEFT JOIN sources cb ON cb.id = d.cited_by_id
) o;
