import Foundation
import Testing
@testable import AITrackCore

@Suite struct MonteCarloTests {
    static func holding(_ company: String, _ value: Double, low: Double? = nil, high: Double? = nil, aggregate: Bool = false,
                        source: String = "Epoch AI", id: Int64 = 0, qualifier: Qualifier = .estimate) -> Holding {
        Holding(statisticID: id, company: company, isAggregate: aggregate, date: "2025-12-31", value: value, source: source,
                low: low, high: high, qualifier: qualifier)
    }

    static func compute(_ holdings: [Holding], totals: [MarketTotal] = [], topList: Bool = true, unit: String = "H100e") -> ConcentrationResult {
        let numbered = holdings.enumerated().map { k, h in var h = h; h.statisticID = Int64(k + 1); return h }
        return ConcentrationCalculator.compute(metric: "m", unit: unit, period: .year(2025), holdings: numbered, marketTotals: totals,
                                               kind: .stock, topList: topList)
    }

    /// With every low = value = high each percentile is the point figure, to the last digit: the
    /// draws compute as the point figure does.
    @Test(arguments: [true, false])
    func boundsAtTheValueGiveThePointFigureExactly(topList: Bool) throws {
        let values: [(String, Double)] = [("A", 5_049_814), ("B", 3_416_016.3), ("C", 2_448_673), ("D", 2_302_175), ("E", 1_144_180),
                                          ("F", 832_068.7), ("G", 553_714)]
        var holdings = values.map { Self.holding($0.0, $0.1, low: $0.1, high: $0.1) }
        holdings.append(Self.holding("Other", 3_362_580.1, low: 3_362_580.1, high: 3_362_580.1, aggregate: true))
        holdings.append(Self.holding("China", 412_221, low: 412_221, high: 412_221, aggregate: true))
        // a second segment of one firm, summed as the point figure sums it
        holdings.append(Holding(statisticID: 0, company: "B", segment: "AMD", date: "2025-12-31", value: 264_522.9, low: 264_522.9,
                                high: 264_522.9, qualifier: .estimate))
        let point = Self.compute(holdings, totals: [MarketTotal(date: "2025-12-31", value: 30_000_000)], topList: topList)
        let r = point.withIntervals(Simulation(draws: 500, seed: 9))
        let i = try #require(r.intervals)
        #expect(i.valuesDrawn == holdings.count)
        #expect(!point.cr.isEmpty && i.cr.keys.sorted() == point.cr.keys.sorted())
        for (n, c) in point.cr {
            #expect(i.cr[n] == Percentiles(p5: c, p50: c, p95: c), "CR\(n)")
            if let h = point.crHigh[n] { #expect(i.crHigh[n] == Percentiles(p5: h, p50: h, p95: h), "CR\(n) high") }
        }
        #expect(topList || !point.crHigh.isEmpty)
        #expect(i.hhiLow == Percentiles(p5: point.hhiLow!, p50: point.hhiLow!, p95: point.hhiLow!))
        #expect(i.hhiHigh == Percentiles(p5: point.hhiHigh!, p50: point.hhiHigh!, p95: point.hhiHigh!))
        for (f, p) in zip(point.firms, i.firms) { #expect(p == Percentiles(p5: f.share, p50: f.share, p95: f.share), "\(f.company)") }
        for (a, p) in zip(point.aggregates, i.aggregates) { #expect(p.p5 == a.share && p.p95 == a.share) }
        for regime in Regime.allCases { #expect(i.bands[regime] == [Intervals.BandShare(band: point.bands[regime]!, share: 1)]) }
    }

    /// A figure none of whose values carries bounds gets no intervals (and costs no draws).
    @Test func valuesWithoutBoundsGiveNoIntervals() {
        let r = Self.compute([Self.holding("A", 50), Self.holding("B", 30), Self.holding("C", 20)]).withIntervals(Simulation())
        #expect(r.intervals == nil && r.hhiLow == 3800)
    }

    /// The same seed gives the same figures; another seed other draws; the figure's own seed
    /// depends on its metric and period, not on what else was drawn before.
    @Test func theSeedFixesTheDraws() throws {
        let point = Self.compute([Self.holding("A", 60, low: 40, high: 80), Self.holding("B", 40, low: 30, high: 55), Self.holding("C", 20)])
        let a = try #require(point.withIntervals(Simulation(draws: 2000, seed: 1)).intervals)
        #expect(point.withIntervals(Simulation(draws: 2000, seed: 1)).intervals == a)
        let b = try #require(point.withIntervals(Simulation(draws: 2000, seed: 2)).intervals)
        #expect(a.hhiLow != b.hhiLow)
        #expect(MonteCarlo.seed(1, metric: "m", period: .year(2025)) != MonteCarlo.seed(1, metric: "m", period: .year(2024)))
    }

    /// Firms are re-ranked in every draw: with two firms of equal medians (10 % each of a market
    /// total) CR1 is the larger of the two in each draw, so its median is above either's.
    @Test func firmsAreReRankedInEveryDraw() throws {
        let point = Self.compute([Self.holding("A", 100, low: 50, high: 200), Self.holding("B", 100, low: 50, high: 200)],
                                 totals: [MarketTotal(date: "2025-12-31", value: 1000)])
        let i = try #require(point.withIntervals(Simulation(draws: 20_000, seed: 3)).intervals)
        #expect(point.cr[1] == 10)
        #expect(i.cr[1]!.p50 > 12 && i.cr[1]!.p5 > i.firms[0].p5)
        #expect(abs(i.firms[0].p50 - 10) < 0.3 && abs(i.firms[1].p50 - 10) < 0.3)
    }

    /// One factor per source: two firms of one source with the same spreads move together, so
    /// their shares do not move at all; drawn independently they do.
    @Test func oneFactorPerSourceMovesItsValuesTogether() throws {
        let point = Self.compute([Self.holding("A", 70, low: 35, high: 140), Self.holding("B", 30, low: 15, high: 60),
                                  Self.holding("C", 20, source: "Other source")])
        let together = try #require(point.withIntervals(Simulation(draws: 2000, correlation: .source)).intervals)
        let alone = try #require(point.withIntervals(Simulation(draws: 2000, correlation: .independent)).intervals)
        #expect(alone.firms[0].p95 - alone.firms[0].p5 > 20)
        // C is fixed; A and B scale together: A's share moves only through C's weight, never
        // past what A and B at the same factor allow
        let a = together.firms[0], b = together.firms[1]
        #expect(abs(a.p5 / b.p5 - 70.0 / 30) < 1e-9 && abs(a.p95 / b.p95 - 70.0 / 30) < 1e-9)
        #expect(a.p95 - a.p5 < alone.firms[0].p95 - alone.firms[0].p5)
    }

    /// z with Φ(z) = p (bisection on the complementary error function).
    static func normalQuantile(_ p: Double) -> Double {
        var (lo, hi) = (-12.0, 12.0)
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if 0.5 * erfc(-mid / 2.0.squareRoot()) < p { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// The 5th–95th range lies inside the hard envelope over a box of the values, found by brute
    /// force on a grid (endpoints included) for random small markets. The box is each value's
    /// range from its 2.5/k-th to its (100 − 2.5/k)-th percentile for k values drawn: all k fall in
    /// it together in at least 95 % of draws (the union bound), so no figure can pass the box's
    /// extremes in more than 5 % of draws, whatever the figure. The box of the stated bounds
    /// themselves (each value's 5th to 95th) is no such envelope: CR1, the largest of three firms
    /// each above its 95th percentile in 5 % of draws, is above the box's largest in about 14 %.
    @Test func theIntervalsLieInsideTheEnvelopeOfTheBounds() throws {
        var rng = DrawGenerator(seed: 42)
        for market in 0..<25 {
            let firms = 3 + Int(rng.next() % 2)
            var holdings: [Holding] = []
            for k in 0..<firms {
                let v = 10 + Double(rng.next() % 900)
                let down = 0.6 + 0.35 * rng.uniform(), up = 1.1 + 0.8 * rng.uniform()
                holdings.append(Self.holding("F\(k)", v, low: (v * down).rounded(), high: (v * up).rounded()))
            }
            let tail = market % 2 == 0
            let totals = tail ? [MarketTotal(date: "2025-12-31", value: holdings.reduce(0) { $0 + $1.high! } * 1.2)] : []
            let point = Self.compute(holdings, totals: totals, topList: market % 3 != 0)
            let i = try #require(point.withIntervals(Simulation(draws: 4000, seed: UInt64(market))).intervals)
            // the grid: 5 points per value across the box
            let k = Double(firms), zLow = Self.normalQuantile(0.025 / k), zHigh = -zLow
            let box = holdings.map { h in
                let spread = Spread(value: h.value, low: h.low, high: h.high, qualifier: h.qualifier)!
                return (spread.value(zLow), spread.value(zHigh))
            }
            var low: [String: Double] = [:], high: [String: Double] = [:]
            func note(_ key: String, _ v: Double) { low[key] = min(low[key] ?? v, v); high[key] = max(high[key] ?? v, v) }
            let steps = 5
            var index = [Int](repeating: 0, count: firms)
            repeat {
                let at = holdings.enumerated().map { k, h in
                    var h = h
                    h.value = box[k].0 + (box[k].1 - box[k].0) * Double(index[k]) / Double(steps - 1)
                    return h
                }
                let r = Self.compute(at, totals: totals, topList: market % 3 != 0)
                for (n, c) in r.cr { note("cr\(n)", c); note("crHigh\(n)", r.crHigh[n] ?? c) }
                note("hhiLow", r.hhiLow!)
                note("hhiHigh", r.hhiHigh!)
                var k = 0
                while k < firms { index[k] += 1; if index[k] < steps { break }; index[k] = 0; k += 1 }
                if k == firms { break }
            } while true
            func inside(_ key: String, _ p: Percentiles) {
                let (lo, hi) = (low[key]!, high[key]!), tolerance = 0.01 * (hi - lo) + 1e-9
                #expect(p.p5 >= lo - tolerance && p.p95 <= hi + tolerance, "market \(market) \(key): \(p) outside \(lo)…\(hi)")
            }
            for (n, p) in i.cr { inside("cr\(n)", p) }
            for (n, p) in i.crHigh { inside("crHigh\(n)", p) }
            inside("hhiLow", i.hhiLow)
            inside("hhiHigh", i.hhiHigh)
        }
    }

    /// The percentiles by selection are those of a sorted copy (R's type 7), with ties and for
    /// every length from 1.
    @Test func percentilesBySelectionAreThoseOfASort() {
        var rng = DrawGenerator(seed: 8)
        for n in Array(1...40) + [999, 10_000] {
            var values = (0..<n).map { _ in Double(rng.next() % 50) / 7 }
            let sorted = values.sorted()
            func q(_ p: Double) -> Double {
                let h = Double(n - 1) * p, i = Int(h.rounded(.down)), f = h - Double(i)
                return i + 1 < n ? sorted[i] + f * (sorted[i + 1] - sorted[i]) : sorted[i]
            }
            #expect(Percentiles.of(&values) == Percentiles(p5: q(0.05), p50: q(0.5), p95: q(0.95)), "n = \(n)")
            #expect(values.sorted() == sorted)   // reordered, nothing lost
        }
    }

    /// The bands of a figure whose draws straddle thresholds (five firms of 16 % and a rest of
    /// 20 %: HHI 1,280–1,552, around the 2010 threshold of 1,500 and between the 2023 ones):
    /// more than one band, shares that add up to 1, most first.
    @Test func bandSharesAddUpToOne() throws {
        let point = Self.compute((0..<5).map { Self.holding("F\($0)", 20, low: 12, high: 32) }, totals: [MarketTotal(date: "2025-12-31", value: 125)])
        #expect(abs(point.hhiLow! - 1280) < 1e-9 && abs(point.hhiHigh! - 1552) < 1e-9)
        let i = try #require(point.withIntervals(Simulation(draws: 3000)).intervals)
        for regime in Regime.allCases {
            let bands = i.bands[regime]!
            #expect(abs(bands.reduce(0) { $0 + $1.share } - 1) < 1e-12)
            #expect(zip(bands, bands.dropFirst()).allSatisfy { $0.share >= $1.share })
        }
        #expect(i.bands[.us2023]!.count > 1 && i.bands[.us2010]!.count > 1, "\(i.bands)")
        #expect(IntervalFormatter.bandLine(i, .us2023).contains(" of draws"))
    }

    /// A percent metric whose draws add up to more than its shares allow is scaled to the larger
    /// of 100 and the point figure's sum, never past it.
    @Test func aPercentMetricsDrawsAreScaledToTheirWhole() throws {
        let h = [Self.holding("A", 50, low: 30, high: 80), Self.holding("B", 30, low: 20, high: 45), Self.holding("C", 20, low: 10, high: 30)]
        let point = Self.compute(h, unit: Units.percent)
        let i = try #require(point.withIntervals(Simulation(draws: 3000)).intervals)
        #expect(i.cr[3]!.p95 <= 100 + 1e-9 && i.cr[3]!.p5 < 100)
    }
}
