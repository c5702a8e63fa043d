import Foundation

/// One value statistic that enters a concentration calculation (DESIGN §5 step 1).
public struct Holding: Sendable, Equatable {
    public var statisticID: Int64
    /// The company as recorded.
    public var company: String
    /// Its ultimate parent (itself when it has none).
    public var ultimateParent: String
    public var isAggregate: Bool
    public var segment: String?
    /// The ISO day it is stored as, and the precision of the date it was given with.
    public var date: String
    public var precision: Precision
    public var value: Double
    public var verified: Bool
    /// Marked disputed or contradicted: used, but the result says so.
    public var doubtful: Bool
    /// Its place in the order rows were ingested (`Precedence.order(ingest:id:)`).
    public var ingestOrder: Int64
    public var source: String
    /// Its bounds (Epoch AI's 5th and 95th percentiles) and qualifier: what its draws are made
    /// of (`Spread`); a value without bounds is fixed. Stored as NaN for none: a holding is copied
    /// a few times per row of a dense report, and two optionals made it 16 bytes longer.
    var bounds = Bounds()
    public var qualifier: Qualifier = .exact
    public var low: Double? {
        get { bounds.low.isNaN ? nil : bounds.low }
        set { bounds.low = newValue ?? .nan }
    }
    public var high: Double? {
        get { bounds.high.isNaN ? nil : bounds.high }
        set { bounds.high = newValue ?? .nan }
    }

    /// Two bounds, NaN for none; equal when both are none or the same number.
    struct Bounds: Sendable, Equatable {
        var low = Double.nan, high = Double.nan
        static func == (a: Bounds, b: Bounds) -> Bool {
            (a.low == b.low || (a.low.isNaN && b.low.isNaN)) && (a.high == b.high || (a.high.isNaN && b.high.isNaN))
        }
    }

    public init(statisticID: Int64 = 0, company: String, ultimateParent: String? = nil, isAggregate: Bool = false, segment: String? = nil,
                date: String, precision: Precision = .day, value: Double, verified: Bool = false, doubtful: Bool = false,
                ingestOrder: Int64 = 0, source: String = "", low: Double? = nil, high: Double? = nil, qualifier: Qualifier = .exact) {
        (self.bounds, self.qualifier) = (Bounds(low: low ?? .nan, high: high ?? .nan), qualifier)
        self.statisticID = statisticID
        self.company = company
        self.ultimateParent = ultimateParent ?? company
        self.isAggregate = isAggregate
        self.segment = segment
        self.date = date
        self.precision = precision
        self.value = value
        self.verified = verified
        self.doubtful = doubtful
        self.ingestOrder = ingestOrder
        self.source = source
    }
}

/// A market-level statistic (no company): a candidate total.
public struct MarketTotal: Sendable, Equatable {
    /// The ISO day it is stored as (compared to find the latest).
    public var date: String
    /// How precise `date` is, to show it as written (`2025`, `2025-Q3`).
    public var precision: Precision
    public var value: Double
    public var verified: Bool
    public var ingestOrder: Int64
    public var source: String

    public init(date: String, precision: Precision = .day, value: Double, verified: Bool = false, ingestOrder: Int64 = 0, source: String = "") {
        self.date = date
        self.precision = precision
        self.value = value
        self.verified = verified
        self.ingestOrder = ingestOrder
        self.source = source
    }
}

/// A firm's value where no shares are taken (the figure describes no market).
public struct FirmValue: Sendable, Equatable {
    public var company: String
    public var value: Double
}

/// A firm's (or an aggregate's) value and its share of the total; `ConcentrationResult.firms`
/// are ranked by it, its `aggregates` are not.
public struct FirmShare: Sendable, Equatable {
    public var company: String
    public var value: Double
    public var share: Double
}

/// HHI thresholds of the merger guidelines (research/metrics.md §2).
public enum Regime: String, CaseIterable, Sendable {
    case us2023, us2010, eu2004

    /// (lower, upper): below lower unconcentrated; lower…upper moderately; above upper highly.
    public var thresholds: (Double, Double) {
        switch self {
        case .us2023: return (1000, 1800)
        case .us2010: return (1500, 2500)
        case .eu2004: return (1000, 2000)
        }
    }

