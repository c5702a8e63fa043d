import Testing
@testable import AITrackCore

@Suite struct JSONParserTests {
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
}
