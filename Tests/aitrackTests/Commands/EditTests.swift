import Foundation
import Testing

/// `aitrack edit` as a user runs it: the fields it changed on stdout, one sentence on stderr,
/// and a refusal that names what is valid and writes nothing.
@Suite struct EditTests {
    @Test func editingADealsDatePrintsTheChangeAndTheIngestLeavesTheOldOneOut() throws {
        let cli = try CLI(seed: false)
        let file = try cli.write("deal.ndjson", EntryEditFixtures.deal)
        #expect(try cli.run("ingest", file).status == 0)
        let dry = try cli.run("edit", "deal", "1", "--date", "2025-09-09", "--dry-run")
        #expect(dry.status == 0 && dry.stdout == "date: 2025-09-08 → 2025-09-09\n")
        #expect(dry.stderr.hasPrefix("aitrack: dry run, nothing written: would edit deal 1 (2025-09-09, "))
        let r = try cli.run("edit", "deal", "1", "--date=2025-09-09")
        #expect(r.status == 0 && r.stdout == "date: 2025-09-08 → 2025-09-09\n")
        #expect(r.stderr.contains("its old identity stays out of later ingests (--replace brings it back)"))
        let again = try cli.run("ingest", file)
        #expect(again.stderr.contains("1 removed earlier (left out)"))
        #expect(try cli.sqlite("SELECT group_concat(date) FROM deals") == "2025-09-09")
    }

    @Test func aMistypedFieldOrIdIsOneSentenceAndNothingChanges() throws {
        let cli = try CLI(seed: false)
        #expect(try cli.run("ingest", try cli.write("deal.ndjson", EntryEditFixtures.deal)).status == 0)
        let before = try cli.dump()
        let field = try cli.run("edit", "deal", "1", "--vaule", "3")
        #expect(field.status == 1)
        #expect(field.stderr.hasPrefix("aitrack: edit: --vaule is not a field of a deal; did you mean '--value'? valid: --date, --title,"))
        let id = try cli.run("edit", "deal", "9", "--value", "3")
        #expect(id.stderr == "aitrack: no deal '9'; valid: the row_id a listing prints, the entry's id.\n" && id.status == 1)
        let bad = try cli.run("edit", "deal", "1", "--date", "2025-13-01")
        #expect(bad.status == 1 && bad.stderr.hasPrefix("aitrack: edit: --date: '2025-13-01' names month 13") && bad.stderr.split(separator: "\n").count == 1)
        let none = try cli.run("edit", "deal", "1")
        #expect(none.status == 1 && none.stderr.contains("no field to set"))
        #expect(try cli.dump() == before)
    }

    @Test func addPrintsTheIdThatEditTakes() throws {
        let cli = try CLI(seed: false)
        let add = try cli.run("add-company", "--name", "Newco")
        #expect(add.stderr.hasPrefix("aitrack: added company 1 ("))
        #expect(try cli.run("edit", "company", "1", "--country", "DE").status == 0)
        #expect(try cli.sqlite("SELECT country FROM companies WHERE name = 'Newco'") == "DE")
    }
}

enum EntryEditFixtures {
    static let deal = #"{"type":"deal","date":"2025-09-08","kind":"cloud_contract","parties":["Microsoft:customer","Nebius:provider"],"value":"17.4 bn","currency":"USD","source":"Analyst note"}"# + "\n"
}