    public func band(_ hhi: Double) -> String {
        let (lo, hi) = thresholds
        if hhi < lo { return "unconcentrated" }
        if hhi <= hi { return "moderately concentrated" }
        return "highly concentrated"
    }

    /// One band when both bounds fall in it, otherwise the two it straddles.
    public func band(low: Double, high: Double) -> String {
        let a = band(low), b = band(high)
        return a == b ? a : "\(a) to \(b)"
    }
}

/// The figure set of DESIGN §5 for one metric and period.
public struct ConcentrationResult: Sendable, Equatable {
    public var metric: String
    public var unit: String
    public var period: Period
    public var total: Double?
    /// Where the total comes from: "market statistic", "sum of companies and aggregates",
    /// "sum of named companies only", "shares (percent)".
    public var denominator: String
    public var coverage: Double?
    public var firms: [FirmShare]
    public var aggregates: [FirmShare]
    /// n → CRn for n = 1 … min(10, number of firms); where the top n are not certainly named,
    /// the smallest CRn the data allow, and `crHigh` holds the largest.
    public var cr: [Int: Double]
    /// n → the largest CRn the data allow, only where it exceeds `cr[n]` (a range, not a fact).
    public var crHigh: [Int: Double] = [:]
    /// The bounds of the stored values alone, before published figures narrow them: what a
    /// published figure is compared with (a figure agrees with no range it narrowed itself).
    public var dataBounds: ConcentrationBounds.Result? = nil
    public var hhiLow: Double?
    public var hhiHigh: Double?
    public var bands: [Regime: String]
    public var published: [PublishedFigure]
    /// Rows set aside because another source gave the same company, segment and date.
    public var alternativesSetAside: Int
    /// The statistics the figures were computed from (traceability).
    public var statisticIDs: [Int64]
    public var sources: [String]
    public var notes: [String]
    /// A figure that describes no market: the firms' values as given, largest first.
    public var values: [FirmValue] = []
    /// What the values are of (one period per figure): `2025-Q4`, `as of 2026-03-31`.
    public var valuesOf: String? = nil
    /// Firms with values in the period but not of `valuesOf`, and a stock's carried values.
    public var leftOut: [DatedName] = [], carried: [DatedName] = []
    /// The Monte Carlo intervals (`withIntervals`), nil where none were asked for or no value
    /// carries bounds.
    public var intervals: Intervals? = nil
    /// What the draws need (nil: no value of the figure carries bounds).
    var uncertainty: UncertaintyInput? = nil

    public var topShare5: Double? { cr[5] }
}

/// Pure calculation of concentration figures: no database, no I/O.
public enum ConcentrationCalculator {
    /// Tolerance for agreement with a published figure: percentage points for CRn, points for HHI.
    public static let crTolerance = 1.0
    public static let hhiTolerance = 50.0

