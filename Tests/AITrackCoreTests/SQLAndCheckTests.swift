import Foundation
import GRDB
import Testing
@testable import AITrackCore

@Suite struct SQLRunnerTests {
    @Test func selectsTypedValuesWithParameters() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let r = try db.runSQL("SELECT rank, company, share FROM metric_year_shares WHERE metric = :m AND year = :y AND rank <= 2 ORDER BY rank",
                              parameters: [SQLParameter(name: "m", value: "ai_compute_h100e"), SQLParameter(name: ":y", value: "2025")])
        #expect(r.tables.count == 1)
        #expect(r.tables[0].columns == ["rank", "company", "share"])
        #expect(r.tables[0].rows.map { $0[1] } == [Cell.text("Alphabet"), Cell.text("Microsoft")])
        #expect(r.tables[0].rows[0][0] == Cell.int(1))
        guard case .double(let share) = r.tables[0].rows[0][2] else { Issue.record("share not a number"); return }
        #expect(abs(share - 25.868) < 0.001)
    }

    @Test func writesAreRefusedUnlessAllowed() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let before = try snapshot(db)
        for sql in ["DELETE FROM deals", "SELECT 1; UPDATE companies SET country = 'XX'", "DROP VIEW deals_overview", "INSERT INTO sources (name) VALUES ('x')"] {
            #expect(throws: SQLProblem.self, "\(sql)") { try db.runSQL(sql) }
        }
        #expect(try snapshot(db) == before)
    }

    @Test func writeIsOneTransaction() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let before = try snapshot(db)
        // the second statement fails (a CHECK constraint): the first is rolled back too
        #expect(throws: SQLProblem.failed(message: "CHECK constraint failed: kind IN ('cloud_contract', 'investment', 'acquisition', 'partnership', 'licensing', 'hardware_purchase', 'other')",
                                          statement: "UPDATE deals SET kind = 'merger'", wrote: true)) {
            try db.runSQL("UPDATE deals SET status = 'signed'; UPDATE deals SET kind = 'merger'", write: true)
        }
        #expect(try snapshot(db) == before)
        let r = try db.runSQL("UPDATE deals SET status = 'signed' WHERE title LIKE 'AMD%'", write: true)
        #expect(r.changes == 1)
    }

    /// Transaction control would let a write escape the run's one transaction: refused before
    /// anything runs, and the real error of a failing statement is the one reported.
    @Test(arguments: ["COMMIT", "BEGIN", "END", "ROLLBACK", "SAVEPOINT s", "RELEASE s", "ATTACH 'x.db' AS x", "DETACH x", "VACUUM", "/* c */ -- d\n commit"])
    func transactionControlIsRefused(_ statement: String) throws {
        let db = try AppDatabase.inMemory(seed: true)
        let before = try snapshot(db)
        do {
            _ = try db.runSQL("INSERT INTO ingests(at, command) VALUES ('a', 'b'); \(statement); INSERT INTO companies(name) VALUES (NULL)", write: true)
            Issue.record("ran \(statement)")
        } catch SQLProblem.transactionControl(let keyword, _) {
            #expect(SQLGuard.refusedKeywords.contains(keyword))
        }
        #expect(try snapshot(db) == before)
        #expect(throws: SQLProblem.failed(message: "NOT NULL constraint failed: companies.name", statement: "INSERT INTO companies(name) VALUES (NULL)", wrote: true)) {
            try db.runSQL("INSERT INTO ingests(at, command) VALUES ('a', 'b'); INSERT INTO companies(name) VALUES (NULL)", write: true)
        }
        #expect(try snapshot(db) == before)
    }

    /// Parameters bind as text unless written as a number that reads back the same.
    @Test(arguments: [("42", "integer"), ("-5", "integer"), ("2.5", "real"), ("007", "text"), ("1e400", "text"), ("99999999999999999999", "text"),
                      ("0.10", "text"), ("2025-01-01", "text"), ("NaN", "text"), ("inf", "text"), ("", "text"), ("+1", "text")])
    func parametersBindAsWritten(_ value: String, _ type: String) throws {
        let db = try AppDatabase.inMemory()
        let r = try db.runSQL("SELECT typeof(:v), :v", parameters: [SQLParameter(name: "v", value: value)])
        #expect(r.tables[0].rows[0][0] == Cell.text(type))
        if type == "text" { #expect(r.tables[0].rows[0][1] == Cell.text(value)) }
    }

    @Test func parametersMustBeUsedAndGiven() throws {
        let db = try AppDatabase.inMemory()
        #expect(throws: SQLProblem.unusedParameter(name: "x", used: ["a"])) {
            try db.runSQL("SELECT :a", parameters: [SQLParameter(name: "a", value: "1"), SQLParameter(name: "x", value: "1")])
        }
        #expect(throws: SQLProblem.missingParameter(name: "b", statement: "SELECT :b")) { try db.runSQL("SELECT :b") }
        #expect(throws: SQLProblem.positionalParameter(statement: "SELECT ?")) { try db.runSQL("SELECT ?") }
        #expect(throws: SQLProblem.notAnInteger(name: "n", value: "x")) {
            try db.runSQL("SELECT :n", parameters: [SQLParameter(name: "n", value: "x", kind: .integer)])
        }
        let typed = try db.runSQL("SELECT typeof(:n), :n, typeof(:t)", parameters: [SQLParameter(name: "n", value: "007", kind: .integer), SQLParameter(name: "t", value: "42", kind: .text)])
        #expect(typed.tables[0].rows[0] == [Cell.text("integer"), Cell.int(7), Cell.text("text")])
    }

    @Test func syntaxErrorsNameTheStatement() throws {
        let db = try AppDatabase.inMemory()
        #expect(throws: SQLProblem.failed(message: "near \"SELEC\": syntax error", statement: "SELEC * FROM deals", wrote: false)) {
            try db.runSQL("SELEC * FROM deals")
        }
    }
}

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
        #expect(findings.map(\.rule) == [rule])
        #expect(findings.first.map { !$0.rows.rows.isEmpty } == true)
    }
}

