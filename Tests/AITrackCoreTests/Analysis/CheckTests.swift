import Foundation
import GRDB
import Testing
@testable import AITrackCore

@Suite struct CheckTests {
    @Test func theSeedIsClean() throws {
        #expect(try AppDatabase.inMemory(seed: true).check().isEmpty)
    }

    /// Breaks one rule behind the schema's back (as another tool might) and expects it found.
    @Test(arguments: [
        ("one unit per metric", "DROP TRIGGER statistics_one_unit_insert; INSERT INTO statistics (identity, metric, date, value, unit, source_id) VALUES ('x', 'ai_compute_h100e', '2025-01-01', 1, 'GPUs', 1)"),
        ("shares within 0-100", "PRAGMA ignore_check_constraints = ON; UPDATE statistics SET value = 120 WHERE metric = 'cloud_market_share' AND id = (SELECT min(id) FROM statistics WHERE metric = 'cloud_market_share')"),
        ("a deal without parties", "DELETE FROM deal_parties WHERE deal_id = (SELECT min(id) FROM deals)"),
        ("an alias that is another company's name", "INSERT INTO company_aliases (alias, company_id) VALUES ('Oracle', (SELECT id FROM companies WHERE name = 'IBM'))"),
        ("a membership before its alliance was founded", "UPDATE alliance_members SET date = '2020-01-01', precision = 'day' WHERE company_id = (SELECT id FROM companies WHERE name = 'IBM')"),
        ("a company that is its own ancestor", "UPDATE companies SET parent_id = (SELECT id FROM companies WHERE name = 'Google Cloud') WHERE name = 'Alphabet'"),
        ("a chain of parents deeper than 8 levels", "INSERT INTO companies (id, name) VALUES (900, 'L0'); " + (1...9).map { "INSERT INTO companies (id, name, parent_id) VALUES (\(900 + $0), 'L\($0)', \(899 + $0));" }.joined(separator: " ")),
        ("SQLite foreign_key_check", "PRAGMA foreign_keys = OFF; INSERT INTO deal_parties (deal_id, company_id, role) VALUES (1, 9999, 'partner')"),
    ])
    func findsABrokenRule(rule: String, sql: String) throws {
        let db = try AppDatabase.inMemory(seed: true)
        try db.dbWriter.writeWithoutTransaction { try $0.execute(sql: sql) }
        let findings = try db.check()
        #expect(findings.map(\.rule).filter { !$0.hasPrefix("the trigger ") } == [rule])
        #expect(findings.first.map { !$0.rows.rows.isEmpty } == true)
    }

    /// A trigger or index dropped behind aitrack's back (the unit check, here) is named by `check`.
    @Test func findsASchemaObjectMissing() throws {
        let db = try AppDatabase.inMemory(seed: true)
        try db.dbWriter.writeWithoutTransaction { try $0.execute(sql: "DROP TRIGGER statistics_one_unit_insert; DROP INDEX statistics_market") }
        let findings = try db.check()
        #expect(findings.map(\.rule) == ["the trigger statistics_one_unit_insert is missing", "the index statistics_market is missing"]
                || findings.map(\.rule) == ["the index statistics_market is missing", "the trigger statistics_one_unit_insert is missing"])
    }

    /// A view redefined (values × 10) and a CHECK weakened through writable_schema are findings
    /// naming the object; a user's table and an FTS5 table are notes only.
    @Test func findsAChangedViewAndTableButNotesAUsersObjects() throws {
        let db = try AppDatabase.inMemory(seed: true)
        try db.dbWriter.writeWithoutTransaction { try $0.execute(sql: "CREATE TABLE my_notes (x); CREATE VIRTUAL TABLE my_search USING fts5(body)") }
        #expect(try db.check().isEmpty)
        try db.dbWriter.writeWithoutTransaction { db in
            let view = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'deals_overview'")!
            try db.execute(sql: "DROP VIEW deals_overview")
            try db.execute(sql: view.replacingOccurrences(of: "CREATE VIEW deals_overview AS", with: "CREATE VIEW deals_overview AS SELECT * FROM (") + ")")
            try db.execute(sql: "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'value >= 0', 'value >= -1e9') WHERE name = 'statistics'; PRAGMA writable_schema = OFF")
        }
        let rules = try db.check().map(\.rule)
        #expect(rules.contains("the view deals_overview differs from this version's definition"))
        #expect(rules.contains("the table statistics differs from this version's definition"))
        #expect(try db.checkNotes().contains { $0.hasPrefix("the table my_notes is not aitrack's") })
        #expect(try db.checkNotes().contains { $0.hasPrefix("the table my_search is not aitrack's") })
        #expect(!rules.contains { $0.contains("my_") })
    }
}

