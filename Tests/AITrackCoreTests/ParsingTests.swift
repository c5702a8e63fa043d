import Testing
@testable import AITrackCore

@Suite struct EntryDateTests {
    @Test(arguments: [
        ("2025", "2025-01-01", Precision.year, "2025-12-31"),
        ("2025-Q3", "2025-07-01", .quarter, "2025-09-30"),
        ("2025-q1", "2025-01-01", .quarter, "2025-03-31"),
        ("2025-08", "2025-08-01", .month, "2025-08-31"),
        ("2024-02", "2024-02-01", .month, "2024-02-29"),
        ("2025-08-21", "2025-08-21", .day, "2025-08-21"),
        ("2024-02-29", "2024-02-29", .day, "2024-02-29"),
    ])
    func parsesStatedForms(text: String, iso: String, precision: Precision, end: String) throws {
        let d = try EntryDate.parse(text)
        #expect(d.iso == iso)
        #expect(d.precision == precision)
        #expect(d.endISO == end)
    }

    @Test(arguments: ["2025-02-30", "2023-02-29", "2025-13", "2025-Q5", "2025-00-10", "25-01-01", "2025/08/21", "", "2025-8-1", "2025-08-21T00:00"])
    func refusesImpossibleOrMalformedDates(text: String) {
        #expect(throws: FieldProblem.self) { try EntryDate.parse(text) }
    }

    @Test func impossibleDayNamesTheValidRange() throws {
        do {
            _ = try EntryDate.parse("2025-02-30")
            Issue.record("expected an error")
        } catch {
            #expect(error.problem.contains("not a day of the calendar"))
            #expect(error.valid == "valid days for 2025-02: 01 to 28")
        }
    }

    @Test func descriptionRoundTrips() throws {
        for text in ["2025", "2025-Q3", "2025-08", "2025-08-21"] {
            #expect(try EntryDate.parse(text).description == text)
        }
    }

    @Test func customPatterns() throws {
        #expect(try EntryDate.parse("3/31/2024", pattern: "M/d/yyyy").iso == "2024-03-31")
        #expect(try EntryDate.parse("12/1/2025", pattern: "M/d/yyyy").iso == "2025-12-01")
        #expect(try EntryDate.parse("01.02.2025", pattern: "dd.MM.yyyy").iso == "2025-02-01")
        #expect(throws: FieldProblem.self) { try EntryDate.parse("2/30/2025", pattern: "M/d/yyyy") }
        #expect(throws: FieldProblem.self) { try EntryDate.parse("2025-01-01", pattern: "M/d/yyyy") }
    }
}

@Suite struct AmountTests {
    @Test(arguments: [
        ("86000000000", 86e9), ("86e9", 86e9), ("10 bn", 1e10), ("10bn", 1e10), ("10 BN", 1e10),
        ("1.16 bn", 1_160_000_000), ("1.5k", 1500), ("2 tn", 2e12), ("100m", 1e8), ("100 million", 1e8),
        ("550,000", 550_000), ("1,234.5", 1234.5), ("0.1", 0.1), ("-5", -5), ("7.74e5", 774_000), ("3 billion", 3e9),
    ])
    func parses(text: String, expected: Double) throws {
        #expect(try Amount.parse(text, field: "value") == expected)
    }

    @Test(arguments: ["", "ten", "10 zillion", "1,23", "1e", "1.2.3", "10 bn bn", "$10", "e9", "1e399", "2e308 tn"])
    func refuses(text: String) {
        #expect(throws: FieldProblem.self) { try Amount.parse(text, field: "value") }
    }

    @Test func plainTextReadsBackExactly() {
        for v in [1e10, 0.1, 73.56, 1_160_000_000, 553_714, 1e-7, 123456789.125] {
            #expect(Double(NumberText.plain(v)) == v)
        }
        #expect(NumberText.plain(1e10) == "10000000000")
        #expect(NumberText.grouped(19_521_441) == "19,521,441")
        #expect(NumberText.fixed(73.5649, 2) == "73.56")
        #expect(NumberText.human(1e10) == "10 bn")
    }
}

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
