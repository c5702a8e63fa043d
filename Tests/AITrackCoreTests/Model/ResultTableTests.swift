import Foundation
import Testing
@testable import AITrackCore

@Suite struct ResultTableTests {
    /// After `date`: its first and last day and its precision, for every stated form; nothing
    /// for an empty date; readable columns and a table without `date` unchanged.
    @Test func dateSpansFollowTheDate() {
        let t = ResultTable(columns: ["name", "date", "value"], readable: ["name", "date"],
                            rows: [[.text("a"), .text("2025-Q3"), .int(1)], [.text("b"), .text("2024"), .int(2)],
                                   [.text("c"), .text("2024-02"), .int(3)], [.text("d"), .text("2025-08-21"), .int(4)],
                                   [.text("e"), .null, .int(5)]])
        let s = t.withDateSpans()
        #expect(s.columns == ["name", "date", "date_start", "date_end", "precision", "value"])
        #expect(s.readable == ["name", "date"])
        #expect(s.rows.map { Array($0[2...4]) } == [
            [.text("2025-07-01"), .text("2025-09-30"), .text("quarter")], [.text("2024-01-01"), .text("2024-12-31"), .text("year")],
            [.text("2024-02-01"), .text("2024-02-29"), .text("month")], [.text("2025-08-21"), .text("2025-08-21"), .text("day")],
            [.null, .null, .null],
        ])
        #expect(s.withDateSpans() == s)
        let plain = ResultTable(columns: ["x"], rows: [[.int(1)]])
        #expect(plain.withDateSpans() == plain)
    }
}
