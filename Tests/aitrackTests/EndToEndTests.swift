import Foundation
import Testing
@testable import AITrackCore

@Suite(.serialized) struct FirstRunTests {
    /// The quick start: a read command at the default path creates ./aitrack.db with the seed.
    @Test func aNewDatabaseIsSeededWithANotice() throws {
        let cli = try CLI(create: false)
        let r = try cli.run(["companies", "--format", "csv"], withDB: false)
        #expect(r.status == 0)
        #expect(r.stderr.contains("created aitrack.db and loaded the bundled seed data"))
        #expect(r.stdout.hasPrefix("company,kind,parent,ultimate_parent"))
        #expect(r.stdout.contains("Google Cloud,company,Alphabet,Alphabet"))
        let again = try cli.run(["companies", "--format", "csv"], withDB: false)
        #expect(again.stderr.isEmpty)
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
        _ = try cli.sqlite("DROP VIEW metric_year_concentration; DROP VIEW metric_year_shares; DROP VIEW metric_year_values; DROP INDEX statistics_source; DROP INDEX statistics_cited_by; DROP INDEX deals_cited_by; DROP INDEX alliance_members_source; DELETE FROM grdb_migrations WHERE identifier <> '0001_init'; PRAGMA user_version = 1;")
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
        #expect(try cli.sqlite("SELECT round(top5_share, 2) FROM metric_year_concentration WHERE metric = 'ai_compute_h100e' AND year = 2025") == "73.56")
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

@Suite struct ReportTests {
    @Test func reportSetsTheComputedTopFiveShareBesideTheArticlesClaim() throws {
        let cli = try CLI()
        let r = try cli.run("report", "--year", "2025")
        #expect(r.status == 0)
        #expect(r.stdout.contains("CR5 73.56 %"))
        #expect(r.stdout.contains("published cr5 2025: at least 70 % — Stanford AI Index 2025 (cited by news article, 2025) [contradicted]; computed 73.56 %: agrees"))
        #expect(r.stdout.contains("HHI 1,332 – 1,386"))
        #expect(r.stdout.contains("Meta cloud contract with Google Cloud"))
        #expect(r.stdout.contains("left out of the USD total, contradicted by its sources"))
    }

    @Test func reportJSONHoldsTheConcentrationSets() throws {
        let cli = try CLI()
        let r = try cli.run("report", "--year", "2025", "--format", "json")
        #expect(r.status == 0)
        let v = try JSONParser.parse(r.stdout)
        guard case .object(let top) = v, case .array(let sets)? = top.first(where: { $0.0 == "concentration" })?.1 else {
            Issue.record("no concentration list"); return
        }
        let compute = sets.first { if case .object(let o) = $0 { return o.contains { $0.0 == "metric" && $0.1 == .string("ai_compute_h100e") } }; return false }
        guard case .object(let c)? = compute else { Issue.record("no ai_compute_h100e"); return }
        let keys = c.map(\.0)
        for k in ["metric", "unit", "period", "total", "coverage", "firms", "cr", "top5_share", "hhi", "band", "published"] {
            #expect(keys.contains(k), "missing key \(k)")
        }
        guard case .number(let top5)? = c.first(where: { $0.0 == "top5_share" })?.1, let share = Double(top5) else { Issue.record("no top5"); return }
        #expect(abs(share - 73.5655) < 0.001)
    }

    @Test func markdownAndHTMLReports() throws {
        let cli = try CLI()
        let md = try cli.run("report", "--year", "2025", "--format", "markdown")
        #expect(md.stdout.hasPrefix("# aitrack report: 2025"))
        #expect(md.stdout.contains("| Alphabet |"))
        let html = try cli.run("report", "--year", "2025", "--format", "html")
        #expect(html.stdout.hasPrefix("<!doctype html>"))
        #expect(html.stdout.contains("<td>Alphabet</td>"))
        let csv = try cli.run("report", "--year", "2025", "--format", "csv")
        #expect(csv.stdout.contains("ai_compute_h100e,2025-01-01,2025-12-31,1,Alphabet,false,5049814,"))
    }

    @Test func reportWithoutAPeriodReportsTheLatestYear() throws {
        let cli = try CLI()
        let latest = try cli.sqlite("SELECT substr(max(date), 1, 4) FROM statistics WHERE company_id IS NOT NULL AND forecast = 0")
        let r = try cli.run("report")
        #expect(r.status == 0)
        #expect(r.stderr == "aitrack: report: no period given: \(latest), the latest year with company statistics (give --year for another).\n")
        #expect(r.stdout.hasPrefix("aitrack report · \(latest) "))
        let empty = try CLI(seed: false)
        let none = try empty.run("report")
        #expect(none.status == 1 && none.stderr.contains("the database holds no data yet"))
    }
}

@Suite struct AddCommandTests {
    @Test func addDealThenListItWithBothParties() throws {
        let cli = try CLI(seed: false)
        let add = try cli.run("add-deal", "--date", "2025-08-21", "--kind", "cloud_contract", "--party", "Meta:customer",
                              "--party", "Google Cloud:provider", "--value", "10 bn", "--currency", "USD", "--qualifier", "at_least",
                              "--source", "Reuters", "--source-url", "https://www.reuters.com/x")
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stderr.contains("added deal"))
        let r = try cli.run("deals", "--year", "2025", "--format", "json")
        guard case .array(let rows) = try JSONParser.parse(r.stdout), case .object(let d)? = rows.first else { Issue.record("no deal"); return }
        #expect(d.first { $0.0 == "value" }?.1 == .number("10000000000"))
        #expect(d.first { $0.0 == "parties" }?.1 == .array([
            .object([("company", .string("Meta")), ("role", .string("customer"))]),
            .object([("company", .string("Google Cloud")), ("role", .string("provider"))]),
        ]))
        // the same deal again changes nothing
        let again = try cli.run("add-deal", "--date", "2025-08-21", "--kind", "cloud_contract", "--party", "Google Cloud:provider",
                                "--party", "Meta:customer", "--value", "10e9", "--currency", "usd", "--qualifier", "at_least",
                                "--source", "Reuters", "--source-url", "https://www.reuters.com/x")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("unchanged"))
        #expect(try cli.sqlite("SELECT count(*) FROM deals") == "1")
    }

    @Test func namesResolveThroughAliases() throws {
        let cli = try CLI(seed: false)
        #expect(try cli.run("add-company", "--name", "Alphabet", "--alias", "Google", "--country", "us").status == 0)
        #expect(try cli.run("add-company", "--name", "Google Cloud", "--parent", "google").status == 0)
        #expect(try cli.run("add-stat", "--metric", "cloud_market_share", "--date", "2025-Q3", "--company", "GOOGLE CLOUD",
                            "--value", "13", "--unit", "%", "--source", "Synergy").status == 0)
        let r = try cli.run("stats", "--company", "Google", "--format", "csv")
        #expect(r.stdout.contains("cloud_market_share,value,2025-Q3,Google Cloud,,,13,,,percent,"))
        #expect(try cli.sqlite("SELECT ultimate_parent FROM company_ultimate_parents WHERE company = 'Google Cloud'") == "Alphabet")
    }

    @Test func allianceAndMembership() throws {
        let cli = try CLI(seed: false)
        #expect(try cli.run("add-alliance", "--name", "AI Alliance", "--date", "2023-12-05", "--member", "IBM", "--member", "Meta",
                            "--source", "IBM newsroom").status == 0)
        let join = try cli.run("join-alliance", "--alliance", "ai alliance", "--company", "Google", "--date", "2025",
                               "--source", "news article", "--verification", "contradicted")
        #expect(join.status == 0, "\(join.stderr)")
        let r = try cli.run("alliances", "--format", "json")
        // the contradicted membership is listed, not counted
        #expect(r.stdout.contains("\"member_count\": 2"))
        #expect(r.stdout.contains("\"verification\": \"contradicted\""))
        #expect(try cli.sqlite("SELECT role FROM memberships_overview WHERE company = 'IBM'") == "founding")
    }

    /// Each bad input: one sentence on stderr naming the option and what is valid; exit non-zero; nothing changed.
    @Test(arguments: [
        (["add-deal", "--date", "2025-08-21", "--kind", "merger", "--party", "A:customer", "--source", "S"], "--kind: 'merger' is not a deal kind; valid: cloud_contract"),
        (["add-deal", "--date", "2025-08-21", "--kind", "other", "--party", "A:buyer", "--source", "S"], "--party: 'buyer' is not a party role; valid: customer"),
        (["add-deal", "--date", "2025-02-30", "--kind", "other", "--party", "A:customer", "--source", "S"], "--date: '2025-02-30' is not a day of the calendar; valid days for 2025-02: 01 to 28"),
        (["add-deal", "--date", "2025", "--kind", "other", "--party", "A:customer", "--value", "-3", "--currency", "USD", "--source", "S"], "--value: -3 is negative"),
        (["add-deal", "--kind", "other", "--party", "A:customer", "--source", "S"], "--date: is missing"),
        (["add-stat", "--metric", "share", "--date", "2025", "--value", "120", "--unit", "percent", "--source", "S"], "--value: 120 percent is above 100"),
        (["add-stat", "--metric", "m", "--date", "2025", "--value", "-1", "--unit", "USD", "--source", "S"], "--value: -1 is negative"),
        (["add-stat", "--metric", "m", "--date", "2025", "--value", "1", "--unit", "USD"], "--source: is missing"),
        (["add-company", "--name", "X", "--kind", "startup"], "--kind: 'startup' is not a company kind; valid: company, lab"),
        (["join-alliance", "--alliance", "Nope", "--company", "X", "--source", "S"], "--alliance: 'Nope' is not a known alliance"),
    ])
    func badInput(args: [String], message: String) throws {
        let cli = try CLI(seed: false)
        let before = try cli.dump()
        let r = try cli.run(args)
        #expect(r.status != 0)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"))
        #expect(try cli.dump() == before)
    }

    @Test func dryRunWritesNothing() throws {
        let cli = try CLI(seed: false)
        let before = try cli.dump()
        let r = try cli.run("add-company", "--name", "Newco", "--dry-run")
        #expect(r.status == 0)
        #expect(r.stderr.contains("dry run, nothing written"))
        #expect(try cli.dump() == before)
    }
}

