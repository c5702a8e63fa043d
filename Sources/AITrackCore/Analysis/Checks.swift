import Foundation
import GRDB

/// One finding of `aitrack check`: the rule broken and the rows involved.
public struct CheckFinding: Sendable {
    public var rule: String
    public var rows: ResultTable
}

/// The data rules beyond SQLite's own checks, each a query that returns the rows breaking it.
enum CheckRules {
    /// The finding of an object of aitrack's schema that is missing or not as this version defines it.
    static func schemaRule(_ o: SchemaObject, missing: Bool) -> String {
        "the \(o.type) \(o.name) " + (missing ? "is missing" : "differs from this version's definition")
    }

    /// How far named firms may pass a market total (rounding, sources a little apart), in percent.
    static let totalTolerance = 1.0
    /// How far a share market's shares may add up past 100 (rounding), in points.
    static let shareTolerance = 0.5

    static let all: [(String, String)] = [
        ("one unit per metric", """
            SELECT metric, group_concat(DISTINCT unit) AS units, count(*) AS statistics
            FROM statistics WHERE measure = 'value' GROUP BY metric HAVING count(DISTINCT unit) > 1
            """),
        ("shares within 0-100", """
            SELECT id, metric, measure, date, value, unit FROM statistics
            WHERE (unit = 'percent' OR measure GLOB 'cr*') AND (value < 0 OR value > 100)
               OR (measure = 'hhi' AND (value < 0 OR value > 10000))
            """),
        ("a metric's definition in another unit than its values", """
            SELECT m.name AS metric, m.unit AS defined_unit,
                   (SELECT unit FROM statistics WHERE metric = m.name AND measure = 'value' LIMIT 1) AS values_unit
            FROM metrics m WHERE values_unit IS NOT NULL AND values_unit <> m.unit
            """),
        ("named firms' values above the market total of the same period (by more than \(CheckRules.totalTolerance) %; "
            + "a total marked disputed or contradicted is not compared)", """
            WITH firm AS (
                SELECT metric, date, precision, company_id, coalesce(segment, '') AS seg, min(value) AS value FROM statistics
                WHERE measure = 'value' AND company_id IS NOT NULL AND forecast = 0 AND unit <> 'percent' AND unit <> 'percent_change'
                GROUP BY metric, date, precision, company_id, seg
            ), named AS (
                SELECT metric, date, precision, sum(value) AS firms, count(*) AS values_summed FROM firm GROUP BY metric, date, precision
            )
            SELECT n.metric, n.date, n.precision, n.firms AS named_firms_sum, n.values_summed, max(t.value) AS market_total
            FROM named n JOIN statistics t ON t.metric = n.metric AND t.measure = 'value' AND t.company_id IS NULL AND t.forecast = 0
                 AND t.date = n.date AND t.precision = n.precision AND t.verification <> 'disputed' AND t.verification <> 'contradicted'
            GROUP BY n.metric, n.date, n.precision HAVING n.firms > max(t.value) * (1 + \(CheckRules.totalTolerance) / 100.0)
            ORDER BY n.metric, n.date
            """),
        ("a share market whose shares add up to more than 100 (by more than \(CheckRules.shareTolerance) points)", """
            SELECT metric, date, precision, sum(value) AS shares_sum, count(*) AS shares FROM (
                SELECT st.metric, st.date, st.precision, min(st.value) AS value
                FROM statistics st JOIN metrics m ON m.name = st.metric AND m.kind = 'share'
                WHERE st.measure = 'value' AND st.company_id IS NOT NULL AND st.forecast = 0
                GROUP BY st.metric, st.date, st.precision, st.company_id, coalesce(st.segment, ''), coalesce(st.region, '')
            ) GROUP BY metric, date, precision HAVING sum(value) > 100 + \(CheckRules.shareTolerance) ORDER BY metric, date
            """),
        ("a deal without parties", """
            SELECT d.id, d.date, d.title FROM deals d WHERE NOT EXISTS (SELECT 1 FROM deal_parties p WHERE p.deal_id = d.id)
            """),
        ("an alias that is another company's name", """
            SELECT a.alias, c.name AS alias_of, o.name AS company_named_so
            FROM company_aliases a JOIN companies c ON c.id = a.company_id
            JOIN companies o ON o.name = a.alias COLLATE NOCASE AND o.id <> a.company_id
            """),
        ("a membership before its alliance was founded", """
            SELECT m.id, al.name AS alliance, al.date AS founded, c.name AS company, m.date AS joined
            FROM alliance_members m JOIN alliances al ON al.id = m.alliance_id JOIN companies c ON c.id = m.company_id
            WHERE m.date IS NOT NULL AND al.date IS NOT NULL AND m.date < al.date
            """),
        ("a chain of parents deeper than \(Limits.parentDepth) levels", """
            WITH RECURSIVE up(start, id, depth) AS (
                SELECT id, parent_id, 1 FROM companies WHERE parent_id IS NOT NULL
                UNION ALL
                SELECT up.start, c.parent_id, up.depth + 1 FROM up JOIN companies c ON c.id = up.id
                WHERE c.parent_id IS NOT NULL AND up.depth <= \(Limits.parentDepth) AND up.id <> up.start
            )
            SELECT c.id, c.name, max(up.depth) AS levels FROM up JOIN companies c ON c.id = up.start
            GROUP BY c.id HAVING max(up.depth) > \(Limits.parentDepth)
            """),
        ("a deal relation that points at no deal", """
            SELECT r.deal_id, r.relation, r.other_id FROM deal_relations r
            LEFT JOIN deals a ON a.id = r.deal_id LEFT JOIN deals b ON b.id = r.other_id
            WHERE a.id IS NULL OR b.id IS NULL
            """),
        ("a chain of superseding deals that loops", """
            WITH RECURSIVE chain(start, id, depth) AS (
                SELECT deal_id, other_id, 1 FROM deal_relations WHERE relation = 'supersedes'
                UNION ALL
                SELECT chain.start, r.other_id, chain.depth + 1 FROM chain JOIN deal_relations r ON r.deal_id = chain.id AND r.relation = 'supersedes'
                WHERE chain.depth < \(Limits.recursionDepth) AND chain.id <> chain.start
            )
            SELECT DISTINCT d.id, d.date, d.title FROM chain JOIN deals d ON d.id = chain.start WHERE chain.id = chain.start
            """),
        ("a company that is its own ancestor", """
            WITH RECURSIVE up(start, id, depth) AS (
                SELECT id, parent_id, 1 FROM companies WHERE parent_id IS NOT NULL
                UNION ALL
                SELECT up.start, c.parent_id, up.depth + 1 FROM up JOIN companies c ON c.id = up.id
                WHERE c.parent_id IS NOT NULL AND up.depth < \(Limits.recursionDepth) AND up.id <> up.start
            )
            SELECT DISTINCT c.id, c.name FROM up JOIN companies c ON c.id = up.start WHERE up.id = up.start
            """),
    ]
}

