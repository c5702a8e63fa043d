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
        #expect(stdin.stdout == "n\n\(try cli.sqlite("SELECT count(*) FROM deals"))\n")
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
        let wrote = try cli.run("sql", "--write", "UPDATE deals SET status = 'signed' WHERE title = 'AMD to sell AI chips to Meta'")
        #expect(wrote.status == 0 && wrote.stderr.contains("1 row changed"))
    }

    /// `sql --write` cannot switch the guards off (issue 27): the PRAGMA is refused with its
    /// sentence and nothing is written; a script's statements run in order.
    @Test func sqlWriteKeepsTheGuardsAndRunsScriptsInOrder() throws {
        let cli = try CLI()
        let before = try cli.dump()
        let version = try cli.sqlite("PRAGMA user_version")
        for pragma in ["PRAGMA ignore_check_constraints=ON", "PRAGMA writable_schema=ON", "PRAGMA user_version=99"] {
            let r = try cli.run("sql", "--write", "\(pragma); UPDATE statistics SET value = -500000 WHERE metric = 'ai_compute_h100e'")
            let name = pragma.dropFirst(7).prefix { $0 != "=" }
            #expect(r.status == 1)
            #expect(r.stderr == "aitrack: sql: PRAGMA \(name) is not allowed (\(pragma)): a run may not switch off the database's checks or change its stamps; nothing was written; valid: PRAGMAs that only read, such as table_info(statistics), index_list(deals), foreign_key_check, integrity_check, or user_version without a value.\n")
        }
        #expect(try cli.dump() == before)
        #expect(try cli.sqlite("PRAGMA user_version") == version)
        let end = try cli.run("sql", "--write", "UPDATE deals SET status = 'signed'; END")
        #expect(end.stderr == "aitrack: sql: END is not allowed (END): a run is one transaction of its own; nothing was written; leave out BEGIN, COMMIT, END, ROLLBACK, SAVEPOINT, RELEASE, ATTACH, DETACH and VACUUM.\n")
        #expect(try cli.dump() == before)
        // the help and the message list the refused set itself
        let help = try cli.run("sql", "--help").stdout
        for keyword in SQLGuard.refusedKeywords {
            #expect(help.contains(keyword) && end.stderr.contains(keyword), "\(keyword) is refused and not named")
        }
        let script = try cli.run("sql", "--write", "CREATE TABLE t(x); INSERT INTO t VALUES(1)")
        #expect(script.status == 0 && script.stderr == "aitrack: 1 row changed\n", "\(script.stderr)")
        #expect(try cli.sqlite("SELECT x FROM t") == "1")
        let read = try cli.run("sql", "PRAGMA table_info(deals)", "--format", "csv")
        #expect(read.status == 0 && read.stdout.hasPrefix("cid,name,type,notnull,dflt_value,pk\n"), "\(read.stderr)")
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
        #expect(o.first { $0.0 == "rows" }?.1.member("deals") == .number(try cli.sqlite("SELECT count(*) FROM deals")))
        #expect(s.stdout.contains("journal_mode,wal\n"))
    }
}
