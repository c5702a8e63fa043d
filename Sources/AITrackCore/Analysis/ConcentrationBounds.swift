/// Bounds on CRn and the HHI that hold for every market the data allow (issue 21, item 4;
/// docs/CONCENTRATION.md §3). Pure: no database, no I/O.
///
/// The named firms' shares are known; the rest of the total (aggregates such as `Other`, and the
/// unattributed tail) is made of firms the data do not name. How large one of them may be:
/// - no larger than the smallest named firm when the named firms are known to be the largest
///   (the metric's definition says its sources list complete top lists: `metrics.top_list`);
/// - no larger than its group (an aggregate holds firms of at most its own share);
/// - no larger than a published CRn of the same period allows: an unnamed firm in the top n sits
///   beside n − 1 firms at least as large as the n − 1 largest named ones, so it is at most
///   CRn − S(n−1); one outside the top n is at most the n-th largest, at most CRn / n.
/// Within those caps the rest is most concentrated when each group is cut into pieces as large as
/// allowed: that split majorizes every other, so it gives the largest HHI (a sum of squares) and
/// the largest sum of any n firms (CRn's upper bound). The least concentrated split is dust:
/// `hhi.low` is the named firms' squares, raised to CRn² / n where a published CRn says the top n
/// hold at least that much.
public enum ConcentrationBounds {
    /// A published CRn of the figure's period, as a range of what the top n hold (percent).
    public struct Published: Sendable, Equatable {
        public var n: Int
        public var low: Double
        public var high: Double
        public init(n: Int, low: Double, high: Double) { (self.n, self.low, self.high) = (n, low, high) }
    }

    public struct Result: Sendable, Equatable {
        /// n → the smallest and the largest CRn the data allow, for n = 1 … min(maxN, named firms).
        public var crLow: [Int: Double] = [:]
        public var crHigh: [Int: Double] = [:]
        public var hhiLow: Double = 0
        public var hhiHigh: Double = 0
    }

    /// `shares`: the named firms' shares; `aggregates`: each aggregate's share; `topList`: the
    /// named firms are the largest; `published`: CRn ranges of the same period. Shares in percent of
    /// the total, so the tail is 100 − named − aggregates.
    /// `alsoN`: compute CRn up to this n even beyond the named firms.
    public static func compute(shares: [Double], aggregates: [Double], topList: Bool, published: [Published] = [],
                               maxN: Int = 10, alsoN: Int = 0) -> Result {
        let named = shares.filter { $0 > 0 }.sorted(by: >)
        let given = aggregates.filter { $0 > 0 }
        let tail = max(0, 100 - named.reduce(0, +) - given.reduce(0, +))
        // with a top list every unnamed firm is below the smallest named one, wherever it sits: the
        // rest is one pool (DESIGN §5 step 5's formula, the research table's figures); without one
        // an aggregate's firms are at most the aggregate and the tail's at most the tail
        let groups = topList ? [given.reduce(0, +) + tail] : given + [tail]
        func prefixSum(_ n: Int) -> Double { named.prefix(max(0, n)).reduce(0, +) }
        // a published figure the stored values contradict (their top n above its high, or its low
        // above the most the values allow) narrows nothing
        let plain = published.isEmpty ? nil
            : compute(shares: shares, aggregates: aggregates, topList: topList, maxN: maxN, alsoN: published.map(\.n).max() ?? 0)
        let usable = published.filter { p in
            p.n >= 1 && prefixSum(p.n) <= p.high + 1e-9 && p.low <= (plain?.crHigh[p.n] ?? 100) + 1e-9
        }
        var cap = topList ? (named.last ?? 100) : 100
        for p in usable { cap = min(cap, max(p.high - prefixSum(p.n - 1), p.high / Double(p.n))) }
        cap = max(cap, 0)
        var result = Result()
        result.hhiLow = named.reduce(0) { $0 + $1 * $1 }
        for p in usable where p.low > 0 { result.hhiLow = max(result.hhiLow, p.low * p.low / Double(p.n)) }
        // the rest cut into pieces as large as allowed: k pieces of c and a remainder, per group
        var pieces: [Double] = []
        result.hhiHigh = named.reduce(0) { $0 + $1 * $1 }
        for x in groups where x > 0 {
            let c = min(x, cap)
            guard c > 0 else { continue }
            let k = (x / c + 1e-9).rounded(.down)
            let r = max(0, x - k * c)
            result.hhiHigh += k * c * c + r * r
            pieces += Array(repeating: c, count: Int(min(k, Double(maxN)))) + (r > 0 ? [r] : [])
        }
        result.hhiHigh = max(result.hhiHigh, result.hhiLow)
        let most = (named + pieces).sorted(by: >)
        // CRn for every n up to the named firms, and up to a published n beyond them
        let top = min(maxN, max(named.count, alsoN, usable.map(\.n).max() ?? 0))
        guard !named.isEmpty, top >= 1 else { return result }
        var low = [Double](repeating: 0, count: top + 1), high = low
        for n in 1...top {
            (low[n], high[n]) = (prefixSum(n), min(100, most.prefix(n).reduce(0, +)))
            for p in usable where p.n == n { (low[n], high[n]) = (max(low[n], p.low), min(high[n], p.high)) }
        }
        // what one CRn says of the others: CRn grows with n, and the top n's average share is at
        // least the top m's for m > n (n·CRm/m ≤ CRn ≤ CRm)
        for n in stride(from: top - 1, through: 1, by: -1) {
            low[n] = max(low[n], low[n + 1] * Double(n) / Double(n + 1))
            high[n] = min(high[n], high[n + 1])
        }
        for n in 2...max(2, top) where n <= top {
            low[n] = max(low[n], low[n - 1])
            high[n] = min(high[n], high[n - 1] * Double(n) / Double(n - 1))
        }
        for n in 1...top { (result.crLow[n], result.crHigh[n]) = (low[n], max(high[n], low[n])) }
        return result
    }

