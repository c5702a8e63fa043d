import Foundation

/// A firm named with a date: one left out of a figure's period ("Oracle: latest 2025-Q3"), or
/// a stock's value carried forward from an earlier day.
public struct DatedName: Sendable, Equatable {
    public var company: String
    /// As written: `2025-Q3`, `2025-12-31`.
    public var date: String
}

/// DESIGN §5 step 1 (issue 21, item 3): one period per figure. A figure is made of values of
/// one period at one granularity, never of TSMC's fourth quarter beside Samsung's second:
///
/// - a flow, share or other metric: the coarsest granularity the period has values of (annual
///   before quarterly before monthly before daily), and of it the latest period (2025-Q4); a
///   value whose own period is longer than the figure's (an annual share in a quarter's figure)
///   is not in it. A firm without a value of that period is left out and named with its
///   latest one, never taken from another period;
/// - a stock (a holding that stands until replaced): as of one day, the latest day in the
///   period with a value, each series carried forward from its last value on or before it
///   (earlier values are given apart, as `before`), each carried value named with its date.
///
/// Pure: no database. The market totals and published figures of the same period go with it.
public enum FigurePeriod {
    public struct Choice: Sendable, Equatable {
        /// The values of the figure's period (for a stock: each series' value as of the day).
        public var used: [Holding]
        /// Where each used value is among the holdings given (nil for a stock: `before` too).
        public var usedIndex: [Int]? = nil
        /// What the values are of: `2025-Q4`, or `as of 2026-03-31` for a stock; nil: no values.
        public var label: String?
        /// The period's first and last day (for a stock: the day, twice).
        public var from: String? = nil, to: String? = nil
        /// The granularity of a flow's values (nil for a stock).
        public var precision: Precision? = nil
        /// Firms with values in the period but none of the figure's period.
        public var leftOut: [DatedName] = []
        /// A stock's values from before its day, carried forward.
        public var carried: [DatedName] = []
        public var isStock = false
    }

    /// The choice among `holdings` (the values dated in `period`) and, for a stock, `before`
    /// (values dated before it; only the latest of each series matters).
    public static func choose(_ holdings: [Holding], period: Period, stock: Bool, before: [Holding] = []) -> Choice {
        // a value's own period must lie in the figure's: an annual value has no place in a quarter
        let finest = max(period.from.precision, period.to.precision)
        func inside(_ h: Holding) -> Bool {
            h.precision >= finest || (EntryDate.stored(h.date, precision: h.precision).map { $0.endISO <= period.toISO } ?? false)
        }
        if stock {
            let inSpan = holdings.filter(inside)
            guard !inSpan.isEmpty else { return Choice(used: [], label: nil, leftOut: named(holdings, except: [])) }
            return asOf(inSpan, before: before)
        }
        // the coarsest granularity, then its latest period: one pass, no sort
        var best = -1
        for (i, h) in holdings.enumerated() where inside(h) {
            if best < 0 { best = i; continue }
            let b = holdings[best]
            if h.precision < b.precision || (h.precision == b.precision && h.date > b.date) { best = i }
        }
        guard best >= 0 else { return Choice(used: [], label: nil, leftOut: named(holdings, except: [])) }
        let (date, precision) = (holdings[best].date, holdings[best].precision)
        let usedIndex = holdings.indices.filter { holdings[$0].precision == precision && holdings[$0].date == date }
        let used = usedIndex.count == holdings.count ? holdings : usedIndex.map { holdings[$0] }
        let day = EntryDate.stored(date, precision: precision)
        return Choice(used: used, usedIndex: usedIndex, label: day?.description ?? date, from: day?.iso ?? date, to: day?.endISO ?? date,
                      precision: precision, leftOut: used.count == holdings.count ? [] : named(holdings, except: used))
    }

