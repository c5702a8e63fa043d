import Testing
@testable import AITrackCore

@Suite struct IntervalFormatterTests {
    static func figure(bounds: Bool) -> ConcentrationResult {
        let values: [Double] = [40, 25, 15, 10, 6]
        let h = values.enumerated().map { k, v in
            Holding(statisticID: Int64(k + 1), company: "F\(k)", date: "2025-12-31", value: v, low: bounds ? v * 0.8 : nil,
                    high: bounds ? v * 1.3 : nil, qualifier: .estimate)
        }
        return ConcentrationCalculator.compute(metric: "m", unit: "H100e", period: .year(2025), holdings: h,
                                               marketTotals: [MarketTotal(date: "2025-12-31", value: 100)]).withIntervals(Simulation(draws: 2000))
    }

    /// "CR5 96.00 % (90 % interval a–b %)": the interval from the draws' 5th to 95th percentile, in
    /// the same two decimals; the HHI's from its lower bound's 5th to its upper bound's 95th.
    @Test func crAndHHIWithTheirIntervals() throws {
        let r = Self.figure(bounds: true)
        let i = try #require(r.intervals)
        let cr5 = try #require(i.cr[5])
        #expect(IntervalFormatter.crText(r, 5)
                == "\(ConcentrationFormatter.crText(r, 5)) (90 % interval \(NumberText.fixed(cr5.p5, 2))–\(NumberText.fixed(cr5.p95, 2)) %)")
        #expect(IntervalFormatter.hhiText(r).hasSuffix("(90 % interval \(NumberText.grouped(i.hhiLow.p5.rounded()))–"
                                                       + "\(NumberText.grouped(i.hhiHigh.p95.rounded())))"))
        let lines = IntervalFormatter.lines(r)
        #expect(lines.count == 2 && lines[0].hasPrefix("90 % intervals (2,000 draws of the 5 values with bounds, independent, seed 2023): CR1 "))
        #expect(lines[1].hasPrefix("bands in the draws: us2023 "))
        guard case .object(let o) = IntervalFormatter.json(r) else { Issue.record("not an object"); return }
        #expect(o.map(\.0) == ["draws", "seed", "correlation", "values_drawn", "cr", "cr_high", "top5_share", "hhi_low", "hhi_high",
                               "firms", "aggregates", "bands"])
    }

    /// Without bounds nothing changes: no suffix, no lines, JSON null, no table column.
    @Test func aFigureWithoutBoundsPrintsAsBefore() {
        let r = Self.figure(bounds: false)
        #expect(r.intervals == nil && IntervalFormatter.crSuffix(r, 5) == "" && IntervalFormatter.hhiSuffix(r) == "")
        #expect(IntervalFormatter.lines(r).isEmpty && IntervalFormatter.json(r) == .null)
        #expect(!ConcentrationFormatter.firmTable(r).columns.contains("90 % interval"))
        #expect(ConcentrationFormatter.firmTable(Self.figure(bounds: true)).columns.contains("90 % interval"))
    }

    /// A band's share of draws in words; a band under 0.5 % of draws is left out of the words.
    @Test func bandSharesInWords() {
        #expect(IntervalFormatter.share(1) == "all" && IntervalFormatter.share(0.999) == "more than 99 %")
        #expect(IntervalFormatter.share(0.004) == "less than 1 %" && IntervalFormatter.share(0.97) == "97 %")
        let i = Intervals(simulation: Simulation(), valuesDrawn: 1, cr: [:], crHigh: [:], hhiLow: Percentiles(p5: 0, p50: 0, p95: 0),
                          hhiHigh: Percentiles(p5: 0, p50: 0, p95: 0), firms: [], aggregates: [],
                          bands: [.us2023: [.init(band: "highly concentrated", share: 0.97), .init(band: "moderately concentrated", share: 0.027),
                                            .init(band: "unconcentrated", share: 0.003)]])
        #expect(IntervalFormatter.bandLine(i, .us2023) == "highly concentrated in 97 % of draws, moderately concentrated in 3 %")
    }
}
