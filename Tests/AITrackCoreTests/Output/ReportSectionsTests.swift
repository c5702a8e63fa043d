import Testing
@testable import AITrackCore

/// The report's sentences about changes, like for like (issue 21, item 5).
@Suite struct ReportSectionsTests {
    func result(_ firms: [(String, Double)], year: Int, total: MarketTotal? = nil) -> ConcentrationResult {
        ConcentrationCalculator.compute(metric: "m", unit: "USD", period: .year(year),
                                        holdings: firms.map { Holding(company: $0.0, date: "\(year)-01-01", precision: .year, value: $0.1) },
                                        marketTotals: total.map { [$0] } ?? [])
    }

    @Test func theSameFirmsGiveAPlainChange() throws {
        let e = ConcentrationEntry(result: result([("A", 60), ("B", 30), ("C", 10)], year: 2025), previous: result([("A", 50), ("B", 40), ("C", 10)], year: 2024))
        let line = try #require(e.changeLine)
        #expect(line == "change against 2024: HHI low 4,200 → 4,600; total 100 → 100 USD (+0.0 %)")
    }

    @Test func otherFirmsAreNamed() throws {
        let e = ConcentrationEntry(result: result([("A", 60), ("B", 30), ("C", 10)], year: 2025), previous: result([("A", 70), ("D", 20), ("E", 10)], year: 2024))
        let line = try #require(e.changeLine)
        #expect(line.hasSuffix("; the firms differ (3 in 2024, 3 in 2025): only in 2024: D, E; only in 2025: B, C"), "\(line)")
    }

    /// Shares of a market statistic are not compared with shares of the named firms' sum.
    @Test func sharesOfDifferentTotalsAreNotCompared() throws {
        let market = MarketTotal(date: "2025-01-01", precision: .year, value: 400, source: "Analyst")
        let e = ConcentrationEntry(result: result([("A", 60), ("B", 30), ("C", 10)], year: 2025, total: market), previous: result([("A", 50), ("B", 40), ("C", 10)], year: 2024))
        #expect(e.changeLine == "not compared with 2024: its shares are of the sum of named companies only, this period's of a market statistic")
    }
}
