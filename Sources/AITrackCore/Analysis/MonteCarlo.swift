import Foundation

/// How the values of a figure are drawn together (issue 23, item 1).
public enum Correlation: String, Vocabulary {
    public static let noun = "a correlation"
    /// Every value drawn on its own (the default).
    case independent
    /// All values of one source drawn from one common factor: one normal z per source and draw.
    case source
}

/// The Monte Carlo settings: how many draws, the seed, and the correlation.
public struct Simulation: Sendable, Equatable {
    public var draws: Int
    public var seed: UInt64
    public var correlation: Correlation
    public static let defaultDraws = 10_000, defaultSeed: UInt64 = 2023
    public init(draws: Int = defaultDraws, seed: UInt64 = defaultSeed, correlation: Correlation = .independent) {
        (self.draws, self.seed, self.correlation) = (max(1, draws), seed, correlation)
    }
}

/// What a figure's draws need, kept by the point calculation (ConcentrationCalculator.compute):
/// the chosen values in the order it summed them, each one's firm or aggregate, and the rules of
/// its total and bounds. Nil on a result whose values carry no bounds.
struct UncertaintyInput: Sendable, Equatable {
    struct Value: Sendable, Equatable {
        /// The firm's place in `firmKeys` (0…), or an aggregate's as −1 − its place in `aggregateKeys`.
        var slot: Int
        var value: Double
        var spread: Spread?
        /// The source's place in the figure's sources (sorted by name).
        var source: Int
    }
    var values: [Value]
    /// The lowercased names of the firms and aggregates, sorted: the order the point figure sums in.
    var firmKeys: [String], aggregateKeys: [String]
    var percent: Bool
    /// The market statistic of the figure's period, used as the total where larger than the sum.
    var marketTotal: Double?
    var topList: Bool
    var narrowing: [ConcentrationBounds.Published]
    var sources: Int
    /// The point figure's sum of shares: a percent metric's draws are scaled down to the larger of
    /// this and 100 where they add up to more (the point figure itself is never scaled).
    var pointSum: Double
    /// The largest n of the point figure's CRn (set by `withIntervals`).
    var maxN = 0
}

/// The 5th, 50th and 95th percentiles of a figure over the draws.
public struct Percentiles: Sendable, Equatable {
    public var p5: Double, p50: Double, p95: Double

    /// Of `values` (reordered in place): linear interpolation between order statistics (R's type
    /// 7), so that draws that all equal one figure give that figure exactly. The order statistics
    /// are found by selection, not a sort (a sort of every firm's draws was a seventh of the work).
    static func of(_ values: inout [Double]) -> Percentiles {
        let n = values.count
        var start = 0
        func q(_ p: Double) -> Double {
            let h = Double(n - 1) * p
            let i = Int(h.rounded(.down)), f = h - Double(i)
            select(&values, i, from: start, to: n - 1)
            start = i   // the later percentiles lie at i or after it
            guard i + 1 < n else { return values[i] }
            var next = values[i + 1]
            for j in (i + 1)..<n where values[j] < next { next = values[j] }
            return values[i] + f * (next - values[i])
        }
        return Percentiles(p5: q(0.05), p50: q(0.5), p95: q(0.95))
    }

    /// Hoare's quickselect: puts the k-th smallest of `a[from...to]` at k, none larger before it
    /// and none smaller after it.
    static func select(_ a: inout [Double], _ k: Int, from: Int, to: Int) {
        var (lo, hi) = (from, to)
        while hi > lo {
            let mid = lo + (hi - lo) / 2
            if a[mid] < a[lo] { a.swapAt(mid, lo) }
            if a[hi] < a[lo] { a.swapAt(hi, lo) }
            if a[hi] < a[mid] { a.swapAt(hi, mid) }
            let pivot = a[mid]
            var (i, j) = (lo, hi)
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            // a[lo...j] ≤ pivot ≤ a[i...hi], and what lies between equals the pivot
            if k <= j { hi = j } else if k >= i { lo = i } else { return }
        }
    }
}

/// A figure's Monte Carlo intervals (issue 23, items 1–2; docs/CONCENTRATION.md §6).
public struct Intervals: Sendable, Equatable {
    public struct BandShare: Sendable, Equatable {
        /// A band as `Regime.band(low:high:)` names it ("highly concentrated", or the two a draw's
        /// bounds straddle), and the share of draws in it (0…1).
        public var band: String
        public var share: Double
    }
    public var simulation: Simulation
    /// How many of the figure's values carry bounds (and so are drawn).
    public var valuesDrawn: Int
    /// n → percentiles of CRn's lower bound (the figure `cr` gives) and, where the figure is a
    /// range, of its upper bound.
    public var cr: [Int: Percentiles], crHigh: [Int: Percentiles]
    public var hhiLow: Percentiles, hhiHigh: Percentiles
    /// Each ranked firm's and aggregate's share, in the result's order.
    public var firms: [Percentiles], aggregates: [Percentiles]
    /// Per regime the bands the draws fall in, most draws first.
    public var bands: [Regime: [BandShare]]

