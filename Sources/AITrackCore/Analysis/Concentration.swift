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
    public var date: String
    public var value: Double
    public var verified: Bool
    /// Marked disputed or contradicted: used, but the result says so.
    public var doubtful: Bool
    /// Ingest order: later rows win among equals.
    public var ingestOrder: Int64
    public var source: String

    public init(statisticID: Int64 = 0, company: String, ultimateParent: String? = nil, isAggregate: Bool = false, segment: String? = nil,
                date: String, value: Double, verified: Bool = false, doubtful: Bool = false, ingestOrder: Int64 = 0, source: String = "") {
        self.statisticID = statisticID
        self.company = company
        self.ultimateParent = ultimateParent ?? company
        self.isAggregate = isAggregate
        self.segment = segment
        self.date = date
        self.value = value
        self.verified = verified
        self.doubtful = doubtful
        self.ingestOrder = ingestOrder
        self.source = source
    }
}

/// A market-level statistic (no company): a candidate total.
public struct MarketTotal: Sendable, Equatable {
    public var date: String
    public var value: Double
    public var verified: Bool
    public var ingestOrder: Int64
    public var source: String

    public init(date: String, value: Double, verified: Bool = false, ingestOrder: Int64 = 0, source: String = "") {
        self.date = date
        self.value = value
        self.verified = verified
        self.ingestOrder = ingestOrder
        self.source = source
    }
}

/// A published CRn or HHI figure about the metric, and whether the data agree with it.
public struct PublishedFigure: Sendable, Equatable {
    public var statisticID: Int64
    public var measure: Measure
    public var date: String
    public var value: Double
    public var qualifier: Qualifier
    public var source: String
    public var citedBy: String?
    public var verification: Verification
    /// The computed figure it is compared with (nil: not computable).
    public var computed: Double?
    public var computedHigh: Double?
    /// nil when there is nothing to compare.
    public var agrees: Bool?

    public init(statisticID: Int64 = 0, measure: Measure, date: String, value: Double, qualifier: Qualifier = .exact, source: String,
                citedBy: String? = nil, verification: Verification = .unverified) {
        self.statisticID = statisticID
        self.measure = measure
        self.date = date
        self.value = value
        self.qualifier = qualifier
        self.source = source
        self.citedBy = citedBy
        self.verification = verification
    }
}

public struct RankedFirm: Sendable, Equatable {
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
    public var firms: [RankedFirm]
    public var aggregates: [RankedFirm]
    /// n → CRn for n = 1 … min(10, number of firms).
    public var cr: [Int: Double]
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

    public var topShare5: Double? { cr[5] }
}

/// Pure calculation of concentration figures: no database, no I/O.
public enum ConcentrationCalculator {
    /// Tolerance for agreement with a published figure: percentage points for CRn, points for HHI.
    public static let crTolerance = 1.0
    public static let hhiTolerance = 50.0