@Suite struct SchemaLifeTests {
    /// A database made by the first released schema (0001) is upgraded with its data intact.
    @Test func upgradesTheFirstSchemaWithItsData() throws {
        let tmp = TempFolder()
        let path = tmp.path()
        let queue = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(queue, upTo: "0001_init")
        try queue.write { db in
            try db.execute(sql: """
                PRAGMA user_version = 1;
                INSERT INTO sources (name) VALUES ('S');
                INSERT INTO companies (name) VALUES ('A'), ('B');
                INSERT INTO companies (name, kind) VALUES ('Rest', 'aggregate');
                INSERT INTO statistics (identity, metric, date, company_id, value, unit, source_id) VALUES
                  ('1', 'm', '2024-12-31', 1, 60, 'u', 1), ('2', 'm', '2024-12-31', 2, 30, 'u', 1), ('3', 'm', '2024-12-31', 3, 10, 'u', 1);
                """)
        }
        let before = try queue.read { try Row.fetchAll($0, sql: "SELECT * FROM statistics ORDER BY id").map(\.description) }
        try queue.close()
        let opened = try AppDatabase.open(path: path)
        #expect(opened.migratedFrom == 1 && !opened.created)
        let db = opened.database
        #expect(try db.schemaVersion() == Migrations.currentVersion)
        #expect(try AppDatabase.open(path: path).migratedFrom == nil)
        #expect(try db.reader.read { try Row.fetchAll($0, sql: "SELECT * FROM statistics ORDER BY id").map(\.description) } == before)
        let hhi = try db.reader.read { try Double.fetchOne($0, sql: "SELECT hhi_low FROM metric_year_concentration WHERE metric = 'm' AND year = 2024") }
        #expect(hhi == 4500)
        #expect(try db.concentration(metric: "m", period: .year(2024)).hhiLow == 4500)
    }

    /// Opening a current database for a read takes no write lock: it works while another
    /// process holds one (a long ingest).
    @Test func openingToReadWorksWhileAWriterHoldsTheLock() throws {
        let tmp = TempFolder()
        let path = tmp.path()
        _ = try AppDatabase.open(path: path)
        let other = try DatabaseQueue(path: path)
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            try db.execute(sql: "INSERT INTO companies (name) VALUES ('Uncommitted')")
            let reader = try AppDatabase.openForReading(path: path, create: false).database
            #expect(try reader.companies(ListFilter(company: "Alphabet")).rows.count == 2)
            #expect(try count(reader, "SELECT count(*) FROM companies WHERE name = 'Uncommitted'") == 0)
        }
    }
}

/// The example queries in docs/SCHEMA.md run on the seed data and return rows.
@Suite struct SchemaDocTests {
    @Test func everyExampleQueryRuns() throws {
        let doc = try String(contentsOf: EmbeddedResourcesTests.root.appendingPathComponent("docs/SCHEMA.md"), encoding: .utf8)
        let blocks = doc.components(separatedBy: "```sql\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        #expect(blocks.count >= 6)
        let db = try AppDatabase.inMemory(seed: true)
        for sql in blocks {
            let r = try db.runSQL(sql)
            #expect(r.tables.last.map { !$0.rows.isEmpty } == true, "no rows: \(sql)")
        }
    }

    @Test func everyTableAndViewIsDocumented() throws {
        let doc = try String(contentsOf: EmbeddedResourcesTests.root.appendingPathComponent("docs/SCHEMA.md"), encoding: .utf8)
        let db = try AppDatabase.inMemory()
        let names = try db.reader.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'") }
        for name in names {
            #expect(doc.contains("### `\(name)`"), "docs/SCHEMA.md has no section for \(name)")
            let columns = try db.reader.read { try Row.fetchAll($0, sql: "SELECT name FROM pragma_table_info(?)", arguments: [name]).map { $0["name"] as String } }
            for column in columns {
                #expect(doc.contains("`\(column)`"), "docs/SCHEMA.md does not name \(name).\(column)")
            }
        }
    }
}
