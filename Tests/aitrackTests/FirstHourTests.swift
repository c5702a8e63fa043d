import Foundation
import Testing
@testable import AITrackCore

/// What a new user does in the first hour (issue 9): round trips, typos, options where people
/// put them, and runs that change nothing leaving no trace.
@Suite struct FirstHourTests {
    @Test func listingsIngestBack() throws {
        let cli = try CLI()
        for (listing, type) in [("deals", "deal"), ("stats", "statistic"), ("companies", "company"), ("alliances", "alliance")] {
            for format in ["csv", "json"] {
                let out = try cli.run(listing, "--format", format)
                let file = try cli.write("\(listing).\(format)", out.stdout)
                let back = try cli.run("ingest", file, "--type", type)
                #expect(back.status == 0, "\(listing) as \(format): \(back.stderr)")
                #expect(back.stderr.contains(" 0 added, ") && back.stderr.contains(" 0 replaced"), "\(listing) as \(format): \(back.stderr)")
            }
        }
        // into an empty database, a deal listing makes the deals (and the companies they name)
        let empty = try CLI(seed: false)
        let deals = try cli.write("d.csv", try cli.run("deals", "--format", "csv").stdout)
        let made = try empty.run("ingest", deals, "--type", "deal")
        let n = try cli.sqlite("SELECT count(*) FROM deals")
        #expect(made.status == 0 && made.stderr.hasPrefix("aitrack: \(n) entries: \(n) added"), "\(made.stderr)")
    }

    @Test func aBackupIngestsInAnyFileOrder() throws {
        let cli = try CLI()
        let backup = cli.dir.appendingPathComponent("backup").path
        #expect(try cli.run("export", "--format", "csv", "--dir", backup).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: backup).sorted().map { backup + "/" + $0 }
        let original = try cli.run("export").stdout
        for order in [files, files.reversed(), files.shuffled()] {
            let copy = try CLI(seed: false)
            let r = try copy.run(["ingest"] + order)
            #expect(r.status == 0, "\(order): \(r.stderr)")
            #expect(try copy.run("export").stdout == original)
        }
    }

    @Test func runsThatChangeNothingLeaveTheFileAsItWas() throws {
        let cli = try CLI()
        let all = try cli.write("all.ndjson", try cli.run("export").stdout)
        let before = bytes(cli.db)
        for args in [["ingest", all], ["add-company", "--name", "Alphabet"], ["add-company", "--name", "alphabet"],
                     ["add-deal", "--date", "2025-08-21", "--kind", "cloud_contract", "--party", "Meta:customer", "--party", "Google Cloud:provider",
                      "--source", "Reuters", "--source-url", "https://example.com/another-copy"],
                     ["ingest", all, "--dry-run"], ["report", "--year", "2025"], ["sql", "SELECT count(*) FROM deals"]] {
            let r = try cli.run(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(bytes(cli.db) == before, "\(args) changed the file")
            #expect(!FileManager.default.fileExists(atPath: cli.db + "-wal"), "\(args) left a WAL file")
        }
    }

    @Test func typosArePointedOutOrRefused() throws {
        let cli = try CLI()
        let r = try cli.run("add-deal", "--date", "2025-09-01", "--kind", "partnership", "--party", "Gooogle:partner", "--party", "Meta:partner", "--source", "Reuters")
        #expect(r.status == 0)
        #expect(r.stderr.contains("aitrack: created company 'Gooogle' — did you mean Google (Alphabet)? (--strict-names refuses new names)\n"))
        let strict = try cli.run("add-deal", "--date", "2025-09-02", "--kind", "partnership", "--party", "Microsft:partner", "--party", "Meta:partner",
                                 "--source", "Reuters", "--strict-names")
        #expect(strict.status == 1 && strict.stderr.contains("add-deal: --party: 'Microsft' is not a known company or alias"))
        let metric = try cli.run("add-stat", "--metric", "ai_compute_h100", "--date", "2025", "--value", "1", "--unit", "H100e", "--source", "Epoch AI", "--strict-names")
        #expect(metric.stderr == "aitrack: add-stat: --metric: 'ai_compute_h100' is a new metric, close to the stored ai_compute_h100e; valid: ai_compute_h100e, or leave out --strict-names to create it.\n")
        let source = try cli.run("add-stat", "--metric", "gpu_count", "--date", "2025", "--value", "1", "--unit", "GPUs", "--source", "Epoch A.I.", "--dry-run")
        #expect(source.stderr.contains("aitrack: created source 'Epoch A.I.' — did you mean 'Epoch AI'?"))
        let command = try cli.run(["reprot", "--year", "2025"], withDB: false)
        #expect(command.status != 0 && command.stderr == "aitrack: unknown command 'reprot'; did you mean 'report'?\n")
        let twice = try cli.run("deals", "--company", "Meta", "--company", "Google")
        #expect(twice.status != 0 && twice.stderr == "aitrack: deals: --company is given 2 times ('Meta', 'Google'); it takes one value: give it once.\n")
    }

    @Test func optionsEveryCommandTakesMayComeFirst() throws {
        let cli = try CLI(create: false)
        let other = cli.dir.appendingPathComponent("x.db").path
        let r = try cli.run(["--db", other, "--no-seed", "init"], withDB: false)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try cli.run(["--db", other, "--quiet", "--format", "csv", "companies"], withDB: false).stdout == "company,kind,parent,ultimate_parent,country,aliases,deals,statistics,verification,note\n")
        #expect(try cli.run(["--db=\(other)", "db", "status", "--format", "json"], withDB: false).status == 0)
        // the help's own example
        #expect(try cli.run(["help", "export"], withDB: false).stdout.contains("aitrack --db copy.db init --no-seed"))
    }

    /// At 80 columns no help line is wrapped mid-argument: every line of an Examples block is an
    /// indented example (or its indented continuation), and no line is wider than 80, the usage
    /// synopsis included (folded between arguments, never inside one).
    @Test func helpExamplesAreNotWrappedMidArgument() throws {
        let cli = try CLI(create: false)
        let top = try cli.run(["help"], env: ["COLUMNS": "80"], withDB: false).stdout.components(separatedBy: "\n")
            .drop { !$0.hasPrefix("SUBCOMMANDS") }.dropFirst().compactMap { line -> String? in
                line.hasPrefix("  ") && !line.hasPrefix("   ") ? String(line.dropFirst(2).prefix { $0 != " " }) : nil
            }
        #expect(top.count >= 25 && top.contains("members") && top.contains("pull"))
        let commands = [[]] + top.filter { $0 != "db" && $0 != "publish" }.map { [$0] }
            + [["db", "status"], ["db", "upgrade"], ["db", "repair"], ["publish", "datasette"]]
        for command in commands {
            let r = try cli.run(["help"] + command, env: ["COLUMNS": "80"], withDB: false)
            #expect(r.status == 0)
            var inExamples = false
            for line in r.stdout.components(separatedBy: "\n") {
                if line.hasPrefix("Example") { inExamples = true; continue }
                if line.isEmpty { inExamples = false; continue }
                if inExamples { #expect(line.hasPrefix("  "), "aitrack help \(command.joined(separator: " ")): a wrapped example: '\(line)'") }
                #expect(line.count <= 80, "aitrack help \(command.joined(separator: " ")): \(line.count) columns: \(line)")
            }
        }
    }
}
