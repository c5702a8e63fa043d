import Foundation
import GRDB
import Testing
@testable import AITrackCore

func input(_ name: String, _ bytes: [UInt8]) -> IngestInput { IngestInput(name: name, data: Data(bytes)) }
func input(_ name: String, _ text: String) -> IngestInput { IngestInput(name: name, data: Data(text.utf8)) }

@Suite struct IngestFormatTests {
    let company = #"{"type":"company","name":"Acme","kind":"lab","country":"DE"}"#

    @Test func ndjsonJSONArrayAndCSVGiveTheSameEntries() throws {
        let a = try AppDatabase.inMemory(), b = try AppDatabase.inMemory(), c = try AppDatabase.inMemory()
        let deal = #"{"type":"deal","date":"2025-Q3","kind":"partnership","parties":["Acme:partner","Beta, Inc.:partner"],"value":"1.5 bn","currency":"EUR","source":"S","note":"a \"quoted\", multi\nline note"}"#
        _ = try a.ingest([input("x.ndjson", company + "\n" + deal + "\n")], options: IngestOptions())
        _ = try b.ingest([input("x.json", "[\n  " + company + ",\n  " + deal + "\n]\n")], options: IngestOptions())
        let csv = """
            type,name,kind,country
            company,Acme,lab,DE

            """
        let dealCSV = "type,date,kind,parties,value,currency,source,note\r\ndeal,2025-Q3,partnership,\"Acme:partner;Beta, Inc.:partner\",1.5 bn,EUR,S,\"a \"\"quoted\"\", multi\nline note\"\r\n"
        _ = try c.ingest([input("c.csv", csv), input("d.csv", dealCSV)], options: IngestOptions())
        var ea = "", eb = "", ec = ""
        try a.exportNDJSON { ea += $0 }
        try b.exportNDJSON { eb += $0 }
        try c.exportNDJSON { ec += $0 }
        #expect(ea == eb)
        #expect(ea == ec)
        #expect(ea.contains(#""note":"a \"quoted\", multi\nline note""#))
        #expect(ea.contains(#"{"company":"Beta, Inc.","role":"partner"}"#))
    }

