import Foundation
import GRDB
import Testing
@testable import AITrackCore

/// Hand-worked cases of DESIGN §5 on the pure calculation.
@Suite struct ConcentrationCalculatorTests {
    let p = Period.year(2025)

    func shares(_ values: [Double], unit: String = Units.percent, aggregates: [Double] = []) -> ConcentrationResult {
        var h = values.enumerated().map { Holding(statisticID: Int64($0.offset), company: "Firm \($0.offset)", date: "2025-12-31", value: $0.element) }
        h += aggregates.enumerated().map { Holding(statisticID: Int64(100 + $0.offset), company: "Agg \($0.offset)", isAggregate: true, date: "2025-12-31", value: $0.element) }
        return ConcentrationCalculator.compute(metric: "m", unit: unit, period: p, holdings: h)
    }

    @Test func dojExample() {
        let r = shares([30, 30, 20, 20])
        #expect(r.hhiLow == 2600)
        #expect(r.hhiHigh == 2600)
        #expect(r.cr[1] == 30 && r.cr[3] == 80 && r.cr[4] == 100)
        #expect(r.topShare5 == nil)   // only four firms
        #expect(r.bands[.us2023] == "highly concentrated")
        #expect(r.bands[.us2010] == "highly concentrated")
        #expect(r.bands[.eu2004] == "highly concentrated")
    }

    @Test func monopoly() {
        let r = shares([100])
        #expect(r.hhiLow == 10_000 && r.hhiHigh == 10_000)
        #expect(r.cr[1] == 100)
        // one firm's value and no market total is no market (issue 21, item 2): its value listed
        let inUnits = shares([42_000], unit: "USD")
        #expect(inUnits.hhiLow == nil && inUnits.cr.isEmpty && inUnits.bands.isEmpty && inUnits.total == nil)
        #expect(inUnits.values == [FirmValue(company: "Firm 0", value: 42_000)])
        #expect(inUnits.notes.last == "1 firm and no market total: a share of their sum describes this firm, not a market")
    }

    @Test func singleFirmWithAnUnknownRest() {
        // 38 % named, 62 % unattributed: the rest is firms of at most 38 %: 38² + 38² + 24²
        let (low, high) = ConcentrationCalculator.hhiBounds([38])
        #expect(low == 1444 && high == 1444 + 1444 + 576)
        // one firm's share and nothing for the rest is no market's figure (issue 21, item 2)
        let r = shares([38])
        #expect(r.hhiLow == nil && r.bands.isEmpty && r.values == [FirmValue(company: "Firm 0", value: 38)])
        #expect(r.notes.last == "1 firm's share and nothing for the rest of the market (no aggregate): one firm's share does not tell how concentrated the market is")
    }

    @Test func tiesAtRankFive() {
        let r = shares([20, 20, 15, 10, 10, 10, 10, 5])
        #expect(r.cr[5] == 75)
        #expect(r.cr[6] == 85)
        // ties are ordered by name, so the ranking is stable
        #expect(r.firms.map(\.company).prefix(5) == ["Firm 0", "Firm 1", "Firm 2", "Firm 3", "Firm 4"])
        let expected: Double = 400 + 400 + 225 + 400 + 25
        #expect(r.hhiLow == expected)
    }

    @Test func noCompanyDataIsNotApplicable() {
        let r = shares([])
        #expect(r.total == 100)   // a percent metric's total is 100 by definition, data or not
        #expect(shares([], unit: "USD").total == nil)
        #expect(r.hhiLow == nil && r.hhiHigh == nil && r.cr.isEmpty && r.coverage == nil)
        #expect(r.notes.last == "no company data for m in 2025")
        let zero = shares([0, 0], unit: "USD")
        #expect(zero.hhiLow == nil)
        #expect(zero.notes.last == "the company values add up to 0: there is no total to take shares of")
    }

    /// A growth rate is no market (issue 27, defect 1): -5 % and +12 % have no shares, whatever
    /// the signs; the result says why, with no total and no denominator.
    @Test(arguments: [[-5.0, 12], [5, 12], [0, 0], [-1e300, 1e300]])
    func aChangeHasNoShares(_ values: [Double]) {
        let r = shares(values, unit: Units.percentChange)
        #expect(r.firms.isEmpty && r.aggregates.isEmpty && r.cr.isEmpty && r.bands.isEmpty)
        #expect(r.hhiLow == nil && r.hhiHigh == nil && r.coverage == nil && r.total == nil)
        #expect(r.denominator == "none")
        #expect(r.notes.last == "m is in percent_change, a change: a change has no market share, so there are no shares, CRn or HHI")
    }