    /// A published CRn as the range of what the top n hold: its qualifier and rounding (one point,
    /// two for an approximate figure) widen it; nil for a measure that is no CRn.
    public static func published(_ p: PublishedFigure, crTolerance: Double) -> Published? {
        guard let n = p.measure.crN else { return nil }
        let t = p.qualifier == .exact ? crTolerance : 2 * crTolerance
        switch p.qualifier {
        case .atLeast: return Published(n: n, low: p.value - t, high: 100)
        case .atMost: return Published(n: n, low: 0, high: p.value + t)
        case .exact, .approx, .estimate: return Published(n: n, low: p.value - t, high: p.value + t)
        }
    }
}

extension ConcentrationCalculator {
    /// Steps 4-5: CRn and HHI as bounds true of every market the data allow, narrowed by the
    /// verified published CRn of the figure's period (ConcentrationBounds).
    static func bound(_ result: inout ConcentrationResult, published: [PublishedFigure], figure: FigurePeriod.Choice,
                      topList: Bool) -> (low: Double, high: Double) {
        // only a figure checked against its source narrows (an unverified one may use another
        // definition of the market: the seed's Omdia CR3 beside Synergy's)
        let narrowing = published.filter { $0.verification == .verified && FigurePeriod.comparable($0, with: figure) }
            .compactMap { ConcentrationBounds.published($0, crTolerance: crTolerance) }
        result.uncertainty?.narrowing = narrowing
        let bounds = ConcentrationBounds.compute(shares: result.firms.map(\.share), aggregates: result.aggregates.map(\.share),
                                                 topList: topList, published: narrowing)
        result.dataBounds = narrowing.isEmpty ? bounds
            : ConcentrationBounds.compute(shares: result.firms.map(\.share), aggregates: result.aggregates.map(\.share), topList: topList,
                                          alsoN: narrowing.map(\.n).max() ?? 0)
        result.cr = bounds.crLow
        result.crHigh = bounds.crHigh.filter { $0.value > bounds.crLow[$0.key]! + 1e-9 }
        (result.hhiLow, result.hhiHigh) = (bounds.hhiLow, bounds.hhiHigh)
        if !topList && bounds.hhiHigh > hhiBounds(result.firms.map(\.share)).high + 1e-6 {
            result.notes.append("the named firms are not known to be the largest: an unnamed firm may be larger than the smallest named one, "
                                + "and the upper bounds allow it")
        }
        return (bounds.hhiLow, bounds.hhiHigh)
    }

    /// Step 5: HHI bounds from the named firms' shares (percent). `low` = Σ s_i² over the named
    /// firms. `high` adds the unattributed rest R = 100 − Σ s_i as firms no larger than the
    /// smallest named one, s_min: HHI is a sum of squares, a convex function, so for a fixed R
    /// split into pieces of at most s_min it is largest when the pieces are as large as allowed:
    /// k = ⌊R / s_min⌋ pieces of s_min and one of the remainder r = R − k·s_min, giving
    /// high = low + k·s_min² + r². The 1e-9 keeps a rest that is a whole multiple of s_min up to
    /// rounding (e.g. 3 × 13.333…) from losing a piece to floating-point error.
    static func hhiBounds(_ shares: [Double]) -> (low: Double, high: Double) {
        let positive = shares.filter { $0 > 0 }
        let low = positive.reduce(0) { $0 + $1 * $1 }
        let sMin = positive.min() ?? 0
        let rest = max(0, 100 - positive.reduce(0, +))
        guard rest > 0, sMin > 0 else { return (low, low) }
        let k = (rest / sMin + 1e-9).rounded(.down)
        let r = max(0, rest - k * sMin)
        return (low, low + k * sMin * sMin + r * r)
    }
}
