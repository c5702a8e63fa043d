import Foundation
import Testing
@testable import AITrackCore

@Suite struct ExporterTests {
    /// NDJSON export writes the types in the order an ingest needs them, each record once.
    @Test func ndjsonIsInIngestOrder() throws {
        let db = try AppDatabase.inMemory(seed: true)
        var text = ""
        try db.exportNDJSON { text += $0 }
        let types = try text.split(separator: "\n").map { line -> EntryType in
            guard case .object(let o) = try JSONParser.parse(String(line)), case .string(let t)? = o.first(where: { $0.0 == "type" })?.1,
                  let type = EntryType(rawValue: t) else { throw FieldProblem(field: "type", problem: "missing", valid: "") }
            return type
        }
        var firstOfType: [EntryType] = []
        for t in types where firstOfType.last != t { firstOfType.append(t) }
        #expect(firstOfType == EntryType.ingestOrder.filter(types.contains))   // one run per type, in that order
        for t in EntryType.ingestOrder { #expect(types.filter { $0 == t }.count == (try db.entryCount(t))) }
    }

    /// CSV export quotes a field holding the separator, a quote or a line break, doubling its
    /// quotes, and the file ingests back to the same records.
    @Test func csvQuotesWhatNeedsItAndReadsBack() throws {
        let db = try AppDatabase.inMemory()
        let names = [#"Quote "Co", Ltd"#, "Plain", "Semi;colon", #"""#]
        let note = "two\nlines, \"quoted\""
        let lines = names.map { #"{"type":"company","name":"\#($0.replacingOccurrences(of: "\"", with: "\\\""))","note":"two\nlines, \"quoted\""}"# }
        _ = try db.ingest([ndjson(lines.joined(separator: "\n"))], options: IngestOptions())
        var csv = ""
        try db.exportCSV(.company) { csv += $0 }
        #expect(csv.contains(#""Quote ""Co"", Ltd""#))
        #expect(csv.contains("\n" + "Plain,") || csv.contains(",Plain,"))
        let copy = try AppDatabase.inMemory()
        var options = IngestOptions()
        options.type = .company
        _ = try copy.ingest([input("companies.csv", csv)], options: options)
        var back: [String] = []
        try copy.exportRecords(.company) { r in
            if case .string(let n)? = r.first(where: { $0.0 == "name" })?.1 { back.append(n) }
            if case .string(let n)? = r.first(where: { $0.0 == "note" })?.1 { #expect(n == note) }
        }
        #expect(back.sorted() == names.sorted())
    }
}
