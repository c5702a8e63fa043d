import Foundation
import Testing
@testable import AITrackCore

@Suite struct RecordReaderTests {
    /// Every record of an input, with its line, as text (`line: field=value …` or `line: problem`).
    static func records(_ input: IngestInput, options: IngestOptions = IngestOptions()) throws -> [String] {
        var out: [String] = []
        try RecordReader.read(input, options: options) { location, result in
            switch result {
            case .success(let record):
                out.append("\(location.line ?? 0): " + record.map { "\($0.0)=\(JSONWriter.string($0.1))" }.joined(separator: " "))
            case .failure(let p):
                out.append("\(location.line ?? 0): \(p.field): \(p.problem)")
            }
            return true
        }
        return out
    }

    /// A record is named by the line it starts on: in CSV a quoted field may span lines, in
    /// NDJSON blank lines are skipped but counted.
    @Test func recordsKeepTheLineTheyStartOn() throws {
        let csv = input("a.csv", "type,name,note\ncompany,A,\"two\nlines\"\ncompany,B,x\n")
        #expect(try Self.records(csv) == [#"2: type="company" name="A" note="two\nlines""#, #"4: type="company" name="B" note="x""#])
        let nd = input("a.ndjson", "{\"type\":\"company\",\"name\":\"A\"}\n\n{\"type\":\"company\",\"name\":\"B\"}\n")
        #expect(try Self.records(nd) == [#"1: type="company" name="A""#, #"3: type="company" name="B""#])
    }

    /// The format comes from the option, else the name, else the first byte.
    @Test func theFormatIsTheOptionsTheNamesOrTheFirstBytes() throws {
        let text = "{\"type\":\"company\",\"name\":\"A\"}\n"
        #expect(try Self.records(input("-", text)) == [#"1: type="company" name="A""#])
        #expect(try Self.records(input("-", "[" + text + "]")) == [#"1: type="company" name="A""#])
        var csv = IngestOptions()
        csv.format = .csv
        #expect(try Self.records(input("x.ndjson", "type,name\ncompany,A\n"), options: csv) == [#"2: type="company" name="A""#])
        #expect(try Self.records(input("x.ndjson", "")) == ["1: file: is empty"])
    }

    /// Several files are read in the order an ingest needs their entries (by each file's first
    /// entry type, `EntryType.ingestOrder`), files of one type in the order given.
    @Test func filesAreReadInTheOrderTheirEntriesNeed() {
        let stat = input("s.ndjson", #"{"type":"statistic"}"#)
        let company = input("c.ndjson", #"{"type":"company"}"#)
        let source = input("src.csv", "type,name\nsource,S\n")
        let company2 = input("c2.ndjson", #"{"type":"company"}"#)
        let unknown = input("u.ndjson", "not json")
        let order = RecordReader.inIngestOrder([stat, unknown, company, source, company2], options: IngestOptions()).map(\.name)
        #expect(order == ["src.csv", "c.ndjson", "c2.ndjson", "s.ndjson", "u.ndjson"])
        #expect(RecordReader.inIngestOrder([stat], options: IngestOptions()).map(\.name) == ["s.ndjson"])
    }
}
