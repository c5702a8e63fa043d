-- aitrack schema, version 5: deals that revise other deals.
-- A deal that `supersedes` another replaces it (a round's final close replacing the announced
-- round, an equity stake replacing a letter of intent): the superseded deal stays listed but
-- counts in no USD total. A deal that `expands` another adds to it (a follow-on contract under
-- the same relationship): both count, and the listing says how they belong together.

CREATE TABLE deal_relations (
    deal_id     INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,   -- the deal that revises
    relation    TEXT    NOT NULL CHECK (relation IN ('supersedes', 'expands')),
    other_id    INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,   -- the deal it revises
    PRIMARY KEY (deal_id, relation, other_id),
    CHECK (deal_id <> other_id)
) STRICT;
CREATE INDEX deal_relations_other ON deal_relations (other_id);

-- deals_overview gains superseded_by: the id of a deal that supersedes this one (NULL: none),
-- the one test a USD total needs.
DROP VIEW deals_overview;
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
       d.verification, d.note, d.entry_key,
       (SELECT min(r.deal_id) FROM deal_relations r WHERE r.other_id = d.id AND r.relation = 'supersedes') AS superseded_by
FROM deals d
JOIN sources s ON s.id = d.source_id
LEFT JOIN sources cb ON cb.id = d.cited_by_id;
