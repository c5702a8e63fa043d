import Foundation
import Testing
@testable import AITrackCore

@Suite struct DBCommandTests {
    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// A `.dump` restored (user_version 0) and a file whose grdb_migrations was emptied are
    /// recognised by their tables; `db repair` restores the stamp and the rows are unchanged.
    @Test(arguments: ["dump", "emptied"])
    func aFileWithoutItsStampIsRecognisedAndRepaired(how: String) throws {
        let cli = try CLI()
        let rows = try cli.sqlite("SELECT count(*) FROM statistics")
        if how == "dump" {
            let dump = try cli.dump()
            try FileManager.default.removeItem(atPath: cli.db)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            p.arguments = [cli.db]
            let pipe = Pipe()
            p.standardInput = pipe
            try p.run()
            pipe.fileHandleForWriting.write(Data(dump.utf8))
            try pipe.fileHandleForWriting.close()
            p.waitUntilExit()
        } else {
            _ = try cli.sqlite("DELETE FROM grdb_migrations")
        }
        let report = try cli.run("report", "--year", "2025")
        #expect(report.status != 0)
        #expect(report.stderr.contains("has aitrack's tables of schema version \(Migrations.currentVersion), but its version stamp is missing; restore it with `aitrack db repair"), "\(report.stderr)")
        #expect(!report.stderr.contains("upgrade") && !report.stderr.contains("another program"))
        let repair = try cli.run("db", "repair")
        #expect(repair.status == 0 && repair.stdout.contains("restored the version stamp"), "\(repair.stderr)")
        #expect(try cli.run("report", "--year", "2025").status == 0)
        #expect(try cli.run("check").status == 0)
        #expect(try cli.sqlite("SELECT count(*) FROM statistics") == rows)
    }

    /// A redefined view: check names it, report refuses with the repair sentence, dry-run writes
    /// nothing, repair restores it; on a healthy file repair says so and writes nothing.
    @Test func aRedefinedViewIsFoundRefusedAndRepaired() throws {
        let cli = try CLI()
        let healthy = try bytes(cli.db)
        let none = try cli.run("db", "repair")
        #expect(none.status == 0 && none.stdout.hasSuffix(": nothing needs repair.\n"))
        #expect(try bytes(cli.db) == healthy)
        let good = try cli.run("report", "--year", "2025", "--format", "json").stdout
        let view = try cli.sqlite("SELECT sql FROM sqlite_master WHERE name = 'deals_overview'")
        _ = try cli.sqlite("DROP VIEW deals_overview; " + view.replacingOccurrences(of: "SELECT", with: "SELECT * FROM (SELECT", options: [], range: view.range(of: "SELECT")) + ")")
        let check = try cli.run("check")
        #expect(check.status != 0 && check.stderr.contains("the view deals_overview differs from this version's definition"))
        let report = try cli.run("report", "--year", "2025")
        #expect(report.status != 0 && report.stderr.contains("aitrack's view deals_overview differs from this version's definition, so its figures cannot be trusted; restore it with `aitrack db repair"))
        let concentration = try cli.run("concentration", "--metric", "ai_compute_h100e", "--year", "2025")
        #expect(concentration.status != 0 && concentration.stderr.contains("restore it with `aitrack db repair"))
        let before = try bytes(cli.db)
        let dry = try cli.run("db", "repair", "--dry-run")
        #expect(dry.stdout == "would restore the view deals_overview (it differed from this version's definition)\n")
        #expect(try bytes(cli.db) == before)
        #expect(try cli.run("db", "repair").status == 0)
        #expect(try cli.run("report", "--year", "2025", "--format", "json").stdout == good)
    }

    /// A CHECK weakened through writable_schema: check names the table; repair refuses, writes nothing.
    @Test func aWeakenedCheckIsFoundAndNotRepaired() throws {
        let cli = try CLI()
        _ = try cli.sqlite("PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'value >= 0', 'value >= -1e9') WHERE name = 'statistics'; PRAGMA writable_schema = OFF;")
        _ = try cli.sqlite("CREATE TABLE my_notes (x); CREATE VIRTUAL TABLE my_search USING fts5(body)")
        let check = try cli.run("check")
        #expect(check.status != 0 && check.stderr.contains("the table statistics differs from this version's definition"))
        #expect(!check.stderr.contains("finding (the table my_"))
        let before = try bytes(cli.db)
        let repair = try cli.run("db", "repair")
        #expect(repair.status != 0)
        #expect(repair.stderr.contains("the table statistics differs from this version's definition, and `db repair` restores no table; nothing was written"))
        #expect(try bytes(cli.db) == before)
    }

    /// A user's own table and FTS5 index are notes: check exits 0.
    @Test func aUsersObjectsAreNotesOnly() throws {
        let cli = try CLI()
        _ = try cli.sqlite("CREATE TABLE my_notes (x); CREATE VIRTUAL TABLE my_search USING fts5(body); CREATE INDEX my_idx ON my_notes(x)")
        let check = try cli.run("check")
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.isEmpty)
        #expect(check.stderr.contains("note: the table my_search is not aitrack's"))
        #expect(check.stderr.contains("note: the index my_idx is not aitrack's"))
    }
}
