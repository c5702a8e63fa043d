import Foundation
import Testing

/// `aitrack remove` as a user runs it.
@Suite struct RemoveTests {
    @Test func aCompanyInADealIsRefusedWithTheDealThenCascadeTakesOnlyItsParty() throws {
        let cli = try CLI(seed: false)
        #expect(try cli.run("ingest", try cli.write("deal.ndjson", EntryEditFixtures.deal)).status == 0)
        let before = try cli.dump()
        let r = try cli.run("remove", "company", "Nebius")
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("aitrack: remove: company 2 (Nebius) is named by 1 deal (deal 1 (2025-09-08, "))
        #expect(r.stderr.hasSuffix("nothing was removed; --cascade removes those memberships and deal parties with it (never a deal or statistic).\n"))
        #expect(try cli.dump() == before)
        let dry = try cli.run("remove", "company", "Nebius", "--cascade", "--dry-run")
        #expect(dry.status == 0 && dry.stdout.hasPrefix("would remove company 2 (Nebius)\n  and the party of deal 1 "))
        #expect(try cli.dump() == before)
        let done = try cli.run("remove", "company", "Nebius", "--cascade")
        #expect(done.status == 0 && done.stdout.hasPrefix("removed company 2 (Nebius)\n"))
        #expect(try cli.sqlite("SELECT count(*) FROM deals") == "1")
        #expect(try cli.sqlite("SELECT count(*) FROM companies WHERE name = 'Nebius'") == "0")
    }

    @Test func removedDealsStayOutUntilAReplace() throws {
        let cli = try CLI(seed: false)
        let file = try cli.write("deal.ndjson", EntryEditFixtures.deal)
        #expect(try cli.run("ingest", file).status == 0)
        let r = try cli.run("remove", "deal", "1")
        #expect(r.status == 0 && r.stderr.contains("removed 1 deal; kept in removed_entries"))
        #expect(try cli.run("ingest", file).stderr.contains("0 added, 0 unchanged, 0 replaced, 0 ignored, 1 removed earlier"))
        #expect(try cli.sqlite("SELECT count(*) FROM deals") == "0")
        #expect(try cli.run("ingest", file, "--replace").stderr.contains("1 added"))
        #expect(try cli.sqlite("SELECT count(*) FROM deals") == "1")
        #expect(try cli.sqlite("SELECT count(*) FROM removed_entries") == "0")
    }

    @Test func anUnknownTypeIsOneSentence() throws {
        let cli = try CLI(seed: false)
        let r = try cli.run("remove", "dael", "1")
        #expect(r.status != 0 && r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("deal"))
    }
}
