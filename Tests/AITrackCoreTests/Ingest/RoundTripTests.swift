import Foundation
import GRDB
import Testing
@testable import AITrackCore

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
        // and every figure computed from them is the same: which of two values of a firm and day
        // with equal standing counts follows the ingest order, which the export keeps
        let figures = try DatabaseDiff.compute(old: db, new: copy).figures, csvFigures = try DatabaseDiff.compute(old: db, new: csvCopy).figures
        #expect(figures.isEmpty && csvFigures.isEmpty, "\(figures)")
    }

    /// Two values of one firm and day, neither verified, from two ingests: the later counts,
    /// in the database and in its export ingested anew.
    @Test func theLaterOfTwoEqualValuesCountsAfterTheRoundTrip() throws {
        let db = try AppDatabase.inMemory()
        func share(_ value: Int, _ source: String) -> String {
            #"{"type":"statistic","metric":"cloud_market_share","date":"2024-Q3","company":"Google Cloud","value":\#(value),"unit":"percent","source":"\#(source)"}"#
        }
        let metric = #"{"type":"metric","name":"cloud_market_share","unit":"percent","kind":"share","market":"cloud services","period":"quarter"}"#
        _ = try db.ingest([ndjson(metric + "\n" + share(31, "Zeta") + "\n" + share(20, "Alpha").replacingOccurrences(of: "Google Cloud", with: "Azure"))],
                          options: IngestOptions())
        _ = try db.ingest([ndjson(share(12, "Alpha"))], options: IngestOptions())
        let q3 = Period(EntryDate(year: 2024, month: 7, precision: .quarter))
        let rdb = try db.concentration(metric: "cloud_market_share", period: q3)
        #expect(rdb.values.first { $0.company == "Google Cloud" }?.value == 12, "\(rdb)")
        let copy = try AppDatabase.inMemory()
        _ = try copy.ingest([input("export.ndjson", try Self.export(db))], options: IngestOptions())
        let rcopy = try copy.concentration(metric: "cloud_market_share", period: q3)
        #expect(rcopy.values.first { $0.company == "Google Cloud" }?.value == 12, "\(rcopy)")
        try Self.roundTrip(db)
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
