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
        let bad = [
            "INSERT INTO deals (identity, date, title, kind, source_id) VALUES ('x', '2025-02-30', 't', 'cloud_contract', 1)",
            "INSERT INTO deals (identity, date, title, kind, source_id) VALUES ('x', '2025-08-21', 't', 'merger', 1)",
            "INSERT INTO deals (identity, date, title, kind, value, currency, source_id) VALUES ('x', '2025-08-21', 't', 'other', -1, 'USD', 1)",
            "INSERT INTO statistics (identity, metric, date, value, unit, source_id) VALUES ('x', 'm', '2025-01-01', 101, 'percent', 1)",
            "INSERT INTO statistics (identity, metric, date, precision, value, unit, source_id) VALUES ('x', 'm', '2025-02-01', 'year', 1, 'u', 1)",
            "INSERT INTO deal_parties (deal_id, company_id, role) VALUES (99, 1, 'customer')",
            "INSERT INTO companies (name, kind) VALUES ('B', 'startup')",
        ]
        for sql in bad {
            #expect(throws: DatabaseError.self, "\(sql)") { try db.dbWriter.write { try $0.execute(sql: sql) } }
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

@Suite struct SeedTests {
    @Test func aNewFileIsSeededOnce() throws {
        let tmp = TempFolder()
        let path = tmp.path()
        let first = try AppDatabase.open(path: path)
        #expect(first.created)
        #expect((first.seed?.added ?? 0) > 250)
        let before = try snapshot(first.database)
        let again = try AppDatabase.open(path: path)
        #expect(!again.created && again.seed == nil)
        #expect(try snapshot(again.database) == before)
    }

    @Test func noSeedCreatesItEmpty() throws {
        let tmp = TempFolder()
        let opened = try AppDatabase.open(path: tmp.path(), seed: false)
        #expect(try count(opened.database, "SELECT count(*) FROM companies") == 0)
    }

    @Test func articleClaimsSitBesideTheirChecks() throws {
        let db = try AppDatabase.inMemory(seed: true)
        // the article's 7 bn deal is contradicted; Reuters' > 10 bn over six years is beside it
        #expect(try count(db, "SELECT count(*) FROM deals WHERE value = 7e9 AND verification = 'contradicted' AND cited_by_id IS NOT NULL") == 1)
        #expect(try count(db, "SELECT count(*) FROM deals WHERE value = 1e10 AND qualifier = 'at_least' AND term_months = 72 AND verification = 'verified'") == 1)
        // the top-five claim, as the article states it, contradicted
        #expect(try count(db, """
            SELECT count(*) FROM statistics_overview WHERE metric = 'ai_compute_h100e' AND measure = 'cr5' AND value = 70
              AND qualifier = 'at_least' AND source = 'Stanford AI Index 2025' AND cited_by = 'news article, 2025' AND verification = 'contradicted'
            """) == 1)
        #expect(try count(db, "SELECT count(*) FROM statistics WHERE metric = 'ai_infrastructure_market_usd' AND value = 86e9 AND verification = 'contradicted'") == 1)
        #expect(try count(db, "SELECT count(*) FROM statistics WHERE metric = 'ai_applications_share' AND value = 38 AND verification = 'disputed'") == 1)
        #expect(try count(db, "SELECT count(*) FROM statistics WHERE metric = 'ai_training_multicloud_share' AND forecast = 1") == 1)
        #expect(try count(db, "SELECT count(*) FROM statistics WHERE metric = 'model_development_cost_usd' AND value = 1e8") == 2)
        // Google as AI Alliance member: contradicted; founding members verified
        #expect(try count(db, "SELECT count(*) FROM memberships_overview WHERE company = 'Alphabet' AND verification = 'contradicted'") == 1)
        #expect(try count(db, "SELECT count(*) FROM memberships_overview WHERE role = 'founding' AND company IN ('IBM', 'Meta Platforms', 'AMD')") == 3)
        // Google Cloud is a subsidiary of Alphabet, reached through the alias Google
        #expect(try count(db, "SELECT count(*) FROM company_ultimate_parents WHERE company = 'Google Cloud' AND ultimate_parent = 'Alphabet'") == 1)
        for name in ["Alphabet", "Google Cloud", "Meta Platforms", "OpenAI", "Microsoft", "Amazon", "Amazon Web Services", "IBM", "AMD", "Mistral AI", "Nvidia"] {
            #expect(try count(db, "SELECT count(*) FROM companies WHERE name = ?", [name]) == 1, "\(name) missing")
        }
    }

    /// The Epoch AI seed equals the CSV files, read here by an independent route.
    @Test func epochSeedMatchesTheCSVFiles() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let root = EmbeddedResourcesTests.root.appendingPathComponent("data/epoch-ai-chip-counts")
        var checked = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: root.path) where file.hasSuffix("_cumulative_totals.csv") {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            let lines = text.split(separator: "\n").map(String.init)
            let header = lines[0].split(separator: ",").map(String.init)
            let owner = header.firstIndex(of: "Owner")!, end = header.firstIndex(of: "End date")!
            let median = header.firstIndex(of: "Compute estimate in H100e (median)")!
            for line in lines.dropFirst() {
                // the numeric columns come before any quoted field in these files
                let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                let mdy = f[end].split(separator: "/").map { Int($0)! }
                let iso = String(format: "%04d-%02d-%02d", mdy[2], mdy[0], mdy[1])
                let company = f[owner] == "Google" ? "Alphabet" : f[owner] == "Meta" ? "Meta Platforms" : f[owner]
                let n = try count(db, """
                    SELECT count(*) FROM statistics_overview WHERE metric = 'ai_compute_h100e' AND date = ? AND company = ? AND value = ? AND source = 'Epoch AI'
                    """, [iso, company, Double(f[median])!])
                #expect(n == 1, "\(file): \(line)")
                checked += 1
            }
        }
        #expect(checked == 185)
    }
}
