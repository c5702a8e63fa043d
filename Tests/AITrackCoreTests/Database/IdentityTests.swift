import Foundation
import GRDB
import Testing
@testable import AITrackCore

@Suite struct IdentityTests {
    let deal = #"{"type":"deal","date":"2025-08-21","kind":"cloud_contract","parties":[{"company":"Meta","role":"customer"},{"company":"Google Cloud","role":"provider"}],"value":"10 bn","currency":"USD","qualifier":"at_least","source":"Reuters","source_url":"https://example.com/r"}"#

    @Test func reIngestChangesNothing() throws {
        let db = try AppDatabase.inMemory()
        let first = try db.ingest([ndjson(deal + "\n")], options: IngestOptions())
        #expect(first.added == 1)
        let before = try snapshot(db)
        let second = try db.ingest([ndjson(deal + "\n")], options: IngestOptions())
        #expect(second.added == 0 && second.unchanged == 1 && !second.changed)
        // a run that changes nothing is rolled back: not even a row in the ingests log
        #expect(try snapshot(db) == before)
    }

    /// Another report of a stored deal (same date, kind and parties; another source or URL) is
    /// that deal: unchanged, or a conflict naming it; the USD totals never count it twice.
    @Test func anotherSourceOfAStoredDealIsTheSameDeal() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let total = try db.report(.year(2025)).dealTotals
        let before = try snapshot(db)
        let again = try db.ingest([ndjson(deal + "\n")], options: IngestOptions())
        #expect(again.unchanged == 1 && again.added == 0)
        #expect(again.sameDeals.count == 1 && again.sameDeals[0].hasPrefix("deal 2025-08-21 cloud_contract Meta Platforms+Google Cloud (row "))
        #expect(try snapshot(db) == before)
        #expect(try db.report(.year(2025)).dealTotals == total)
        let changed = deal.replacingOccurrences(of: "\"10 bn\"", with: "\"12 bn\"")
        do {
            _ = try db.ingest([ndjson(changed + "\n")], options: IngestOptions())
            Issue.record("a second copy was accepted")
        } catch let e as IngestFailure {
            #expect(e.firstLine.hasPrefix("test.ndjson:1: value: the same deal is stored: deal 2025-08-21 cloud_contract Meta Platforms+Google Cloud (row "))
            #expect(e.firstLine.contains("with value 10000000000, this entry (from Reuters) has 12000000000"))
        }
        var options = IngestOptions()
        options.policy = .replace
        #expect(try db.ingest([ndjson(changed + "\n")], options: options).replaced == 1)
        #expect(try count(db, "SELECT count(*) FROM deals WHERE date = '2025-08-21'") == 1)
        #expect(try count(db, "SELECT count(*) FROM deals WHERE value = 12e9 AND source_id IN (SELECT id FROM sources WHERE url = 'https://example.com/r')") == 1)
    }

    @Test func aliasesAndPartyOrderDoNotMakeANewDeal() throws {
        let db = try AppDatabase.inMemory(seed: true)
        _ = try db.ingest([ndjson(deal + "\n")], options: IngestOptions())
        let swapped = deal.replacingOccurrences(of: #"{"company":"Meta","role":"customer"},{"company":"Google Cloud","role":"provider"}"#,
                                                with: #"{"company":"google cloud","role":"provider"},{"company":"Meta Platforms","role":"customer"}"#)
        let s = try db.ingest([ndjson(swapped + "\n")], options: IngestOptions())
        #expect(s.unchanged == 1 && s.added == 0)
    }

    @Test func aChangedEntryIsAConflictUnlessReplaceOrIgnore() throws {
        let db = try AppDatabase.inMemory()
        _ = try db.ingest([ndjson(deal + "\n")], options: IngestOptions())
        let changed = deal.replacingOccurrences(of: "\"10 bn\"", with: "\"12 bn\"")
        do {
            _ = try db.ingest([ndjson(changed + "\n")], options: IngestOptions())
            Issue.record("conflict accepted")
        } catch let e as IngestFailure {
            #expect(e.firstLine.contains("value: deal 2025-08-21 cloud_contract"))
            #expect(e.firstLine.contains("stored with 10000000000, this entry has 12000000000"))
            // the way out is data; the executable names its options
            #expect(e.errors.first?.problem.remedy == .replaceOrIgnore)
        }
        var options = IngestOptions()
        options.policy = .ignore
        #expect(try db.ingest([ndjson(changed + "\n")], options: options).ignored == 1)
        #expect(try count(db, "SELECT count(*) FROM deals WHERE value = 1e10 AND source_id IN (SELECT id FROM sources WHERE url = 'https://example.com/r')") == 1)
        options.policy = .replace
        #expect(try db.ingest([ndjson(changed + "\n")], options: options).replaced == 1)
        #expect(try count(db, "SELECT count(*) FROM deals WHERE value = 12e9") == 1)
    }

    @Test func aNewIdOnAnExistingIdentityIsNamed() throws {
        let db = try AppDatabase.inMemory()
        _ = try db.ingest([ndjson(deal + "\n")], options: IngestOptions())
        let keyed = deal.replacingOccurrences(of: #""type":"deal","#, with: #""type":"deal","id":"my-deal","#)
        do {
            _ = try db.ingest([ndjson(keyed + "\n")], options: IngestOptions())
            Issue.record("accepted")
        } catch let e as IngestFailure {
            #expect(e.firstLine.hasPrefix("test.ndjson:1: id: deal 2025-08-21 cloud_contract"))
            #expect(e.firstLine.contains("already exists under another id"))
        }
    }

    @Test func unknownNamesAreCreatedOrRefusedWhenStrict() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let line = #"{"type":"deal","date":"2025","kind":"investment","parties":["Newco:investee","Alphabet:investor"],"source":"S"}"# + "\n"
        var strict = IngestOptions()
        strict.strictNames = true
        #expect(throws: IngestFailure.self) { try db.ingest([ndjson(line)], options: strict) }
        #expect(try count(db, "SELECT count(*) FROM companies WHERE name = 'Newco'") == 0)
        let s = try db.ingest([ndjson(line)], options: IngestOptions())
        #expect(s.companiesCreated == ["Newco"])
    }

    @Test func aSecondUnitForAMetricIsRefused() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let line = #"{"type":"statistic","metric":"ai_compute_h100e","date":"2025","company":"Meta","value":1,"unit":"GPUs","source":"S"}"# + "\n"
        do {
            _ = try db.ingest([ndjson(line)], options: IngestOptions())
            Issue.record("second unit accepted")
        } catch let e as IngestFailure {
            #expect(e.firstLine.contains("unit: 'GPUs' differs from the unit 'H100e' stored for metric ai_compute_h100e"))
        }
    }

    @Test func chainsOfParentsStopAtEightLevels() throws {
        let db = try AppDatabase.inMemory()
        try db.add(try entry(#"{"type":"company","name":"L0"}"#), command: "add-company")
        for k in 1...8 {
            try db.add(try entry(#"{"type":"company","name":"L\#(k)","parent":"L\#(k - 1)"}"#), command: "add-company")
        }
        #expect(try count(db, "SELECT count(*) FROM company_ultimate_parents WHERE company = 'L8' AND ultimate_parent = 'L0' AND depth = 8") == 1)
        do {
            try db.add(try entry(#"{"type":"company","name":"L9","parent":"L8"}"#), command: "add-company")
            Issue.record("a ninth level was accepted")
        } catch let p as FieldProblem {
            #expect(p.field == "parent" && p.problem.contains("'L8' has 8 levels of parents above it"))
        }
    }

    @Test func parentCyclesAndAliasShadowingAreRefused() throws {
        let db = try AppDatabase.inMemory(seed: true)
        #expect(throws: FieldProblem.self) { try db.add(try entry(#"{"type":"company","name":"Alphabet","parent":"Google Cloud"}"#), command: "add-company") }
        #expect(throws: FieldProblem.self) { try db.add(try entry(#"{"type":"company","name":"Newco","aliases":["Meta"]}"#), command: "add-company") }
        #expect(throws: FieldProblem.self) { try db.add(try entry(#"{"type":"company","name":"Google"}"#), command: "add-company") }
    }

    // MARK: - Originator and relay (issue 28, item 5)

    static func figure(via: String, at url: String, value: Int = 31, date: String = "2024-Q3") -> String {
        #"{"type":"statistic","metric":"cloud_market_share","date":"\#(date)","company":"AWS","value":\#(value),"unit":"percent","source":"Synergy Research Group","source_via":"\#(via)","source_via_url":"\#(url)"}"#
    }

    /// The same report read on two mirrors is one entry: the page read never enters an identity.
    @Test func theSameReportReadOnTwoMirrorsIsOneEntry() throws {
        let db = try AppDatabase.inMemory()
        let first = try db.ingest([ndjson(Self.figure(via: "InfoTechLead", at: "https://infotechlead.example/q3") + "\n")], options: IngestOptions())
        #expect(first.added == 1)
        let second = try db.ingest([ndjson(Self.figure(via: "Enterprise Times", at: "https://enterprisetimes.example/q3") + "\n")],
                                   options: IngestOptions())
        #expect(second.added == 0 && second.unchanged == 1)
        #expect(try count(db, "SELECT count(*) FROM statistics") == 1)
        // the entry keeps the page it was first read on; the originator is its source
        let stored = try db.reader.read { try Row.fetchOne($0, sql: """
            SELECT s.name, s.url, s.via, s.via_url FROM statistics st JOIN sources s ON s.id = st.source_id
            """) }
        #expect(stored?["name"] == "Synergy Research Group" && (stored?["url"] as String?) == nil)
        #expect(stored?["via"] == "InfoTechLead" && stored?["via_url"] == "https://infotechlead.example/q3")
        // another figure on the second mirror is a conflict with the stored one, not a second entry
        #expect(throws: IngestFailure.self) {
            try db.ingest([ndjson(Self.figure(via: "Enterprise Times", at: "https://enterprisetimes.example/q3", value: 32) + "\n")],
                          options: IngestOptions())
        }
        #expect(try count(db, "SELECT count(*) FROM statistics") == 1)
    }

    /// A figure for a year and one for its first quarter start on the same day and are two entries.
    @Test func aYearAndItsFirstQuarterAreTwoEntries() throws {
        let db = try AppDatabase.inMemory()
        let year = #"{"type":"statistic","metric":"foundry_revenue_share","date":"2025","company":"TSMC","value":69.9,"unit":"percent","source":"TrendForce"}"#
        let quarter = year.replacingOccurrences(of: #""2025""#, with: #""2025-Q1""#).replacingOccurrences(of: "69.9", with: "67.6")
        let month = year.replacingOccurrences(of: #""2025""#, with: #""2025-01""#).replacingOccurrences(of: "69.9", with: "66")
        let day = year.replacingOccurrences(of: #""2025""#, with: #""2025-01-01""#).replacingOccurrences(of: "69.9", with: "65")
        let summary = try db.ingest([ndjson([year, quarter, month, day].joined(separator: "\n") + "\n")], options: IngestOptions())
        #expect(summary.added == 4)
        #expect(try db.reader.read { try String.fetchAll($0, sql: "SELECT identity FROM statistics ORDER BY id") }
                == ["2025", "2025-Q1", "2025-01", "2025-01-01"].map { "foundry_revenue_share|value|\($0)|tsmc|||trendforce|" })
        let again = try db.ingest([ndjson([year, quarter, month, day].joined(separator: "\n") + "\n")], options: IngestOptions())
        #expect(again.unchanged == 4 && !again.changed)
    }

    /// A relay's address needs the relay's name, and a relay needs the originator.
    @Test func aRelayNeedsItsNameAndAnOriginator() throws {
        let db = try AppDatabase.inMemory()
        let cases = [
            (#"{"type":"statistic","metric":"m","date":"2025","value":1,"unit":"USD","source":"Reuters","source_via_url":"https://relay.example/a"}"#,
             "test.ndjson:1: source_via: is missing while source_via_url is given; valid: the name of the outlet whose page was read, e.g. Yahoo Finance"),
            (#"{"type":"statistic","metric":"m","date":"2025","value":1,"unit":"USD","source_via":"Yahoo Finance"}"#,
             "test.ndjson:1: source: is missing while source_via is given; valid: the source's name"),
            (#"{"type":"source","name":"Reuters","via_url":"https://relay.example/a"}"#,
             "test.ndjson:1: via: is missing while via_url is given; valid: the name of the outlet whose page was read, e.g. Yahoo Finance"),
        ]
        for (line, message) in cases {
            do {
                _ = try db.ingest([ndjson(line + "\n")], options: IngestOptions())
                Issue.record("accepted: \(line)")
            } catch let e as IngestFailure {
                #expect(e.firstLine == message)
            }
        }
        #expect(try count(db, "SELECT count(*) FROM sources") == 0)
    }

    /// Two reports of one outlet with no address of their own, read on different pages, are two
    /// documents (each keeps the page it was read on); with the originator's address they are one.
    @Test func aSourceIsFoundByItsAddressOrThePageItWasReadOn() throws {
        let db = try AppDatabase.inMemory()
        let a = #"{"type":"source","name":"Reuters","via":"Newsmax","via_url":"https://newsmax.example/a"}"#
        let b = #"{"type":"source","name":"Reuters","via":"Republic World","via_url":"https://republicworld.example/b"}"#
        let c = #"{"type":"source","name":"Reuters","url":"https://reuters.example/c","via":"Yahoo","via_url":"https://yahoo.example/c"}"#
        let d = #"{"type":"statistic","metric":"m","date":"2025","value":1,"unit":"USD","source":"Reuters","source_url":"https://reuters.example/c","source_via":"MSN","source_via_url":"https://msn.example/c"}"#
        let s = try db.ingest([ndjson([a, b, c, d].joined(separator: "\n") + "\n")], options: IngestOptions())
        #expect(s.added == 4)
        #expect(try db.reader.read { try String.fetchAll($0, sql: "SELECT via FROM sources ORDER BY id") } == ["Newsmax", "Republic World", "Yahoo"])
        // a document stored as read at its originator stays so when an entry reads it elsewhere
        let direct = #"{"type":"statistic","metric":"n","date":"2025","value":1,"unit":"USD","source":"Reuters","source_url":"https://reuters.example/d"}"#
        let mirrored = direct.replacingOccurrences(of: #""metric":"n""#, with: #""metric":"o""#)
            .replacingOccurrences(of: "}", with: #","source_via":"MSN","source_via_url":"https://msn.example/d"}"#)
        _ = try db.ingest([ndjson(direct + "\n" + mirrored + "\n")], options: IngestOptions())
        #expect(try count(db, "SELECT count(*) FROM sources WHERE url = 'https://reuters.example/d' AND via IS NULL") == 1)
    }
}
