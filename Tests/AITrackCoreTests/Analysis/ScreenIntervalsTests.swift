import Testing
@testable import AITrackCore

@Suite struct ScreenIntervalsTests {
    static func screen(spread: Double) -> Screen {
        let values: [Double] = [20, 18, 16, 14, 12, 10, 10]   // HHI 1,520; the last two combined: ΔHHI 200, 1,720 after
        let h = values.enumerated().map { k, v in
            Holding(statisticID: Int64(k + 1), company: "F\(k)", date: "2025-12-31", value: v, low: v / spread, high: v * spread,
                    qualifier: .estimate)
        }
        let market = ConcentrationCalculator.compute(metric: "m", unit: "H100e", period: .year(2025), holdings: h)
        return Screen(market: market, combination: MergerScreen.combine(market.firms[5], market.firms[6], hhi: market.hhiLow!...market.hhiHigh!))
    }

    /// Bounds at the values: every percentile is the point screen's figure and every draw reaches
    /// its verdict.
    @Test func boundsAtTheValuesGiveThePointScreen() throws {
        let s = Self.screen(spread: 1)
        let i = try #require(s.withIntervals(Simulation(draws: 300)).intervals)
        let c = s.combination
        #expect(i.delta == Percentiles(p5: c.delta, p50: c.delta, p95: c.delta))
        #expect(i.combinedShare.p5 == c.combinedShare && i.combinedShare.p95 == c.combinedShare)
        #expect(i.hhiAfterLow.p50 == c.hhiAfter.lowerBound && i.hhiAfterHigh.p50 == c.hhiAfter.upperBound)
        for v in c.verdicts { #expect(i.verdicts[v.regime] == [ScreenIntervals.VerdictShare(verdict: v.text, share: 1)]) }
    }

    /// Wide bounds: the draws straddle the thresholds, ΔHHI's interval holds the point ΔHHI, and
    /// the verdicts' shares add up to 1; no bounds, no intervals.
    @Test func spreadDrawsSpreadTheVerdicts() throws {
        let s = Self.screen(spread: 1.8)
        let i = try #require(s.withIntervals(Simulation(draws: 4000)).intervals)
        #expect(i.delta.p5 < s.combination.delta && s.combination.delta < i.delta.p95)
        for r in Regime.allCases { #expect(abs((i.verdicts[r] ?? []).reduce(0) { $0 + $1.share } - 1) < 1e-12) }
        #expect(i.verdicts[.us2023]!.count > 1)
        #expect(s.withIntervals(nil).intervals == nil)
        var fixed = s
        fixed.market.uncertainty = nil
        #expect(fixed.withIntervals(Simulation()).intervals == nil)
    }
}