    /// The 90 % interval of CRn: from its lower bound's 5th percentile to the 95th of its upper bound.
    public func crRange(_ n: Int) -> (Double, Double)? {
        guard let low = cr[n] else { return nil }
        return (low.p5, (crHigh[n] ?? low).p95)
    }
}

extension ConcentrationResult {
    /// The figure with its Monte Carlo intervals; the same figure when no value carries bounds.
    public func withIntervals(_ simulation: Simulation) -> ConcentrationResult {
        guard var input = uncertainty, hhiLow != nil else { return self }
        input.maxN = cr.keys.max() ?? 0
        var r = self
        r.intervals = MonteCarlo.run(input, simulation: simulation, seed: MonteCarlo.seed(simulation.seed, metric: metric, period: period),
                                     firms: firms.map { $0.company.lowercased() }, aggregates: aggregates.map { $0.company.lowercased() },
                                     crNs: cr.keys.sorted(), rangeNs: Set(crHigh.keys))
        return r
    }
}

/// The draws: pure, no I/O.
enum MonteCarlo {
    /// A figure's own seed: the user's, mixed with its metric and period.
    static func seed(_ seed: UInt64, metric: String, period: Period) -> UInt64 {
        DrawGenerator.hash("\(metric)|\(period.fromISO)|\(period.toISO)", into: DrawGenerator.hash(String(seed)))
    }

    /// One draw's shares, computed as the point figure computes them (the same sums in the same
    /// order), so that values drawn at their medians give the point figure to the last digit.
    static func shares(_ input: UncertaintyInput, drawn: [Double], firmValues: inout [Double], aggValues: inout [Double])
        -> (firms: [Double], aggregates: [Double])? {
        for k in firmValues.indices { firmValues[k] = 0 }
        for k in aggValues.indices { aggValues[k] = 0 }
        for (k, v) in input.values.enumerated() {
            if v.slot >= 0 { firmValues[v.slot] += drawn[k] } else { aggValues[-1 - v.slot] += drawn[k] }
        }
        let firmSum = firmValues.reduce(0, +), aggSum = aggValues.reduce(0, +)
        var total: Double
        if input.percent {
            total = 100
        } else {
            let sum = firmSum + aggSum
            guard sum > 0 else { return nil }
            total = sum
            if let m = input.marketTotal, m > sum { total = m }
        }
        func share(_ v: Double) -> Double {
            if input.percent { return v }
            let s = 100 * v / total
            return s.isFinite ? s : v / total * 100
        }
        var f = firmValues.map(share), a = aggValues.map(share)
        let cap = max(100, input.pointSum)
        if input.percent, firmSum + aggSum > cap {
            let scale = cap / (firmSum + aggSum)
            f = f.map { $0 * scale }
            a = a.map { $0 * scale }
        }
        return (f, a)
    }

    /// Draws the values `simulation.draws` times and hands each draw's shares of the firms (in
    /// `firmKeys` order) and aggregates, and its bounds, to `body`. `aggregateOrder`: the
    /// aggregates' places in the point figure's ranking (ties keep that order).
    static func forEachDraw(_ input: UncertaintyInput, simulation: Simulation, seed: UInt64, aggregateOrder: [Int],
                            _ body: (_ firms: [Double], _ aggregates: [Double], _ bounds: ConcentrationBounds.Result) -> Void) {
        var rng = DrawGenerator(seed: seed)
        var drawn = input.values.map(\.value), z = [Double](repeating: 0, count: input.sources)
        var firmValues = [Double](repeating: 0, count: input.firmKeys.count), aggValues = [Double](repeating: 0, count: input.aggregateKeys.count)
        for _ in 0..<simulation.draws {
            if simulation.correlation == .source { for k in z.indices { z[k] = rng.normal() } }
            for (k, v) in input.values.enumerated() {
                guard let spread = v.spread else { continue }
                drawn[k] = spread.value(simulation.correlation == .source ? z[v.source] : rng.normal())
            }
            guard let (f, a) = shares(input, drawn: drawn, firmValues: &firmValues, aggValues: &aggValues) else { continue }
            let ranked = aggregateOrder.map { a[$0] }.enumerated().sorted { ($0.element, $1.offset) > ($1.element, $0.offset) }.map(\.element)
            // alsoN: CRn for every n the point figure has, though a firm drawn at 0 leaves fewer named
            body(f, a, ConcentrationBounds.compute(shares: f, aggregates: ranked, topList: input.topList, published: input.narrowing,
                                                   alsoN: input.maxN))
        }
    }

