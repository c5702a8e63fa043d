import Foundation
import Testing
@testable import AITrackCore

@Suite struct SQLAndCheckCommandTests {
    @Test func sqlFormatsAndReadOnly() throws {
        let cli = try CLI()
        let q = "SELECT rank, company, round(share, 2) AS share FROM metric_year_shares WHERE metric = 'ai_compute_h100e' AND year = :y AND rank <= 2 ORDER BY rank"
        let csv = try cli.run("sql", q, "--param", "y", "2025", "--format", "csv")
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout == "rank,company,share\n1,Alphabet,25.87\n2,Microsoft,17.5\n")
        let tsv = try cli.run("sql", q, "--param", "y", "2025", "--format", "tsv")
        #expect(tsv.stdout.hasPrefix("rank\tcompany\tshare\n1\tAlphabet\t25.87\n"))
        let nl = try cli.run("sql", q, "--param", "y", "2025", "--format", "nl")
        #expect(nl.stdout == "{\"rank\":1,\"company\":\"Alphabet\",\"share\":25.87}\n{\"rank\":2,\"company\":\"Microsoft\",\"share\":17.5}\n")
        let table = try cli.run("sql", "SELECT 2025 AS year, 1234567 AS n", "--format", "table")
        #expect(table.stdout.contains("2025  1234567"))
        let stdin = try cli.run("sql", "-", "--format", "csv", stdin: "SELECT count(*) AS n FROM deals")
        #expect(stdin.stdout == "n\n6\n")
        let file = try cli.write("q.sql", "SELECT name FROM alliances")
        #expect(try cli.run("sql", "--file", file, "--format", "csv").stdout == "name\nAI Alliance\n")

        let before = try cli.dump()
        let refused = try cli.run("sql", "DELETE FROM deals")
        #expect(refused.status != 0)
        #expect(refused.stderr == "aitrack: sql: the statement writes to the database (DELETE FROM deals); nothing was run; add --write to allow writes.\n")
        let bad = try cli.run("sql", "SELEC 1")
        #expect(bad.status != 0 && bad.stderr.contains("near \"SELEC\": syntax error, in: SELEC 1"))
        #expect(!bad.stderr.contains("Fatal"))
        #expect(try cli.dump() == before)
        let wrote = try cli.run("sql", "--write", "UPDATE deals SET status = 'signed' WHERE title LIKE 'AMD%'")
        #expect(wrote.status == 0 && wrote.stderr.contains("1 row changed"))
    }

    @Test func checkIsSilentWhenCleanAndNamesFindings() throws {
        let cli = try CLI()
        _ = try cli.run("init")
        let clean = try cli.run("check")
        #expect(clean.status == 0 && clean.stdout.isEmpty && clean.stderr.isEmpty)
        _ = try cli.sqlite("INSERT INTO company_aliases (alias, company_id) VALUES ('Oracle', (SELECT id FROM companies WHERE name = 'IBM')); DELETE FROM deal_parties WHERE deal_id = 1;")
        let r = try cli.run("check")
        #expect(r.status != 0)
        #expect(r.stdout.contains("a deal without parties: 1 row"))
        #expect(r.stdout.contains("an alias that is another company's name: 1 row"))
        #expect(r.stdout.contains("Oracle  IBM"))
        #expect(r.stderr.contains("check: 2 findings"))
    }

    @Test func dbStatusAndInitPrintTheSchemaVersion() throws {
        let cli = try CLI()
        let s = try cli.run("db", "status", "--format", "csv")
        #expect(s.stdout.contains("schema_version,\(Migrations.currentVersion)\n"))
        #expect(s.stdout.contains("migrations,\"\(Migrations.all.map(\.name).joined(separator: ", "))\"\n"))
        // JSON: one object
        let json = try cli.run("db", "status", "--format", "json")
        guard case .object(let o) = try JSONParser.parse(json.stdout) else { Issue.record("not an object"); return }
        #expect(o.first { $0.0 == "schema_version" }?.1 == .number(String(Migrations.currentVersion)))
        #expect(o.first { $0.0 == "rows" }?.1.member("deals") == .number("6"))
        #expect(s.stdout.contains("journal_mode,wal\n"))
    }
}