    @Test func byteOrderMarkAndCRLF() throws {
        let db = try AppDatabase.inMemory()
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array((company + "\r\n" + #"{"type":"company","name":"Beta"}"# + "\r\n").utf8)
        #expect(try db.ingest([input("bom.ndjson", bytes)], options: IngestOptions()).added == 2)
        let csv: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("name,kind\r\nGamma,lab\r\n".utf8)
        var o = IngestOptions()
        o.type = .company
        #expect(try db.ingest([input("bom.csv", csv)], options: o).added == 1)
        #expect(try count(db, "SELECT count(*) FROM companies WHERE name IN ('Acme', 'Beta', 'Gamma')") == 3)
    }

    @Test func typeComesFromAColumnOrTheOption() throws {
        let db = try AppDatabase.inMemory()
        let csv = "name,kind\nDelta,university\n"
        #expect(throws: IngestFailure.self) { try db.ingest([input("t.csv", csv)], options: IngestOptions()) }
        var o = IngestOptions()
        o.type = .company
        #expect(try db.ingest([input("t.csv", csv)], options: o).added == 1)
    }

    @Test func dryRunCountsButWritesNothing() throws {
        let db = try AppDatabase.inMemory()
        var o = IngestOptions()
        o.dryRun = true
        let s = try db.ingest([input("x.ndjson", company + "\n" + #"{"type":"deal","date":"2025","kind":"other","parties":["Nu:customer"],"source":"S"}"# + "\n")], options: o)
        #expect(s.added == 2 && s.companiesCreated == ["Nu"])
        #expect(try count(db, "SELECT count(*) FROM companies") == 0)
        #expect(try count(db, "SELECT count(*) FROM ingests") == 0)
    }

    @Test func severalFilesAreOneTransaction() throws {
        let db = try AppDatabase.inMemory()
        let good = input("good.ndjson", company + "\n")
        let bad = input("bad.ndjson", #"{"type":"company","name":"X","kind":"startup"}"# + "\n")
        #expect(throws: IngestFailure.self) { try db.ingest([good, bad], options: IngestOptions()) }
        #expect(try count(db, "SELECT count(*) FROM companies") == 0)
    }

    /// More bad entries than the reading thread may hand over at once: the writer stops at the
    /// limit and the reader, waiting on a full pipe, is released (no hang).
    @Test func theLimitStopsTheReaderOfALargeFile() throws {
        let db = try AppDatabase.inMemory()
        let lines = String(repeating: #"{"type":"company","name":"X","kind":"startup"}"# + "\n", count: 20_000)
        do {
            _ = try db.ingest([input("many.ndjson", lines)], options: IngestOptions())
            Issue.record("accepted")
        } catch let e as IngestFailure {
            #expect(e.message.hasPrefix("many.ndjson:1: kind:"))
            #expect(e.details.last == "stopped after 50 errors; nothing was written.")
        }
        #expect(try count(db, "SELECT count(*) FROM companies") == 0)
    }

    @Test func aMissingLaterFileLeavesNothingOfTheEarlierOnes() throws {
        let db = try AppDatabase.inMemory()
        let good = input("good.ndjson", String(repeating: company + "\n", count: 3))
        #expect(throws: InputFileProblem.missing(name: "/nonexistent/entries.ndjson")) { try db.ingest([good, IngestInput(path: "/nonexistent/entries.ndjson")], options: IngestOptions()) }
        #expect(try count(db, "SELECT count(*) FROM companies") == 0)
    }

    @Test func errorsStopAtTheLimit() throws {
        let db = try AppDatabase.inMemory()
        let lines = String(repeating: #"{"type":"company","name":"X","kind":"startup"}"# + "\n", count: 80)
        do {
            _ = try db.ingest([input("many.ndjson", lines)], options: IngestOptions())
        } catch let e as IngestFailure {
            #expect(e.details.count == 50)
            #expect(e.details.last == "stopped after 50 errors; nothing was written.")
        }
    }
}

@Suite struct MalformedInputTests {
    /// (name, bytes, expected start of the message). Each leaves the database unchanged.
    static let corpus: [(String, [UInt8], String)] = [
        ("truncated.ndjson", Array(#"{"type":"company","name":"A"}"#.utf8) + [0x0A] + Array(#"{"type":"company","na"#.utf8), "truncated.ndjson:2: column 19: a string is not closed (truncated?)"),
        ("truncated.json", Array(#"[{"type":"company","name":"A"},"#.utf8), "truncated.json:1: column 32: the JSON ends too early (truncated?)"),
        ("quotes.csv", Array("type,name\ncompany,\"Acme\ncompany,Beta\n".utf8), "quotes.csv:2: row: has a quoted field that is never closed"),
        ("types.ndjson", Array(#"{"type":"statistic","metric":"m","date":"2025","value":[1],"unit":"USD","source":"S"}"#.utf8), "types.ndjson:1: value: is an array"),
        ("wrongtype.ndjson", Array(#"{"type":"company","name":42.5,"aliases":"x","kind":true}"#.utf8), "wrongtype.ndjson:1: kind: is a boolean"),
        ("unknown.ndjson", Array(#"{"type":"company","name":"A","ceo":"B"}"#.utf8), "unknown.ndjson:1: ceo: is not a field of a company entry"),
        ("baddate.csv", Array("type,date,kind,parties,source\ndeal,2025-13-01,other,A:customer,S\n".utf8), "baddate.csv:2: date: '2025-13-01' names month 13"),
        ("latin1.csv", Array("type,name\ncompany,M".utf8) + [0xFC] + Array("nchen AG\n".utf8), "latin1.csv:2: name: holds bytes that are not UTF-8"),
        ("latin1.ndjson", Array(#"{"type":"company","name":"M"#.utf8) + [0xFC, 0x22, 0x7D], "latin1.ndjson:1: column 26: a string that is not valid UTF-8"),
        ("empty.ndjson", [], "empty.ndjson:1: file: is empty"),
        ("blank.csv", Array("\n\n".utf8), "blank.csv:1: file: is empty"),
        ("header.csv", Array("type,name,kind\n".utf8), "header.csv:1: file: has a header but no rows"),
        ("ragged.csv", Array("type,name\ncompany,A,extra\n".utf8), "ragged.csv:2: row: has 3 fields, the header 2"),
        ("array.ndjson", Array("[1,2]\n".utf8), "array.ndjson:1: entry: is an array"),
        ("notjson.json", Array("[{\"type\":\"company\",\"name\":\"A\"}\n,\n{name: 1}]".utf8), "notjson.json:3: column 2: expected a quoted key"),
    ]

    @Test(arguments: corpus)
    func malformed(name: String, bytes: [UInt8], message: String) throws {
        let db = try AppDatabase.inMemory(seed: true)
        let before = try snapshot(db)
        do {
            _ = try db.ingest([input(name, bytes)], options: IngestOptions())
            Issue.record("accepted \(name)")
        } catch let e as IngestFailure {
            #expect(e.message.hasPrefix(message), "\(e.message)")
        }
        #expect(try snapshot(db) == before)
    }
}

@Suite struct ForeignCSVTests {
    static let epoch = EmbeddedResourcesTests.root.appendingPathComponent("data/epoch-ai-chip-counts")
    static let files: [(String, String)] = [
        ("nvidia_owners_cumulative_totals.csv", "Nvidia"), ("nvidia_owners_OTHER_cumulative_totals.csv", "Nvidia"),
        ("coreweave_owners_cumulative_totals.csv", "Nvidia"), ("amd_owners_cumulative_totals.csv", "AMD"),
        ("tpu_owners_cumulative_totals.csv", "TPU"), ("trainium_owners_cumulative_totals.csv", "Trainium"),
    ]

    /// The README's mapping, as IngestOptions.
    static func options(segment: String) -> IngestOptions {
        var o = IngestOptions()
        o.type = .statistic
        o.dateFormat = "M/d/yyyy"
        o.maps = [("company", "Owner"), ("date", "End date"), ("value", "Compute estimate in H100e (median)"),
                  ("low", "H100e (5th percentile)"), ("high", "H100e (95th percentile)")]
        o.sets = [("metric", "ai_compute_h100e"), ("unit", "H100e"), ("segment", segment), ("source", "Epoch AI"),
                  ("source_url", "https://github.com/epoch-research/ai-chip-counts"), ("qualifier", "estimate"), ("verification", "verified")]
        return o
    }

    @Test func epochFilesLoadByMappingAndMatchTheSeed() throws {
        let seeded = try AppDatabase.inMemory(seed: true)
        var total = 0
        for (file, segment) in Self.files {
            let s = try seeded.ingest([IngestInput(path: Self.epoch.appendingPathComponent(file).path)], options: Self.options(segment: segment))
            #expect(s.added == 0 && s.replaced == 0, "\(file) differs from the seed")
            total += s.unchanged
        }
        #expect(total == 185)
    }

    @Test func epochFilesIntoAnEmptyDatabase() throws {
        let db = try AppDatabase.inMemory()
        try db.add(try entry(#"{"type":"company","name":"Other","kind":"aggregate"}"#), command: "add-company")
        try db.add(try entry(#"{"type":"company","name":"China","kind":"aggregate"}"#), command: "add-company")
        for (file, segment) in Self.files {
            _ = try db.ingest([IngestInput(path: Self.epoch.appendingPathComponent(file).path)], options: Self.options(segment: segment))
        }
        #expect(try count(db, "SELECT count(*) FROM statistics WHERE low IS NOT NULL AND high IS NOT NULL AND low <= value AND value <= high") == 185)
        #expect(try count(db, "SELECT count(DISTINCT segment) FROM statistics") == 4)
        let c = try db.concentration(metric: "ai_compute_h100e", period: .year(2025))
        #expect(c.aggregates.map(\.company).sorted() == ["China", "Other"])
        #expect(!c.firms.contains { $0.company == "Other" || $0.company == "China" })
    }

    @Test func aMissingMappedColumnIsNamed() throws {
        let db = try AppDatabase.inMemory()
        var o = Self.options(segment: "Nvidia")
        o.maps.append(("region", "Country"))
        do {
            _ = try db.ingest([IngestInput(path: Self.epoch.appendingPathComponent("tpu_owners_cumulative_totals.csv").path)], options: o)
            Issue.record("accepted")
        } catch let e as IngestFailure {
            #expect(e.message.contains("region: is taken from the column 'Country', which the CSV does not have; valid columns: Name, Chip manufacturer, Owner"))
        }
    }
}

@Suite struct RoundTripTests {
    static func export(_ db: AppDatabase) throws -> String {
        var s = ""
        try db.exportNDJSON { s += $0 }
        return s
    }

    static func roundTrip(_ db: AppDatabase) throws {
        let first = try export(db)
        let copy = try AppDatabase.inMemory()
        _ = try copy.ingest([input("export.ndjson", first)], options: IngestOptions())
        #expect(try export(copy) == first)
        // the same through CSV, one file per type
        let csvCopy = try AppDatabase.inMemory()
        var inputs: [IngestInput] = []
        for t in EntryType.ingestOrder {
            var csv = ""
            try db.exportCSV(t) { csv += $0 }
            if csv.split(separator: "\n").count > 1 { inputs.append(input("\(t.rawValue).csv", csv)) }
        }
        _ = try csvCopy.ingest(inputs, options: IngestOptions())
        #expect(try export(csvCopy) == first)
    }

    @Test func seedData() throws {
        try Self.roundTrip(try AppDatabase.inMemory(seed: true))
    }

    /// Every entry type with every optional field, generated.
    @Test func generatedDatasetWithEveryField() throws {
        let db = try AppDatabase.inMemory()
        var lines: [String] = [
            #"{"type":"source","name":"Src A","url":"https://a.example/1","published":"2024-Q2","note":"n","verification":"verified","id":"src-a"}"#,
            #"{"type":"source","name":"Relay","published":"2025-07","note":"relays A"}"#,
            #"{"type":"fx","currency":"EUR","date":"2024-01-02","usd":1.0956,"source":"Src A","source_url":"https://a.example/1","note":"ECB","id":"fx-1"}"#,
        ]
        for k in 0..<40 {
            let parent = k % 4 == 0 ? "" : #","parent":"Firm \#(k - k % 4)""#
            lines.append(#"{"type":"company","name":"Firm \#(k)","aliases":["F\#(k)","Firm #\#(k)"]\#(parent),"kind":"\#(["company", "lab", "university", "aggregate"][k % 4])","country":"DE","note":"c\#(k)","verification":"\#(["unverified", "verified", "disputed", "contradicted"][k % 4])","id":"co-\#(k)"}"#)
        }
        lines.append(#"{"type":"alliance","name":"Open Thing","date":"2023-12-05","purpose":"p","url":"https://o.example","source":"Src A","source_url":"https://a.example/1","cited_by":"Relay","note":"n","verification":"verified","id":"al-1"}"#)
        for k in 0..<10 {
            lines.append(#"{"type":"membership","alliance":"Open Thing","company":"F\#(k)","date":"2024-0\#(k % 9 + 1)","left":"2026","role":"\#(k % 2 == 0 ? "founding" : "member")","source":"Src A","source_url":"https://a.example/1","cited_by":"Relay","note":"m\#(k)","verification":"disputed","id":"m-\#(k)"}"#)
        }
        let kinds = DealKind.allCases.map(\.rawValue), roles = PartyRole.allCases.map(\.rawValue)
        for k in 0..<70 {
            lines.append(#"{"type":"deal","date":"202\#(k % 6)-\#(String(format: "%02d", k % 12 + 1))-1\#(k % 9)","title":"Deal \#(k)","kind":"\#(kinds[k % kinds.count])","parties":[{"company":"Firm \#(k % 40)","role":"\#(roles[k % roles.count])"},{"company":"Firm \#((k + 1) % 40)","role":"\#(roles[(k + 3) % roles.count])"}],"value":\#(k)e7,"currency":"\#(k % 2 == 0 ? "USD" : "EUR")","qualifier":"\#(Qualifier.allCases[k % 5].rawValue)","term_months":\#(k + 1),"status":"\#(DealStatus.allCases[k % 6].rawValue)","source":"Src A","source_url":"https://a.example/1","cited_by":"Relay","note":"d\#(k)","verification":"verified","id":"deal-\#(k)"}"#)
        }
        for k in 0..<200 {
            let measure = k % 20 == 0 ? #","measure":"cr\#(k % 10 + 1)""# : ""
            let unit = k % 20 == 0 ? "percent" : "USD"
            lines.append(#"{"type":"statistic","metric":"gen_metric_\#(k % 3)"\#(measure),"date":"202\#(k % 5)-Q\#(k % 4 + 1)","company":"Firm \#(k % 40)","segment":"Seg \#(k % 3)","region":"EU-\#(k)","value":\#(Double(k % 90) + 0.25),"low":\#(Double(k % 90) / 2),"high":\#(k % 90 + 1),"unit":"\#(unit)","qualifier":"approx","forecast":\#(k % 2 == 0),"source":"Src A","source_url":"https://a.example/1","cited_by":"Relay","note":"s\#(k)","verification":"contradicted","id":"st-\#(k)"}"#)
        }
        let s = try db.ingest([input("gen.ndjson", lines.joined(separator: "\n") + "\n")], options: IngestOptions())
        #expect(s.added == lines.count)
        try Self.roundTrip(db)
    }
}