    /// `firms`, `aggregates`: the result's order by lowercased name; `crNs`: the n the figure has a
    /// CRn for; `rangeNs`: those where it is a range (and so those where a draw is one).
    static func run(_ input: UncertaintyInput, simulation: Simulation, seed: UInt64, firms: [String], aggregates: [String],
                    crNs: [Int], rangeNs: Set<Int>) -> Intervals {
        let firmPlace = Dictionary(uniqueKeysWithValues: input.firmKeys.enumerated().map { ($1, $0) })
        let aggPlace = Dictionary(uniqueKeysWithValues: input.aggregateKeys.enumerated().map { ($1, $0) })
        let firmOrder = firms.map { firmPlace[$0] ?? 0 }, aggOrder = aggregates.map { aggPlace[$0] ?? 0 }
        let maxN = crNs.last ?? 0
        var crLow = [[Double]](repeating: [], count: maxN + 1), crHigh = crLow
        // the n whose CRn is a range at the medians or in some draw: their upper bounds are given
        var ranges = rangeNs
        var hhiLow: [Double] = [], hhiHigh: [Double] = []
        var firmShares = [[Double]](repeating: [], count: firms.count), aggShares = [[Double]](repeating: [], count: aggregates.count)
        // per regime, draws by the bands of their two bounds (3 × low + high), and one such draw
        var bandCounts = [[Int]](repeating: [Int](repeating: 0, count: 9), count: Regime.allCases.count)
        var bandExample = [[(Double, Double)]](repeating: [(Double, Double)](repeating: (0, 0), count: 9), count: Regime.allCases.count)
        func band(_ r: Regime, _ x: Double) -> Int { x < r.thresholds.0 ? 0 : x <= r.thresholds.1 ? 1 : 2 }
        forEachDraw(input, simulation: simulation, seed: seed, aggregateOrder: aggOrder) { f, a, b in
            for m in crNs {
                // a firm drawn at 0 leaves fewer to rank: CRn is then the sum of all
                let low = b.crLow[m] ?? b.crLow.values.max() ?? 0
                crLow[m].append(low)
                // the upper bound of every draw: a draw may be a range where the medians are not
                let high = b.crHigh[m] ?? b.crHigh.values.max() ?? low
                crHigh[m].append(high)
                if high > low + 1e-9 { ranges.insert(m) }
            }
            hhiLow.append(b.hhiLow)
            hhiHigh.append(b.hhiHigh)
            for (k, place) in firmOrder.enumerated() { firmShares[k].append(f[place]) }
            for (k, place) in aggOrder.enumerated() { aggShares[k].append(a[place]) }
            for (k, r) in Regime.allCases.enumerated() {
                let pair = 3 * band(r, b.hhiLow) + band(r, b.hhiHigh)
                bandCounts[k][pair] += 1
                bandExample[k][pair] = (b.hhiLow, b.hhiHigh)
            }
        }
        let done = max(hhiLow.count, 1)
        var cr: [Int: Percentiles] = [:], crH: [Int: Percentiles] = [:]
        for m in crNs where !crLow[m].isEmpty {
            cr[m] = Percentiles.of(&crLow[m])
            if ranges.contains(m), !crHigh[m].isEmpty { crH[m] = Percentiles.of(&crHigh[m]) }
        }
        let zero = Percentiles(p5: 0, p50: 0, p95: 0)
        var bands: [Regime: [Intervals.BandShare]] = [:]
        for (k, regime) in Regime.allCases.enumerated() {
            // each pair named as Regime.band(low:high:) names it, from one of its draws
            let counts = (0..<9).filter { bandCounts[k][$0] > 0 }
                .map { (regime.band(low: bandExample[k][$0].0, high: bandExample[k][$0].1), bandCounts[k][$0]) }
            bands[regime] = counts.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
                .map { Intervals.BandShare(band: $0.0, share: Double($0.1) / Double(done)) }
        }
        return Intervals(simulation: simulation, valuesDrawn: input.values.filter { $0.spread != nil }.count, cr: cr, crHigh: crH,
                         hhiLow: hhiLow.isEmpty ? zero : Percentiles.of(&hhiLow), hhiHigh: hhiHigh.isEmpty ? zero : Percentiles.of(&hhiHigh),
                         firms: firmShares.map { $0.isEmpty ? zero : { var v = $0; return Percentiles.of(&v) }($0) },
                         aggregates: aggShares.map { $0.isEmpty ? zero : { var v = $0; return Percentiles.of(&v) }($0) }, bands: bands)
    }
}

extension Report {
    /// The report with the Monte Carlo intervals of every figure whose values carry bounds, its
    /// history's included (the HTML chart's band); the same report for nil.
    public func withIntervals(_ simulation: Simulation?) -> Report {
        guard let simulation else { return self }
        var r = self
        r.concentration = concentration.map { e in
            var e = e
            e.result = e.result.withIntervals(simulation)
            e.history = e.history.map { $0.period == e.result.period ? e.result : $0.withIntervals(simulation) }
            return e
        }
        return r
    }
}