    /// `topList`: the named firms are known to be the market's largest (the metric's definition
    /// says so; the database path passes `metrics.top_list`), so no unnamed firm is larger than the
    /// smallest named one; without it the bounds allow an unnamed firm of any size its group allows.
    /// `groups`, when given, numbers each holding's company and segment (lowercased) from 0 —
    /// the database path knows them by id and so hashes no names; without it they are found here.
    public static func compute(metric: String, unit: String, period: Period, holdings: [Holding], groups: [Int]? = nil,
                               marketTotals: [MarketTotal] = [], published: [PublishedFigure] = [], consolidate: Bool = true,
                               kind: MetricKind = .flow, defined: Bool = true, fiscal: Bool = false,
                               totalMetricTotals: [MarketTotal] = [], before: [Holding] = [], topList: Bool = true) -> ConcentrationResult {
        // Step 1: one period per figure, and its market totals and published figures
        let figure = FigurePeriod.choose(holdings, period: period, stock: kind == .stock, before: before)
        let used = figure.used, marketTotals = FigurePeriod.totals(marketTotals, of: figure)
        let usedGroups = figure.usedIndex.map { index in
            groups.map { g in index.count == holdings.count ? g : index.map { g[$0] } } ?? self.groups(used)
        } ?? self.groups(used)
        let (chosen, setAside) = pickLatest(used, groups: usedGroups)
        let (firmValues, aggValues, displayName) = sum(chosen, consolidate: consolidate)
        var notes: [String] = FigurePeriod.note(figure).map { [$0] } ?? []
        let doubtful = chosen.filter(\.doubtful).count
        if doubtful > 0 {
            notes.append("\(doubtful) of the \(chosen.count) values used \(doubtful == 1 ? "is" : "are") marked disputed or contradicted")
        }
        // summed in name order: a dictionary's order differs from one dictionary to the next, and
        // floating-point sums in another order differ in the last digits (a report could print
        // two coverages for the same data)
        let firmSum = firmValues.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value }
        let aggSum = aggValues.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value }
        let (total, denominator) = total(unit: unit, firmSum: firmSum, aggSum: aggSum, marketTotals: marketTotals, notes: &notes)
        var result = ConcentrationResult(metric: metric, unit: unit, period: period, total: total, denominator: denominator, coverage: nil,
                                         firms: [], aggregates: [], cr: [:], hhiLow: nil, hhiHigh: nil, bands: [:], published: published,
                                         alternativesSetAside: setAside, statisticIDs: chosen.map(\.statisticID),
                                         sources: Array(Set(chosen.map(\.source))).sorted(), notes: notes)
        (result.valuesOf, result.leftOut, result.carried) = (figure.label, figure.leftOut, figure.carried)
        let market = MarketTest(metric: metric, unit: unit, kind: kind, defined: defined, fiscal: fiscal, firms: firmValues.count,
                                aggregates: aggSum, firmSum: firmSum,
                                total: denominator.hasPrefix("market") || !FigurePeriod.totals(totalMetricTotals, of: figure).isEmpty)
        let early = notAMarket(unit: unit, holdings: used, chosen: chosen, metric: metric, period: period, total: total, firmSum: firmSum)
        if let reason = early ?? market.reason {
            if early == nil {
                result.values = firmValues.map { FirmValue(company: displayName[$0.key]!, value: $0.value) }
                    .sorted { ($0.value, $1.company.lowercased()) > ($1.value, $0.company.lowercased()) }
                (result.total, result.denominator) = (nil, "none")
            }
            // a note the renderers show after "n/a: "
            result.notes.append(reason)
            if unit == Units.percentChange || !(total?.isFinite ?? true) { (result.total, result.denominator) = (nil, "none") }
            result.published = published.map { var p = $0; p.agrees = nil; return p }
            return result
        }
        let T = total!
        // Step 4: shares, and CRn over ranked firms only (aggregates never rank).
        // 100 · v / T, the order the figures were always computed in; v / T · 100 only where
        // 100 · v would pass Double's range (a value near 1.8e308 from a file written around the checks)
        func share(_ v: Double) -> Double {
            if unit == Units.percent { return v }
            let s = 100 * v / T
            return s.isFinite ? s : v / T * 100
        }
        // largest first, equal values by their lowercased key (a dictionary's order differs from
        // one dictionary to the next)
        func ranked(_ values: [String: Double]) -> [FirmShare] {
            values.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                .map { FirmShare(company: displayName[$0.key]!, value: $0.value, share: share($0.value)) }
        }
        result.firms = ranked(firmValues)
        result.aggregates = ranked(aggValues)
        result.coverage = share(firmSum)
        result.uncertainty = uncertainty(chosen, consolidate: consolidate, unit: unit, marketTotals: marketTotals, topList: topList,
                                         pointSum: firmSum + aggSum)
        let (low, high) = bound(&result, published: published, figure: figure, topList: topList)
        // Step 6: bands.
        for regime in Regime.allCases { result.bands[regime] = regime.band(low: low, high: high) }
        result.published = compare(published: published, with: result).map { p in
            guard let label = figure.label, !FigurePeriod.comparable(p, with: figure) else { return p }
            var p = p
            (p.computed, p.computedHigh, p.agrees, p.figureOf) = (nil, nil, nil, label)
            return p
        }
        return result
    }

    /// Why the values give no shares, or nil when they do: a unit of change (a growth rate has no
    /// share of anything, whatever kind its metric is), no company values, a value below 0 or not
    /// finite (the schema allows neither outside `percent_change`; the pure API might get one), or
    /// a sum of 0 or less, or past what a Double holds.
    static func notAMarket(unit: String, holdings: [Holding], chosen: [Holding], metric: String, period: Period,
                           total: Double?, firmSum: Double) -> String? {
        if holdings.isEmpty { return "no company data for \(metric) in \(period)" }
        if unit == Units.percentChange {
            return "\(metric) is in \(unit), a change: a change has no market share, so there are no shares, CRn or HHI"
        }
        if let bad = chosen.first(where: { !$0.value.isFinite || $0.value < 0 }) {
            return "\(bad.company)'s value \(NumberText.plain(bad.value)) is below 0 or not finite: shares need values of 0 or more"
        }
        if !firmSum.isFinite || !(total?.isFinite ?? true) {
            return "the values add up to more than aitrack can compute with (about 1.8e308)"
        }
        if firmSum <= 0 {
            return "the company values add up to 0: there is no total to take shares of"
        }
        return (total ?? 0) > 0 ? nil : "there is no total above 0 to take shares of"
    }

    /// What the draws of the figure need, or nil when none of its values carries bounds.
    static func uncertainty(_ chosen: [Holding], consolidate: Bool, unit: String, marketTotals: [MarketTotal], topList: Bool,
                            pointSum: Double) -> UncertaintyInput? {
        guard chosen.contains(where: { $0.low != nil || $0.high != nil }) else { return nil }
        func key(_ h: Holding) -> String { (consolidate && !h.isAggregate ? h.ultimateParent : h.company).lowercased() }
        let firmKeys = Set(chosen.filter { !$0.isAggregate }.map(key)).sorted(), aggKeys = Set(chosen.filter(\.isAggregate).map(key)).sorted()
        let firmPlace = Dictionary(uniqueKeysWithValues: firmKeys.enumerated().map { ($1, $0) })
        let aggPlace = Dictionary(uniqueKeysWithValues: aggKeys.enumerated().map { ($1, $0) })
        let sources = Set(chosen.map(\.source)).sorted()
        let sourcePlace = Dictionary(uniqueKeysWithValues: sources.enumerated().map { ($1, $0) })
        let values = chosen.map { h in
            UncertaintyInput.Value(slot: h.isAggregate ? -1 - aggPlace[key(h)]! : firmPlace[key(h)]!, value: h.value,
                                   spread: Spread(value: h.value, low: h.low, high: h.high, qualifier: h.qualifier), source: sourcePlace[h.source]!)
        }
        let market = marketTotals.max(by: { ($0.date, $0.precedence) < ($1.date, $1.precedence) })?.value
        return UncertaintyInput(values: values, firmKeys: firmKeys, aggregateKeys: aggKeys, percent: unit == Units.percent, marketTotal: market,
                                topList: topList, narrowing: [], sources: sources.count, pointSum: pointSum)
    }

    /// Each holding's company and segment, both lowercased, numbered from 0 in order of appearance.
    static func groups(_ holdings: [Holding]) -> [Int] {
        struct Key: Hashable { var company: String, segment: String }
        var numbers: [Key: Int] = [:]
        return holdings.map { h in
            let key = Key(company: h.company.lowercased(), segment: h.segment?.lowercased() ?? "")
            if let n = numbers[key] { return n }
            numbers[key] = numbers.count
            return numbers.count - 1
        }
    }

    /// Step 2: per company (as recorded) and segment — the groups, numbered from 0 (`groups`) —
    /// the row of the latest date; among rows of that date, the one of highest `Precedence`.
    /// Returns them in statistic order and how many alternatives of the same date were set aside.
    static func pickLatest(_ holdings: [Holding], groups: [Int]) -> ([Holding], Int) {
        precondition(groups.count == holdings.count)
        // per group the index of the best row so far and how many rows share its date
        var best = [Int](repeating: -1, count: (groups.max() ?? -1) + 1), atDate = [Int](repeating: 0, count: best.count)
        for (i, h) in holdings.enumerated() {
            let g = groups[i]
            guard best[g] >= 0 else { (best[g], atDate[g]) = (i, 1); continue }
            let cur = holdings[best[g]]
            if h.date > cur.date {
                (best[g], atDate[g]) = (i, 1)
            } else if h.date == cur.date {
                atDate[g] += 1
                if h.precedence > cur.precedence { best[g] = i }
            }
        }
        let chosen = best.filter { $0 >= 0 }
        return (chosen.map { holdings[$0] }.sorted { $0.statisticID < $1.statisticID }, atDate.reduce(0) { $0 + max($1 - 1, 0) })
    }

    /// Step 2, continued: each company's segments summed, consolidated into the ultimate parent
    /// (aggregates stay as recorded). Keys are lowercased names; `names` keeps their spelling.
    static func sum(_ chosen: [Holding], consolidate: Bool) -> (firms: [String: Double], aggregates: [String: Double], names: [String: String]) {
        var firms: [String: Double] = [:], aggregates: [String: Double] = [:], names: [String: String] = [:]
        for h in chosen {
            let name = consolidate && !h.isAggregate ? h.ultimateParent : h.company
            let key = name.lowercased()
            names[key] = name
            if h.isAggregate { aggregates[key, default: 0] += h.value } else { firms[key, default: 0] += h.value }
        }
        return (firms, aggregates, names)
    }

    /// Step 3: the total. A `percent` metric's values are shares already (T = 100); otherwise
    /// the sum over firms and aggregates, or the period's latest market-level statistic when
    /// larger (of the latest date, the one of highest `Precedence`).
    static func total(unit: String, firmSum: Double, aggSum: Double, marketTotals: [MarketTotal], notes: inout [String]) -> (Double?, String) {
        if unit == Units.percent {
            // 1e-4 of a point: shares given to two decimals may add up to 100.0001 by rounding
            if firmSum + aggSum > 100.0001 { notes.append("the shares add up to \(NumberText.fixed(firmSum + aggSum, 2)) percent, more than 100") }
            return (100, "shares (percent): total 100")
        }
        let sum = firmSum + aggSum
        var total: Double? = sum > 0 ? sum : nil
        var denominator = aggSum > 0 ? "sum of companies and aggregates" : "sum of named companies only"
        if let m = marketTotals.max(by: { ($0.date, $0.precedence) < ($1.date, $1.precedence) }), m.value > sum {
            total = m.value
            denominator = "market statistic (\(m.source), \(EntryDate.stored(m.date, precision: m.precision)?.description ?? m.date))"
        }
        if aggSum == 0 && !denominator.hasPrefix("market") && firmSum > 0 {
            notes.append("the total is the named companies' sum only: with no aggregate or market total, shares overstate concentration")
        }
        return (total, denominator)
    }

    /// Step 7: each published CRn or HHI beside the computed figure, and whether they agree.
    static func compare(published: [PublishedFigure], with result: ConcentrationResult) -> [PublishedFigure] {
        published.map { p in
            var p = p
            if let n = p.measure.crN {
                if let c = result.dataBounds?.crLow[n] ?? result.cr[n] {
                    let high = result.dataBounds?.crHigh[n] ?? result.crHigh[n] ?? c
                    p.computed = c
                    p.computedHigh = high > c + 1e-9 ? high : nil
                    p.agrees = agrees(computedLow: c, computedHigh: high, published: p.value, qualifier: p.qualifier, tolerance: crTolerance)
                }
            } else if p.measure == .hhi, let low = result.dataBounds?.hhiLow ?? result.hhiLow,
                      let high = result.dataBounds?.hhiHigh ?? result.hhiHigh {
                p.computed = low
                p.computedHigh = high
                p.agrees = agrees(computedLow: low, computedHigh: high, published: p.value, qualifier: p.qualifier, tolerance: hhiTolerance)
            }
            return p
        }
    }

    /// Whether a computed range [lo, hi] is consistent with a published figure and its qualifier.
    public static func agrees(computedLow lo: Double, computedHigh hi: Double, published p: Double, qualifier: Qualifier, tolerance: Double) -> Bool {
        switch qualifier {
        case .atLeast: return hi >= p - tolerance
        case .atMost: return lo <= p + tolerance
        case .exact, .approx, .estimate:
            let t = qualifier == .exact ? tolerance : 2 * tolerance
            return p >= lo - t && p <= hi + t
        }
    }
}
