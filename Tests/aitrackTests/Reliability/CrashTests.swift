import Foundation
import Testing
@testable import AITrackCore

/// SIGKILL at random moments: the database holds all of a run or none of it, and a killed
/// creation is completed, with the whole seed, by the next run.
@Suite(.serialized) struct CrashTests {
    static let trials = 20

    @Test func killedIngestsLeaveAllOrNothing() throws {
        let cli = try CLI()
        let n = 20_000
        var lines = ""
        for i in 0..<n {
            lines += #"{"type":"statistic","metric":"crash_test","date":"2025-12-31","company":"Firm \#(i % 300)","segment":"S\#(i)","value":\#(i),"unit":"u","source":"Test"}"# + "\n"
        }
        let file = try cli.write("big.ndjson", lines)
        var rng = SystemRandomNumberGenerator()
        var outcomes: [Int: Int] = [:]
        let indexes = "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'statistics' ORDER BY name)"
        let indexesBefore = try cli.sqlite(indexes)
        for trial in 0..<Self.trials {
            let p = try spawn(["ingest", file, "--db", cli.db, "--quiet"], cwd: cli.dir)
            // kill once the WAL has grown past a random size: a random moment of the write
            let threshold = Int.random(in: 0..<3_000_000, using: &rng)
            while p.isRunning {
                if fileSize(cli.db + "-wal") >= threshold { kill(p.processIdentifier, SIGKILL); break }
                usleep(200)
            }
            p.waitUntilExit()
            let check = try cli.run("check")
            #expect(check.status == 0, "trial \(trial): \(check.stdout)\(check.stderr)")
            // a run of this size drops the unit trigger inside its transaction: it is there after any kill
            #expect(try cli.sqlite("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'statistics_one_unit_insert'") == "1")
            // and, into a table this much smaller, drops three indexes to build them again at its end
            #expect(try cli.sqlite(indexes) == indexesBefore)
            let count = Int(try cli.sqlite("SELECT count(*) FROM statistics WHERE metric = 'crash_test'")) ?? -1
            #expect(count == 0 || count == n, "trial \(trial): \(count) of \(n) entries")
            outcomes[count, default: 0] += 1
            if count == n { _ = try cli.sqlite("DELETE FROM statistics WHERE metric = 'crash_test'") }
        }
        #expect(outcomes[0, default: 0] > 0, "no ingest was killed before it committed: \(outcomes)")
    }

    /// An upgrade killed at any moment leaves the old schema with every row, or the new one
    /// with every row; the next run completes it. (The upgrade to schema 7 copies `statistics`.)
    @Test func killedUpgradesLeaveTheOldSchemaOrTheNew() throws {
        let cli = try CLI(create: false)
        let n = 30_000
        let old = Migrations.all.prefix(6)
        _ = try cli.sqlite("PRAGMA journal_mode = WAL;\n" + old.map(\.sql).joined(separator: "\n") + """

            CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
            INSERT INTO grdb_migrations VALUES \(old.map { "('\($0.name)')" }.joined(separator: ", "));
            PRAGMA user_version = 6;
            INSERT INTO sources (id, name) VALUES (1, 'S');
            INSERT INTO companies (id, name) VALUES (1, 'A');
            WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < \(n - 1))
            INSERT INTO statistics (identity, metric, date, company_id, segment, value, unit, source_id)
            SELECT 'r' || i, 'm', '2025-01-01', 1, 'S' || i, i, 'u', 1 FROM k;
            """)
        let current = String(Migrations.currentVersion)
        let template = cli.db + ".v6"
        try FileManager.default.copyItem(atPath: cli.db, toPath: template)
        var rng = SystemRandomNumberGenerator()
        var outcomes: [String: Int] = [:]
        for trial in 0..<10 {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: cli.db + suffix) }
            try FileManager.default.copyItem(atPath: template, toPath: cli.db)
            let p = try spawn(["db", "upgrade", "--db", cli.db, "--quiet"], cwd: cli.dir)
            let threshold = Int.random(in: 0..<12_000_000, using: &rng)
            while p.isRunning {
                if fileSize(cli.db + "-wal") >= threshold { kill(p.processIdentifier, SIGKILL); break }
                usleep(200)
            }
            p.waitUntilExit()
            let version = try cli.sqlite("PRAGMA user_version")
            #expect(version == "6" || version == current, "trial \(trial): version \(version)")
            #expect(try cli.sqlite("SELECT count(*) FROM statistics") == String(n), "trial \(trial)")
            let inLists = try cli.sqlite("SELECT sql LIKE '%measure IN (%' FROM sqlite_master WHERE name = 'statistics'")
            #expect(inLists == (version == "6" ? "1" : "0"), "trial \(trial)")
            outcomes[version, default: 0] += 1
            #expect(try cli.run("db", "upgrade", "--quiet").status == 0, "trial \(trial)")
            #expect(try cli.sqlite("PRAGMA user_version") == current && cli.sqlite("SELECT count(*) FROM statistics") == String(n), "trial \(trial)")
            let check = try cli.run("check")
            #expect(check.status == 0, "trial \(trial): \(check.stdout)\(check.stderr)")
        }
        #expect(outcomes["6", default: 0] > 0, "no upgrade was killed before it committed: \(outcomes)")
    }

    @Test func killedCreationsAreCompletedByTheNextRun() throws {
        let cli = try CLI(create: false)
        let full = try CLI()   // a database made without interruption, to compare with
        let seedCount = try full.sqlite("SELECT count(*) FROM statistics")
        var rng = SystemRandomNumberGenerator()
        var leftFiles = 0
        for trial in 0..<Self.trials {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: cli.db + suffix) }
            let p = try spawn(["init", "--db", cli.db, "--quiet"], cwd: cli.dir)
            let threshold = Int.random(in: 0..<600_000, using: &rng)
            while p.isRunning {
                if fileSize(cli.db) + fileSize(cli.db + "-wal") >= threshold { kill(p.processIdentifier, SIGKILL); break }
            }
            p.waitUntilExit()
            if FileManager.default.fileExists(atPath: cli.db) { leftFiles += 1 }
            let next = try cli.run("init")
            #expect(next.status == 0, "trial \(trial): \(next.stderr)")
            #expect(try cli.sqlite("SELECT count(*) FROM statistics") == seedCount, "trial \(trial)")
            #expect(try cli.sqlite("SELECT count(*) FROM ingests WHERE command = 'seed'") == "1", "trial \(trial)")
            #expect(try cli.run("check").status == 0, "trial \(trial)")
        }
        #expect(leftFiles > 0, "no creation was killed after it made the file")
    }
}
