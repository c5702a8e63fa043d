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
        let r = try db.runSQL("UPDATE deals SET status = 'signed' WHERE title = 'AMD to sell AI chips to Meta'", write: true)
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

    /// A writing run's statements run in order, each prepared when it is reached: a table made
    /// by the first is there for the next (issue 27). Still one transaction: a failure later
    /// takes the table back too.
    @Test func aWritingScriptRunsInOrder() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let r = try db.runSQL("CREATE TABLE t(x); INSERT INTO t VALUES (1); INSERT INTO t SELECT x + 1 FROM t; SELECT x FROM t ORDER BY x", write: true)
        #expect(r.changes == 2)
        #expect(r.tables.map(\.rows) == [[[Cell.int(1)], [Cell.int(2)]]])
        let before = try snapshot(db)
        #expect(throws: SQLProblem.failed(message: "NOT NULL constraint failed: companies.name", statement: "INSERT INTO companies(name) VALUES (NULL)", wrote: true)) {
            try db.runSQL("CREATE TABLE u(x); INSERT INTO u VALUES (1); INSERT INTO companies(name) VALUES (NULL)", write: true)
        }
        #expect(try db.reader.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'u'") } == 0)
        #expect(try snapshot(db) == before)
        // a parameter no statement uses is found at the end, and the run is taken back
        #expect(throws: SQLProblem.unusedParameter(name: "x", used: [])) {
            try db.runSQL("CREATE TABLE v(x)", parameters: [SQLParameter(name: "x", value: "1")], write: true)
        }
        #expect(try db.reader.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'v'") } == 0)
    }

    /// A PRAGMA that would switch a guard off or change a stamp is refused (issue 27), however
    /// it is written; the run is taken back and the connection checks as before.
    @Test(arguments: ["PRAGMA ignore_check_constraints=ON", "PRAGMA writable_schema = 1", "PRAGMA foreign_keys=OFF", "PRAGMA user_version=99",
                      "PRAGMA application_id = 7", "PRAGMA journal_mode=DELETE", "pragma main.user_version(3)",
                      "/* x */ PRAGMA \"ignore_check_constraints\" = true", "PRAGMA [writable_schema]=ON", "EXPLAIN PRAGMA ignore_check_constraints=ON",
                      "explain query plan PRAGMA writable_schema=ON", "PRAGMA optimize", "PRAGMA wal_checkpoint(TRUNCATE)", "PRAGMA defer_foreign_keys=ON",
                      "PRAGMA cell_size_check=OFF", "PRAGMA schema_version = 1", "PRAGMA legacy_alter_table=ON", "PRAGMA trusted_schema=ON", "PRAGMA no_such_pragma"])
    func guardPragmasAreRefused(_ pragma: String) throws {
        let db = try AppDatabase.inMemory(seed: true)
        let before = try snapshot(db)
        let version = try db.reader.read { try Int.fetchOne($0, sql: "PRAGMA user_version") }
        for write in [true, false] {
            do {
                _ = write ? try db.runSQL("\(pragma); UPDATE statistics SET value = -500000 WHERE unit <> 'percent_change'", write: true)
                    : try db.runSQL("SELECT 1; \(pragma)")
                Issue.record("ran \(pragma)")
            } catch SQLProblem.pragma(let name, let statement) {
                #expect(!name.isEmpty && !statement.isEmpty)
            } catch SQLProblem.writes {
                #expect(!write)   // a read-only run may refuse it as a write first
            }
        }
        #expect(try snapshot(db) == before)
        #expect(try db.reader.read { try Int.fetchOne($0, sql: "PRAGMA user_version") } == version)
        // the same connection still applies the table's checks
        #expect(throws: SQLProblem.self) { try db.runSQL("UPDATE statistics SET value = -1 WHERE unit <> 'percent_change'", write: true) }
    }

    /// PRAGMAs that only read run, with or without --write.
    @Test(arguments: ["PRAGMA table_info(statistics)", "PRAGMA main.index_list('deals')", "PRAGMA user_version", "PRAGMA foreign_key_check",
                      "PRAGMA integrity_check(1)", "pragma page_size", "PRAGMA foreign_keys;", "PRAGMA table_xinfo = companies"])
    func readingPragmasRun(_ pragma: String) throws {
        let db = try AppDatabase.inMemory(seed: true)
        _ = try db.runSQL(pragma)
        _ = try db.runSQL(pragma, write: true)
    }

    /// Whatever way a run found to switch a guard off, it does not commit.
    @Test func aRunThatChangedAGuardIsTakenBack() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let stamps = try db.reader.read { try SQLGuard.stamps($0) }
        #expect(try db.reader.read { try SQLGuard.changedGuard($0, stamps: stamps) } == nil)
        #expect(try db.reader.read { try SQLGuard.changedGuard($0, stamps: [stamps[0] + 1, stamps[1]]) } == "user_version")
        try db.dbWriter.writeWithoutTransaction { try $0.execute(sql: "PRAGMA ignore_check_constraints = ON") }
        #expect(try db.reader.read { try SQLGuard.changedGuard($0, stamps: stamps) } == "ignore_check_constraints")
        #expect(throws: SQLProblem.pragma(name: "ignore_check_constraints", statement: "")) {
            try db.runSQL("UPDATE deals SET status = 'signed'", write: true)
        }
    }
}
