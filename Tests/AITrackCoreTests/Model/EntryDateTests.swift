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