    /// Values the schema refuses but the pure API may be handed: no share of a negative or
    /// infinite holding, and the result names the company and value.
    @Test func aValueBelowZeroOrNotFiniteGivesNoShares() {
        let negative = shares([10, -3], unit: "USD")
        #expect(negative.hhiLow == nil && negative.firms.isEmpty && negative.cr.isEmpty)
        #expect(negative.notes.last == "Firm 1's value -3 is below 0 or not finite: shares need values of 0 or more")
        for bad in [Double.infinity, -.infinity, .nan] {
            let r = shares([10, bad], unit: "H100e")
            #expect(r.hhiLow == nil && r.firms.isEmpty, "\(bad)")
            #expect(r.notes.last == "Firm 1's value n/a is below 0 or not finite: shares need values of 0 or more")
        }
    }

    /// Values near Double's largest (defect 2): shares where the sum fits, 100 · v that would
    /// not fit computed as v / T · 100; a sum past the range is n/a, never an infinite total.
    @Test func hugeValuesGiveSharesOrSayWhyNot() {
        let r = shares([2.5e306, 2.5e306, 2.5e306, 2.5e306], unit: "USD")
        #expect(r.firms.map(\.share) == [25, 25, 25, 25])
        #expect(r.cr[4] == 100 && r.hhiLow == 2500 && r.hhiHigh == 2500)
        let top = shares([.greatestFiniteMagnitude, 1, 1], unit: "USD")
        #expect(top.firms.first?.share == 100 && top.hhiLow == 10_000)
        let past = shares([1.7e308, 1.7e308], unit: "USD")
        #expect(past.hhiLow == nil && past.firms.isEmpty && past.total == nil)
        #expect(past.notes.last == "the values add up to more than aitrack can compute with (about 1.8e308)")
    }

    @Test func coverageBelowHundredWithTheTailBound() {
        // metrics.md §4b: Synergy Q3 2024, 31/20/12/4/3/2/2/2/2, tail 22 %
        let r = shares([31, 20, 12, 4, 3, 2, 2, 2, 2])
        #expect(r.cr[3] == 63 && r.cr[5] == 70)
        #expect(r.hhiLow == 1546)
        #expect(r.coverage == 78)
        // tail firms no larger than 2 %: eleven of them
        let high: Double = 1546 + 44
        #expect(r.hhiHigh == high)
    }

    /// Aggregates of equal value are listed by name, every time (they came in a dictionary's
    /// order, which differs from one dictionary to the next).
    @Test func equalAggregatesInNameOrder() {
        for round in 0..<30 {
            var h = (0..<6).map { Holding(statisticID: Int64($0), company: "Agg \($0)", isAggregate: true, date: "2025-12-31", value: 10) }
            h.append(Holding(statisticID: 99, company: "Firm", date: "2025-12-31", value: 40))
            var rng = SeededGenerator(seed: UInt64(round))
            h.shuffle(using: &rng)
            let r = ConcentrationCalculator.compute(metric: "m", unit: "H100e", period: .year(2025), holdings: h)
            #expect(r.aggregates.map(\.company) == (0..<6).map { "Agg \($0)" }, "round \(round)")
        }
    }

    /// The same holdings in any order give the same figures to the last bit: sums do not
    /// follow a dictionary's order (which differs from one dictionary to the next).
    @Test func figuresToTheLastBitWhateverTheOrder() {
        var rng = SeededGenerator(seed: 5)
        let values = (0..<40).map { _ in Double(Int.random(in: 1...1_000_000, using: &rng)) / 7 }
        var h = values.enumerated().map { Holding(statisticID: Int64($0.offset), company: "Firm \($0.offset)", date: "2025-12-31", value: $0.element) }
        h += (0..<5).map { Holding(statisticID: Int64(100 + $0), company: "Agg \($0)", isAggregate: true, date: "2025-12-31", value: values[$0] / 3) }
        let first = ConcentrationCalculator.compute(metric: "m", unit: "H100e", period: .year(2025), holdings: h)
        for _ in 0..<30 {
            h.shuffle(using: &rng)
            let r = ConcentrationCalculator.compute(metric: "m", unit: "H100e", period: .year(2025), holdings: h)
            #expect(r == first)
            #expect(r.coverage?.bitPattern == first.coverage?.bitPattern && r.hhiHigh?.bitPattern == first.hhiHigh?.bitPattern)
        }
    }

    @Test func aggregatesLargerThanEveryFirmNeverRank() {
        let r = shares([10, 5], unit: "H100e", aggregates: [85])
        #expect(r.total == 100)
        #expect(r.firms.map(\.company) == ["Firm 0", "Firm 1"])
        #expect(r.aggregates.first?.share == 85)
        #expect(r.cr[1] == 10)
        #expect(r.coverage == 15)
        #expect(r.hhiLow == 125)
        // the 85 % of aggregates is unknown tail of firms of at most 5 %: 17 × 25
        let high: Double = 125 + 425
        #expect(r.hhiHigh == high)
    }

