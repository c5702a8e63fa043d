import Foundation
import Testing
@testable import AITrackCore

@Suite(.serialized) struct FirstRunTests {
    /// The quick start: a read command at the default path creates ./aitrack.db with the seed.
    @Test func aNewDatabaseIsSeededWithANotice() throws {
        let cli = try CLI(create: false)
        let r = try cli.run(["companies", "--format", "csv"], withDB: false)
        #expect(r.status == 0)
        #expect(r.stderr.hasPrefix("aitrack: created aitrack.db with the bundled seed data, "))
        #expect(r.stderr.hasSuffix("; --no-seed creates it empty; --db PATH or AITRACK_DB uses another file.\n"))
        #expect(r.stdout.hasPrefix("company,kind,parent,ultimate_parent"))
        #expect(r.stdout.contains("Google Cloud,company,Alphabet,Alphabet"))
        let again = try cli.run(["companies", "--format", "csv"], withDB: false)
        #expect(again.stderr.isEmpty)
    }

    /// The notice counts what the file holds as `db status` does, and describes every part of the seed.
    @Test func theCreationNoticeCountsAsDBStatusDoes() throws {
        let cli = try CLI(create: false)
        let made = try cli.run(["companies", "--format", "csv"], withDB: false)
        let status = try cli.run(["db", "status", "--format", "json"], withDB: false)
        let json = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        let contents = try #require(json?["contents"] as? String)
        let rows = try #require(json?["rows"] as? [String: Int])
        #expect(contents.hasPrefix("\(rows["deals"]!) deals, \(rows["statistics"]!) statistics, 1 alliance with \(rows["alliance_members"]!) memberships"))
        #expect(made.stderr.contains(contents + " ("))
        for part in ["article's claims with their checks", "Epoch AI", "deals", "cloud market shares", "capex", "foundry"] {
            #expect(made.stderr.contains(part))
        }
        // every entry the notice counts is one the export writes
        let export = try cli.run(["export", "--format", "ndjson"], withDB: false)
        let counted = ["deals", "statistics", "alliances", "alliance_members", "companies", "sources", "metrics"].reduce(0) { $0 + rows[$1]! }
        #expect(export.stdout.split(separator: "\n").count == counted)
    }