@Suite(.serialized) struct ConcurrencyTests {
    /// While an ingest runs, readers see the old or the new state, never a part of it, and a
    /// second writer waits for its turn instead of failing.
    @Test func readersSeeOldOrNewAndASecondWriterWaits() throws {
        let cli = try CLI()
        _ = try cli.run("init")
        let n = 15_000
        var lines = ""
        for i in 0..<n {
            lines += #"{"type":"statistic","metric":"concurrency_test","date":"2025-12-31","company":"Firm \#(i % 500)","segment":"S\#(i / 500)","value":\#(i),"unit":"H100e","source":"Test"}"# + "\n"
        }
        let file = try cli.write("big.ndjson", lines)
        let before = Int(try cli.sqlite("SELECT count(*) FROM statistics"))!

        let ingest = Process()
        ingest.executableURL = CLI.binary
        ingest.arguments = ["ingest", file, "--db", cli.db, "--quiet"]
        try ingest.run()
        var readsDuringIngest = 0
        var seen = Set<Int>()
        var writer: CLI.Result?
        var rounds = 0
        while ingest.isRunning && rounds < 400 {
            rounds += 1
            let c = Int(try cli.sqlite("SELECT count(*) FROM statistics")) ?? -1
            let viaAitrack = try cli.run("sql", "SELECT count(*) FROM statistics", "--format", "csv")
            let c2 = Int(viaAitrack.stdout.split(separator: "\n").last ?? "") ?? -1
            if ingest.isRunning {
                readsDuringIngest += 1
                seen.insert(c)
                seen.insert(c2)
                #expect(viaAitrack.status == 0, "\(viaAitrack.stderr)")
            }
            if writer == nil && ingest.isRunning {
                // a second writer while the ingest holds the write lock: it waits, then succeeds
                writer = try cli.run("add-company", "--name", "Waiting Writer Inc")
            }
        }
        ingest.waitUntilExit()
        #expect(ingest.terminationStatus == 0)
        #expect(readsDuringIngest >= 1, "the ingest ended before any read: make the file larger")
        #expect(seen.isSubset(of: [before, before + n]), "a reader saw a partial state: \(seen.sorted())")
        #expect(writer?.status == 0, "\(writer?.stderr ?? "")")
        #expect(try cli.sqlite("SELECT count(*) FROM statistics") == String(before + n))
        #expect(try cli.sqlite("SELECT count(*) FROM companies WHERE name = 'Waiting Writer Inc'") == "1")
    }
}

@Suite struct TerminalTests {
    @Test func noColorDropsTheBars() throws {
        let cli = try CLI()
        let bars = try cli.run(["concentration", "--metric", "ai_compute_h100e", "--year", "2025", "--format", "table"], env: ["NO_COLOR": ""])
        #expect(bars.stdout.contains("█"))
        let plain = try cli.run(["concentration", "--metric", "ai_compute_h100e", "--year", "2025", "--format", "table"], env: ["NO_COLOR": "1"])
        #expect(!plain.stdout.contains("█"))
        #expect(plain.stdout.contains("CR5 73.56 %"))
    }

    @Test func theReadmeHasAnExampleOfEveryCommand() throws {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("swift run -c release aitrack report --year 2025"))
        #expect(readme.contains("swift test"))
        for command in ["init", "add-company", "add-deal", "add-alliance", "join-alliance", "add-stat", "ingest", "export", "companies",
                        "deals", "alliances", "stats", "report", "concentration", "sql", "check", "db status"] {
            #expect(readme.contains("aitrack \(command) ") || readme.contains("aitrack \(command)\n"), "README has no example of \(command)")
        }
    }

    @Test func usageMistakesAreOneSentence() throws {
        let cli = try CLI(seed: false)
        let missing = try cli.run("add-company")
        #expect(missing.status != 0)
        #expect(missing.stderr == "aitrack: add-company: Missing expected argument '--name <name>'; see 'aitrack help add-company'.\n")
        let unknown = try cli.run("deals", "--bogus")
        #expect(unknown.stderr == "aitrack: deals: Unknown option '--bogus'; see 'aitrack help deals'.\n")
        let help = try cli.run(["deals", "--help"], withDB: false)
        #expect(help.status == 0 && help.stdout.contains("OVERVIEW"))
    }

    @Test func completionScriptsAndHelpWithExamples() throws {
        let cli = try CLI()
        for shell in ["bash", "zsh", "fish"] {
            let r = try cli.run(["--generate-completion-script", shell], withDB: false)
            #expect(r.status == 0 && r.stdout.contains("aitrack"))
        }
        for command in ["init", "add-company", "add-deal", "add-alliance", "join-alliance", "add-stat", "ingest", "export", "companies",
                        "deals", "alliances", "stats", "report", "concentration", "sql", "check"] {
            let r = try cli.run(["help", command], withDB: false)
            #expect(r.status == 0)
            #expect(r.stdout.contains("Example"), "\(command) --help has no example")
        }
    }
}
