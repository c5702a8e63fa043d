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
}