@Suite struct ListingCommandTests {
    @Test func filtersAndFormats() throws {
        let cli = try CLI()
        let stats = try cli.run("stats", "--metric", "ai_compute_h100e", "--period", "2025-Q4", "--company", "Alphabet", "--format", "csv")
        let lines = stats.stdout.split(separator: "\n")
        #expect(lines.count == 3)   // header, Nvidia, TPU
        #expect(stats.stdout.contains(",TPU,,3812878,3083116,4537332,H100e,estimate,false,Epoch AI,"))
        let md = try cli.run("deals", "--company", "Meta", "--kind", "hardware_purchase", "--format", "markdown")
        #expect(md.stdout.contains("| AMD to sell AI chips to Meta |"))
        let relayed = try cli.run("stats", "--source", "news article, 2025", "--format", "csv")
        #expect(relayed.stdout.split(separator: "\n").count == 7)   // header and the article's six statistics
        let deals = try cli.run("deals", "--source", "news article, 2025", "--format", "csv")
        #expect(deals.stdout.contains("as the article states them"))
        let bad = try cli.run("deals", "--format", "yaml")
        #expect(bad.status != 0 && bad.stderr == "aitrack: deals: --format: 'yaml' is not a listing format; valid: table, json, csv, markdown.\n")
        let badYear = try cli.run("deals", "--year", "2025", "--period", "2025-Q1")
        #expect(badYear.status != 0 && badYear.stderr.contains("give one of --year, --period, or --from/--to"))
        let unknown = try cli.run("stats", "--company", "Nobody")
        #expect(unknown.status != 0 && unknown.stderr.contains("'Nobody' is not a known company or alias"))
    }
}