    public static func compute(metric: String, unit: String, period: Period, holdings: [Holding], marketTotals: [MarketTotal] = [],
                               published: [PublishedFigure] = [], consolidate: Bool = true) -> ConcentrationResult {
        var notes: [String] = []
        // Step 2: latest date per company (as recorded) and segment; prefer verified, then latest ingested.
        var best: [String: Holding] = [:]
        var atBestDate: [String: Int] = [:]
        for h in holdings {
            let key = h.company.lowercased() + "\u{1F}" + (h.segment?.lowercased() ?? "")
            guard let cur = best[key] else { best[key] = h; atBestDate[key] = 1; continue }
            if h.date > cur.date {
                best[key] = h
                atBestDate[key] = 1
            } else if h.date == cur.date {
                atBestDate[key, default: 1] += 1
                if (h.verified ? 1 : 0, h.ingestOrder) > (cur.verified ? 1 : 0, cur.ingestOrder) { best[key] = h }
            }
        }
        let setAside = atBestDate.values.reduce(0) { $0 + ($1 - 1) }
        // Sum segments, then consolidate to the ultimate parent.
        var firmValues: [String: Double] = [:]
        var aggValues: [String: Double] = [:]
        var displayName: [String: String] = [:]
        for h in best.values {
            let name = consolidate && !h.isAggregate ? h.ultimateParent : h.company
            let key = name.lowercased()
            displayName[key] = name
            if h.isAggregate { aggValues[key, default: 0] += h.value } else { firmValues[key, default: 0] += h.value }
        }
        let chosen = best.values.sorted { $0.statisticID < $1.statisticID }
        let doubtful = chosen.filter(\.doubtful).count
        if doubtful > 0 {
            notes.append("\(doubtful) of the \(chosen.count) values used \(doubtful == 1 ? "is" : "are") marked disputed or contradicted")
        }
        let firmSum = firmValues.values.reduce(0, +)
        let aggSum = aggValues.values.reduce(0, +)
        // Step 3: the total.
        var total: Double?
        var denominator: String
        if unit == Units.percent {
            total = 100
            denominator = "shares (percent): total 100"
            if firmSum + aggSum > 100.0001 { notes.append("the shares add up to \(NumberText.fixed(firmSum + aggSum, 2)) percent, more than 100") }
        } else {
            let sum = firmSum + aggSum
            total = sum > 0 ? sum : nil
            denominator = aggSum > 0 ? "sum of companies and aggregates" : "sum of named companies only"
            // the latest market-level statistic in the period, preferring verified, then latest ingested
            if let m = marketTotals.max(by: { ($0.date, $0.verified ? 1 : 0, $0.ingestOrder) < ($1.date, $1.verified ? 1 : 0, $1.ingestOrder) }), m.value > sum {
                total = m.value
                denominator = "market statistic (\(m.source), \(m.date))"
            }
            if aggSum == 0 && !denominator.hasPrefix("market") && firmSum > 0 {
                notes.append("the total is the named companies' sum only: with no aggregate or market total, shares overstate concentration")
            }
        }
        var result = ConcentrationResult(metric: metric, unit: unit, period: period, total: total, denominator: denominator, coverage: nil,
                                         firms: [], aggregates: [], cr: [:], hhiLow: nil, hhiHigh: nil, bands: [:], published: published,
                                         alternativesSetAside: setAside, statisticIDs: chosen.map(\.statisticID),
                                         sources: Array(Set(chosen.map(\.source))).sorted(), notes: notes)
        guard let T = total, T > 0, firmSum > 0 else {
            result.notes.append(holdings.isEmpty ? "n/a: no company data for \(metric) in \(period)" : "n/a: the company values add up to 0")
            result.published = published.map { var p = $0; p.agrees = nil; return p }
            return result
        }
        func share(_ v: Double) -> Double { unit == Units.percent ? v : 100 * v / T }
        // ranked firms: by value, ties by name
        result.firms = firmValues.map { RankedFirm(company: displayName[$0.key]!, value: $0.value, share: share($0.value)) }
            .sorted { ($0.value, $1.company.lowercased()) > ($1.value, $0.company.lowercased()) }
        result.aggregates = aggValues.map { RankedFirm(company: displayName[$0.key]!, value: $0.value, share: share($0.value)) }
            .sorted { $0.value > $1.value }
        result.coverage = share(firmSum)
        // Step 4: CRn over firms only.
        var running = 0.0
        for (k, f) in result.firms.prefix(10).enumerated() {
            running += f.share
            result.cr[k + 1] = running
        }
        // Step 5: HHI bounds.
        let positive = result.firms.filter { $0.share > 0 }
        let low = positive.reduce(0) { $0 + $1.share * $1.share }
        let sMin = positive.map(\.share).min() ?? 0
        let rest = max(0, 100 - positive.reduce(0) { $0 + $1.share })
        var high = low
        if rest > 0, sMin > 0 {
            let k = (rest / sMin + 1e-9).rounded(.down)
            let r = max(0, rest - k * sMin)
            high = low + k * sMin * sMin + r * r
        }
        result.hhiLow = low
        result.hhiHigh = high
        // Step 6: bands.
        for regime in Regime.allCases { result.bands[regime] = regime.band(low: low, high: high) }
        // Step 7: published figures against the computed ones.
        result.published = published.map { p in
            var p = p
            if let n = p.measure.crN {
                if let c = result.cr[n] {
                    p.computed = c
                    p.agrees = agrees(computedLow: c, computedHigh: c, published: p.value, qualifier: p.qualifier, tolerance: crTolerance)
                }
            } else if p.measure == .hhi {
                p.computed = low
                p.computedHigh = high
                p.agrees = agrees(computedLow: low, computedHigh: high, published: p.value, qualifier: p.qualifier, tolerance: hhiTolerance)
            }
            return p
        }
        return result
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
