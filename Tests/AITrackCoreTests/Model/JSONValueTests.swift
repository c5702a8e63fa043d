import Testing
@testable import AITrackCore

@Suite struct JSONValueTests {
    @Test func parsesObjectsKeepingNumberText() throws {
        let v = try JSONParser.parse(#"{"a":10e9,"b":[true,null,"x\u00e9\n"],"c":{"d":-0.5}}"#)
        guard case .object(let o) = v else { Issue.record("not an object"); return }
        #expect(o[0].0 == "a" && o[0].1 == .number("10e9"))
        #expect(o[1].1 == .array([.bool(true), .null, .string("xé\n")]))
    }

    @Test(arguments: [#"{"a":1"#, #"{"a":}"#, #"{"a":1,}"#, #"{"a":"x}"#, #"{"a":1}{"#, #"{a:1}"#, #"{"a":1,"a":2}"#, "[1,2", "01", "{\"a\":\"\u{01}\"}"])
    func refusesMalformed(text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }

    @Test func writerEscapesAndRoundTrips() throws {
        let v: JSONValue = .object([("s", .string("a\"b\\c\n\u{1}")), ("n", .number("1.5")), ("l", .array([.null, .bool(false)]))])
        #expect(try JSONParser.parse(JSONWriter.string(v)) == v)
        #expect(try JSONParser.parse(JSONWriter.prettyString(v)) == v)
    }

    /// Strings take one of two paths (unescaped ASCII straight from the bytes; anything else
    /// through a buffer and UTF-8 validation); both give the same strings and the same errors
    /// at the same column.
    @Test(arguments: [
        (#""plain""#, "plain"), (#""Münchén""#, "Münchén"), (#""a\"b""#, "a\"b"), (#""é\n""#, "é\n"),
        (#""ascii then \u00e9""#, "ascii then é"), (#""\ud83d\ude00 and 😀""#, "😀 and 😀"), (#""""#, ""),
    ])
    func stringsOnBothPaths(json: String, expected: String) throws {
        #expect(try JSONParser.parse(json) == .string(expected))
    }

    @Test(arguments: [
        (Array(#""abc"#.utf8), 1, "a string is not closed (truncated?)"),
        (Array(#""ab\"#.utf8), 5, "a string is not closed (truncated?)"),
        (Array("\"ab\u{01}c\"".utf8), 4, "a control character inside a string"),
        (Array(#""é"#.utf8) + [0x01, 0x22], 4, "a control character inside a string"),
        ([0x22, 0x61, 0xFC, 0x22], 1, "a string that is not valid UTF-8"),
        ([0x22, 0x5C, 0x6E, 0xFC, 0x22], 1, "a string that is not valid UTF-8"),
        (Array(#""a\q""#.utf8), 4, "an invalid escape in a string"),
    ])
    func stringErrorsOnBothPaths(bytes: [UInt8], column: Int, message: String) {
        #expect(throws: JSONParser.Failure(column: column, message: message)) { try JSONParser.parse(bytes) }
    }
}
