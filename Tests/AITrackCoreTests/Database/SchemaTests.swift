import Foundation
import GRDB
import Testing
@testable import AITrackCore

@Suite struct SchemaTests {
    @Test func createsStrictTablesAndViews() throws {
        let db = try AppDatabase.inMemory()
        let tables = try db.reader.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%STRICT%' ORDER BY name") }
        for t in ["companies", "company_aliases", "sources", "deals", "deal_parties", "alliances", "alliance_members", "statistics", "fx_rates"] {
            #expect(tables.contains(t), "missing STRICT table \(t)")
        }
        let views = try db.reader.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'view'") }
        for v in ["company_ultimate_parents", "deals_overview", "deal_parties_named", "statistics_overview", "memberships_overview"] {
            #expect(views.contains(v), "missing view \(v)")
        }
        #expect(try db.schemaVersion() == Migrations.currentVersion)
    }

    @Test func fileDatabaseUsesWALAndForeignKeys() throws {
        let tmp = TempFolder()
        let path = tmp.path()
        let db = try AppDatabase.open(path: path, seed: false).database
        let (mode, fk) = try db.reader.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(mode == "wal")
        #expect(fk == 1)
    }

    @Test func checkConstraintsHoldForSQLWriters() throws {
        let db = try AppDatabase.inMemory()
        try db.dbWriter.write { db in
            try db.execute(sql: "INSERT INTO sources (name) VALUES ('S')")
            try db.execute(sql: "INSERT INTO companies (name) VALUES ('A')")
        }
        let bad: [(String, ResultCode)] = [
            ("INSERT INTO deals (identity, date, title, kind, source_id) VALUES ('x', '2025-02-30', 't', 'cloud_contract', 1)", .SQLITE_CONSTRAINT_CHECK),
            ("INSERT INTO deals (identity, date, title, kind, source_id) VALUES ('x', '2025-08-21', 't', 'merger', 1)", .SQLITE_CONSTRAINT_CHECK),
            ("INSERT INTO deals (identity, date, title, kind, value, currency, source_id) VALUES ('x', '2025-08-21', 't', 'other', -1, 'USD', 1)", .SQLITE_CONSTRAINT_CHECK),
            ("INSERT INTO statistics (identity, metric, date, value, unit, source_id) VALUES ('x', 'm', '2025-01-01', 101, 'percent', 1)", .SQLITE_CONSTRAINT_CHECK),
            ("INSERT INTO statistics (identity, metric, date, precision, value, unit, source_id) VALUES ('x', 'm', '2025-02-01', 'year', 1, 'u', 1)", .SQLITE_CONSTRAINT_CHECK),
            ("INSERT INTO companies (name, kind) VALUES ('B', 'startup')", .SQLITE_CONSTRAINT_CHECK),
            ("INSERT INTO deal_parties (deal_id, company_id, role) VALUES (99, 1, 'customer')", .SQLITE_CONSTRAINT_FOREIGNKEY),
            ("INSERT INTO companies (name) VALUES ('a')", .SQLITE_CONSTRAINT_UNIQUE),
            ("INSERT INTO statistics (identity, metric, date, value, unit, source_id) VALUES ('x', 'm', '2025-01-01', 1, 'u', NULL)", .SQLITE_CONSTRAINT_NOTNULL),
        ]
        for (sql, code) in bad {
            do {
                try db.dbWriter.write { try $0.execute(sql: sql) }
                Issue.record("accepted: \(sql)")
            } catch let e as DatabaseError {
                #expect(e.extendedResultCode == code, "\(sql): \(e.extendedResultCode)")
            }
        }
    }

    @Test func oneUnitPerMetricEvenInSQL() throws {
        let db = try AppDatabase.inMemory()
        try db.dbWriter.write { db in
            try db.execute(sql: "INSERT INTO sources (name) VALUES ('S')")
            try db.execute(sql: "INSERT INTO statistics (identity, metric, date, value, unit, source_id) VALUES ('a', 'm', '2025-01-01', 1, 'USD', 1)")
        }
        #expect(throws: DatabaseError.self) {
            try db.dbWriter.write { try $0.execute(sql: "INSERT INTO statistics (identity, metric, date, value, unit, source_id) VALUES ('b', 'm', '2025-01-01', 1, 'EUR', 1)") }
        }
    }

    @Test func refusesANewerSchema() throws {
        let tmp = TempFolder()
        let path = tmp.path()
        _ = try AppDatabase.open(path: path, seed: false)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('0099_future')")
            try db.execute(sql: "PRAGMA user_version = 99")
        }
        try queue.close()
        #expect(throws: DatabaseFileProblem.newer(path: path, version: 99, unknownMigrations: ["0099_future"])) {
            try AppDatabase.open(path: path)
        }
    }

    @Test func refusesAFileThatIsNotADatabase() throws {
        let tmp = TempFolder()
        let path = tmp.path("notes.db")
        try "hello, not sqlite\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: DatabaseFileProblem.notSQLite(path: path)) { try AppDatabase.open(path: path) }
    }
}