    /// From a sub-folder, the nearest aitrack.db above is used, and the command says which.
    @Test func aSubFolderUsesTheNearestDatabaseAbove() throws {
        let cli = try CLI()
        let sub = cli.dir.appendingPathComponent("notes/2026")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        #expect(try cli.run(["add-company", "--name", "Parentco"]).status == 0)
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = ["companies", "--format", "csv"]
        p.currentDirectoryURL = sub
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "AITRACK_DB")
        env["AITRACK_CEILING_DIRECTORIES"] = cli.dir.deletingLastPathComponent().path
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(stdout.contains("Parentco"))
        #expect(stderr == "aitrack: using \(cli.db), the nearest aitrack.db in a parent folder (--db PATH or AITRACK_DB chooses another).\n")
        #expect(!FileManager.default.fileExists(atPath: sub.appendingPathComponent("aitrack.db").path))
    }

    /// A read command given a path that does not exist creates nothing and says how to.
    @Test func aReadCommandCreatesNothingAtANamedPath() throws {
        let cli = try CLI(create: false)
        let r = try cli.run("companies")
        #expect(r.status == 1)
        #expect(r.stderr == "aitrack: no database at '\(cli.db)'; create it with `aitrack init --db \(cli.db)` (a command that only reads creates nothing).\n")
        #expect(!FileManager.default.fileExists(atPath: cli.db))
        let env = try cli.run(["report", "--year", "2025"], env: ["AITRACK_DB": cli.db], withDB: false)
        #expect(env.status == 1 && env.stderr.contains("no database at"))
        #expect(!FileManager.default.fileExists(atPath: cli.db))
        // a writing command creates it
        #expect(try cli.run("add-company", "--name", "Newco").status == 0)
        #expect(try cli.sqlite("SELECT count(*) > 100 FROM statistics") == "1")
    }

    @Test func dbFromEnvironmentElseCurrentFolder() throws {
        let cli = try CLI()
        let env = cli.dir.appendingPathComponent("env.db").path
        #expect(try cli.run(["init"], env: ["AITRACK_DB": env], withDB: false).status == 0)
        #expect(FileManager.default.fileExists(atPath: env))
        #expect(try cli.run(["init", "--no-seed"], withDB: false).status == 0)
        #expect(FileManager.default.fileExists(atPath: cli.dir.appendingPathComponent("aitrack.db").path))
    }

    @Test func initNoSeedIsEmptyAndPrintsTheSchemaVersion() throws {
        let cli = try CLI(seed: false)
        #expect(try cli.sqlite("SELECT count(*) FROM companies") == "0")
        let r = try cli.run("init")
        #expect(r.stdout.contains("schema version \(Migrations.currentVersion)"))
        #expect(try cli.sqlite("PRAGMA journal_mode") == "wal")
    }

    @Test func anOlderSchemaIsUpgradedWithANotice() throws {
        let cli = try CLI()
        _ = try cli.run("init")
        let before = try cli.sqlite("SELECT count(*) FROM statistics")
        // make it look like a database of the first schema
        _ = try cli.sqlite("DROP INDEX sources_name_url; UPDATE sources SET url = coalesce(url, via_url); ALTER TABLE sources DROP COLUMN via_url; ALTER TABLE sources DROP COLUMN via; CREATE UNIQUE INDEX sources_name_url ON sources (name COLLATE NOCASE, coalesce(url, '')); DROP TABLE removed_entries; DROP TABLE entry_history; DROP TABLE upstream_drops; DROP TABLE snapshots; DROP VIEW metric_year_concentration; DROP VIEW metric_year_shares; DROP VIEW metric_year_values; DROP TABLE deal_relations; DROP TABLE metrics; DROP INDEX statistics_source; DROP INDEX statistics_cited_by; DROP INDEX deals_cited_by; DROP INDEX alliance_members_source; DROP INDEX statistics_market; DELETE FROM grdb_migrations WHERE identifier <> '0001_init'; PRAGMA user_version = 1;")
        // a read command never upgrades: it says what to run, and the file stays as it was
        let unchanged = try Data(contentsOf: URL(fileURLWithPath: cli.db))
        let read = try cli.run("stats", "--format", "csv")
        #expect(read.status == 1)
        #expect(read.stderr == "aitrack: '\(cli.db)' has schema version 1 and this aitrack uses \(Migrations.currentVersion); upgrade it with `aitrack db upgrade --db \(cli.db)` (a command that only reads never changes the file).\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.db)) == unchanged)
        let r = try cli.run("db", "upgrade")
        #expect(r.status == 0)
        #expect(r.stderr == "aitrack: upgraded \(cli.db) from schema version 1 to \(Migrations.currentVersion); its data are unchanged.\n")
        #expect(try cli.sqlite("SELECT count(*) FROM statistics") == before)
        // the upgrade defines no metric (it adds no data): no figure until the user defines it
        let top5 = "SELECT round(top5_share, 2) FROM metric_year_concentration WHERE metric = 'ai_compute_h100e' AND year = 2025"
        #expect(try cli.sqlite(top5) == "")
        #expect(try cli.run("add-metric", "--name", "ai_compute_h100e", "--unit", "H100e", "--kind", "stock", "--source", "Epoch AI").status == 0)
        #expect(try cli.sqlite(top5) == "73.56")
    }

    @Test func aNewerSchemaIsRefused() throws {
        let cli = try CLI(seed: false)
        _ = try cli.sqlite("PRAGMA user_version = 42")
        let r = try cli.run("deals")
        #expect(r.status != 0)
        #expect(r.stderr.contains("newer than this aitrack"))
        #expect(!r.stderr.contains("Fatal"))
    }
}
