import Foundation
import GRDB
import Testing
@testable import AITrackCore

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
            #expect(e.firstLine.hasPrefix(message), "\(e.firstLine)")
        }
        #expect(try snapshot(db) == before)
    }
}
