import Foundation
import Testing
@testable import AITrackCore

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
        #expect(r.stdout.contains("cloud_market_share,value,2025-Q3,2025-07-01,2025-09-30,quarter,Google Cloud,,,13,,,percent,"))
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
        #expect(r.stdout.contains("\"member_count\": 2") && r.stdout.contains("\"contradicted\": 1"))
        #expect(try cli.run("members", "--format", "json").stdout.contains("\"verification\": \"contradicted\""))
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