extension DatabaseReading {
    /// Objects of the file that aitrack does not define (a user's tables, views, indexes, an FTS
    /// table and its shadow tables), and metrics without a definition: notes of `check`, never
    /// findings.
    public func checkNotes() throws -> [String] {
        try reader.read { db in
            let foreign = try SchemaReference.compare(db).added.map {
                "the \($0.type) \($0.name) is not aitrack's (a user's or another program's); check leaves it alone"
            }
            // a metric without a definition works (kind other) but gets no concentration figure
            let undefined = try String.fetchAll(db, sql: """
                SELECT u.metric FROM (\(LatestStatistics.everyMetric)) u WHERE u.metric NOT IN (SELECT name FROM metrics) ORDER BY u.metric
                """).map { "metric \($0) has no definition: it is of kind other, with no concentration figures (aitrack add-metric defines it)" }
            return foreign + undefined
        }
    }

    /// SQLite's integrity and foreign-key checks, then the data rules. Empty when clean.
    public func check() throws -> [CheckFinding] {
        try reader.read { db in
            var findings: [CheckFinding] = []
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] {
                let rows = ResultTable(columns: ["problem"], rows: integrity.map { [.text($0)] })
                findings.append(CheckFinding(rule: "SQLite integrity_check", rows: rows))
            }
            let fk = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            if !fk.isEmpty {
                findings.append(CheckFinding(rule: "SQLite foreign_key_check", rows: ResultTable(
                    columns: ["table", "rowid", "parent", "fkid"], rows: fk.map { r in
                        [Cell(r[0] as String?), Cell((r[1] as Int64?).map { Int($0) }), Cell(r[2] as String?), Cell((r[3] as Int64?).map { Int($0) })]
                    })))
            }
            for (rule, sql) in CheckRules.all {
                let stmt = try db.makeStatement(sql: sql)
                var t = ResultTable(columns: stmt.columnNames)
                for r in try Row.fetchAll(stmt) { t.rows.append(r.databaseValues.map(Self.cell)) }
                if !t.rows.isEmpty { findings.append(CheckFinding(rule: rule, rows: t)) }
            }
            let schema = try SchemaReference.compare(db)
            for o in schema.changed {
                let missing = schema.missing.contains(o)
                findings.append(CheckFinding(rule: CheckRules.schemaRule(o, missing: missing), rows: ResultTable(
                    columns: ["type", "name", "state"], rows: [[.text(o.type), .text(o.name), .text(missing ? "missing" : "differs")]])))
            }
            return findings
        }
    }
}