    /// A stock as of the latest day with a value: each series' latest value on or before it.
    static func asOf(_ inSpan: [Holding], before: [Holding]) -> Choice {
        let day = inSpan.map(\.date).max()!
        let candidates = before.filter { $0.date < day } + inSpan
        // per company (as recorded) and segment, lowercased: the latest date, ties to the caller
        var latest: [SeriesKey: Holding] = [:]
        for h in candidates {
            let key = SeriesKey(h)
            if let cur = latest[key], cur.date >= h.date { continue }
            latest[key] = h
        }
        // every value of the chosen date of a series (the concentration picks among sources)
        let used = candidates.filter { latest[SeriesKey($0)]?.date == $0.date }.sorted { $0.statisticID < $1.statisticID }
        var carried: [DatedName] = []
        for h in latest.values where h.date < day {
            carried.append(DatedName(company: display(h), date: written(h)))
        }
        let iso = EntryDate.stored(day, precision: .day)
        return Choice(used: used, label: "as of \(iso?.description ?? day)", from: day, to: day,
                      carried: carried.sorted { ($0.company.lowercased(), $0.date) < ($1.company.lowercased(), $1.date) }, isStock: true)
    }

    /// Each series of `holdings` that has no value in `used`, with its latest date, by name.
    static func named(_ holdings: [Holding], except used: [Holding]) -> [DatedName] {
        let kept = Set(used.map(SeriesKey.init))
        var latest: [SeriesKey: Holding] = [:]
        for h in holdings where !kept.contains(SeriesKey(h)) {
            if let cur = latest[SeriesKey(h)], (cur.date, cur.precision) >= (h.date, h.precision) { continue }
            latest[SeriesKey(h)] = h
        }
        return latest.values.map { DatedName(company: display($0), date: "latest " + written($0)) }
            .sorted { ($0.company.lowercased(), $0.date) < ($1.company.lowercased(), $1.date) }
    }

    /// Of each series, the values of its latest date (every source's): what a stock's earlier
    /// values come to.
    public static func latestOfEachSeries(_ holdings: [Holding]) -> [Holding] {
        var latest: [SeriesKey: String] = [:]
        for h in holdings where latest[SeriesKey(h)].map({ $0 < h.date }) ?? true { latest[SeriesKey(h)] = h.date }
        return holdings.filter { latest[SeriesKey($0)] == $0.date }
    }

    struct SeriesKey: Hashable {
        var company: String, segment: String
        init(_ h: Holding) { (company, segment) = (h.company.lowercased(), h.segment?.lowercased() ?? "") }
    }

    static func display(_ h: Holding) -> String { h.segment.map { "\(h.company) (\($0))" } ?? h.company }
    static func written(_ h: Holding) -> String { EntryDate.stored(h.date, precision: h.precision)?.description ?? h.date }

    /// The market totals of the figure's period: for a flow, those given for exactly it (a
    /// 2025 total for 2025's annual shares, 2025-Q4's for the fourth quarter's); for a stock,
    /// those on or before its day.
    public static func totals(_ totals: [MarketTotal], of c: Choice) -> [MarketTotal] {
        guard let from = c.from else { return [] }
        if c.isStock { return totals.filter { $0.date <= from } }
        return totals.filter { $0.date == from && $0.precision == c.precision }
    }

    /// Whether a published CRn or HHI is of the figure's period: the same period for a flow; for
    /// a stock, a period that ends on or after its day.
    public static func comparable(_ p: PublishedFigure, with c: Choice) -> Bool {
        guard let label = c.label, let from = c.from else { return false }
        if !c.isStock { return p.date == label }
        // a stock stands until replaced: a figure of a period that ends on or after its day (and
        // lies in the figure's period, as every published figure read with it does)
        guard let d = try? EntryDate.parse(p.date) else { return false }
        return from <= d.endISO
    }

    /// The sentence the renderers show: what the values are of, and who is not in them.
    public static func note(_ c: Choice) -> String? {
        guard let label = c.label else { return nil }
        if c.isStock {
            guard !c.carried.isEmpty else { return nil }
            return "values \(label); carried forward from an earlier day: "
                + c.carried.map { "\($0.company) (\($0.date))" }.joined(separator: ", ")
        }
        guard !c.leftOut.isEmpty else { return nil }
        return "values of \(label) only; not in it (part of the unattributed rest), with their latest value: "
            + c.leftOut.map { "\($0.company) (\($0.date.dropFirst("latest ".count)))" }.joined(separator: ", ")
    }
}