    @Test func latestDateVerifiedThenLatestIngestedAndConsolidation() {
        let h = [
            Holding(statisticID: 1, company: "Google Cloud", ultimateParent: "Alphabet", segment: "TPU", date: "2025-06-30", value: 50),
            Holding(statisticID: 2, company: "Google Cloud", ultimateParent: "Alphabet", segment: "TPU", date: "2025-12-31", value: 80, ingestOrder: 1),
            Holding(statisticID: 3, company: "Google Cloud", ultimateParent: "Alphabet", segment: "TPU", date: "2025-12-31", value: 70, verified: true, ingestOrder: 0),
            Holding(statisticID: 4, company: "Google Cloud", ultimateParent: "Alphabet", segment: "TPU", date: "2025-12-31", value: 90, ingestOrder: 2),
            Holding(statisticID: 5, company: "Alphabet", segment: "Nvidia", date: "2025-12-31", value: 30),
            Holding(statisticID: 6, company: "Meta", segment: "Nvidia", date: "2025-12-31", value: 100),
            Holding(statisticID: 7, company: "Other", isAggregate: true, date: "2025-12-31", value: 100),
        ]
        let r = ConcentrationCalculator.compute(metric: "m", unit: "H100e", period: p, holdings: h)
        #expect(r.alternativesSetAside == 2)
        #expect(r.firms.map(\.company) == ["Alphabet", "Meta"])
        #expect(r.firms[0].value == 100)   // verified 70 (TPU) + 30 (Nvidia)
        #expect(r.total == 300)
        #expect(Set(r.statisticIDs) == [3, 5, 6, 7])
        let apart = ConcentrationCalculator.compute(metric: "m", unit: "H100e", period: p, holdings: h, consolidate: false)
        #expect(apart.firms.map(\.company) == ["Meta", "Google Cloud", "Alphabet"])
    }

    @Test func aLargerMarketTotalIsTheDenominator() {
        let h = [Holding(company: "A", date: "2025-01-01", precision: .year, value: 30), Holding(company: "B", date: "2025-01-01", precision: .year, value: 20)]
        let r = ConcentrationCalculator.compute(metric: "m", unit: "USD", period: p, holdings: h,
                                                marketTotals: [MarketTotal(date: "2025-01-01", precision: .year, value: 200, source: "Analyst")])
        #expect(r.total == 200 && r.cr[1] == 15 && r.coverage == 25)
        // the total's date as it was written, not the day it is stored as
        #expect(r.denominator == "market statistic (Analyst, 2025)")
        let smaller = ConcentrationCalculator.compute(metric: "m", unit: "USD", period: p, holdings: h,
                                                      marketTotals: [MarketTotal(date: "2025", value: 10, source: "Analyst")])
        // no market total of the period and two firms: no market (issue 21, item 2)
        #expect(smaller.total == nil && smaller.values.map(\.value) == [30, 20])
        #expect(smaller.notes.last == "2 firms and no market total: a share of their sum describes these firms, not a market")
    }

    @Test func publishedFiguresAgreeOrNot() {
        let r = ConcentrationCalculator.compute(
            metric: "m", unit: Units.percent, period: p,
            holdings: [20, 20, 15, 10, 9].enumerated().map { Holding(company: "F\($0.offset)", date: "2025-01-01", precision: .year, value: $0.element) },
            published: [
                PublishedFigure(measure: .cr5, date: "2025", value: 70, qualifier: .atLeast, source: "A"),   // 74 ≥ 70
                PublishedFigure(measure: .cr5, date: "2025", value: 80, qualifier: .atLeast, source: "B"),   // 74 < 79
                PublishedFigure(measure: .cr5, date: "2025", value: 74.8, source: "C"),                        // within 1 point
                PublishedFigure(measure: .cr3, date: "2025", value: 50, qualifier: .atMost, source: "D"),     // 55 > 51
                PublishedFigure(measure: .hhi, date: "2025", value: 1300, source: "E"),
            ])
        #expect(r.published.map(\.agrees) == [true, false, true, false, true])
        #expect(r.published[0].computed == 74)
        #expect(r.hhiLow == 1206)
    }

    @Test(arguments: [(999.0, "unconcentrated"), (1000, "moderately concentrated"), (1800, "moderately concentrated"), (1800.5, "highly concentrated")])
    func us2023Thresholds(hhi: Double, band: String) {
        #expect(Regime.us2023.band(hhi) == band)
    }
}
