import Testing
@testable import AITrackCore

struct FreshnessTests {
    @Test(arguments: [
        ("2026-03-31", "2026-12-07", 2),   // 2026-Q1 as of December: Q2 and Q3 have ended since
        ("2025-12-31", "2026-12-07", 3),   // a year's figure: Q1–Q3 2026
        ("2026-09-30", "2026-12-07", 0),   // the last ended quarter is there
        ("2026-09-30", "2026-12-31", 1),   // on the day Q4 ends, it has ended
        ("2026-05-28", "2026-12-07", 2),   // a day inside Q2: Q2's end and Q3's end came after it
        ("2026-12-31", "2026-12-07", 0),   // a forecast-like date after today is not behind
        ("2023-12-31", "2026-12-07", 11),
    ])
    func quartersEndedSinceTheLatestFigure(_ latest: String, _ asOf: String, _ behind: Int) {
        #expect(Freshness.quartersBehind(latestEnd: latest, asOf: asOf) == behind)
    }

    @Test func notADayIsNoAnswer() {
        #expect(Freshness.quartersBehind(latestEnd: "2026", asOf: "2026-12-07") == nil)
        #expect(Freshness.quartersBehind(latestEnd: "2026-13-01", asOf: "2026-12-07") == nil)
    }
}
