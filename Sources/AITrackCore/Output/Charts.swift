import Foundation

/// Chart geometry: values in, shapes out. No markup here (SVG.swift draws the shapes), so the
/// layout is tested without a browser.
public enum Charts {
    /// What a bar stands for; each kind has its own fill and a text label, so that colour is
    /// never the only signal.
    public enum BarKind: String, Sendable { case top5, ranked, aggregate, tail }

    public struct Bar: Equatable, Sendable {
        public var label: String
        public var valueLabel: String
        public var kind: BarKind
        public var x, y, width, height: Double
        /// Where the share's 90 % interval runs (x of its 5th and 95th percentiles), with intervals.
        public var interval: ClosedRange<Double>? = nil
    }

    /// One horizontal bar per ranked firm (the top five marked), per aggregate (drawn apart and
    /// labelled as not ranked) and for the unknown tail (100 % less everything named), on a
    /// scale where the widest bar fills `width`.
    public static func shareBars(_ r: ConcentrationResult, width: Double = 420, barHeight: Double = 18, gap: Double = 6,
                                 maxFirms: Int = 12) -> [Bar] {
        var items: [(String, Double, BarKind, Percentiles?)] = []
        let i = r.intervals
        for (k, f) in r.firms.prefix(maxFirms).enumerated() {
            items.append(("\(k + 1). \(f.company)", f.share, k < 5 ? .top5 : .ranked, i?.firms[k]))
        }
        for (k, a) in r.aggregates.enumerated() { items.append(("\(a.company) (aggregate, not ranked)", a.share, .aggregate, i?.aggregates[k])) }
        let named = r.firms.reduce(0) { $0 + $1.share } + r.aggregates.reduce(0) { $0 + $1.share }
        if named < 99.995 { items.append(("unknown rest (not attributed)", max(0, 100 - named), .tail, nil)) }
        // the scale holds the widest bar and the farthest end of an interval
        let top = max(items.map { max($0.1, $0.3?.p95 ?? 0) }.max() ?? 0, 1e-9)
        return items.enumerated().map { k, item in
            Bar(label: item.0, valueLabel: NumberText.fixed(item.1, 2) + " %", kind: item.2, x: 0,
                y: Double(k) * (barHeight + gap), width: width * item.1 / top, height: barHeight,
                interval: item.3.map { width * $0.p5 / top...width * max($0.p5, $0.p95) / top })
        }
    }

    public struct Point: Equatable, Sendable {
        public var x, y: Double
    }

    /// A line chart of CR5 (percent, left scale) and the HHI range (points, right scale) over
    /// periods, with the band thresholds of the 2023 US guidelines.
    public struct Trend: Equatable, Sendable {
        public var labels: [(x: Double, text: String)]
        public var cr5: [Point]
        /// The HHI range as a closed band: low points left to right, then high points back.
        public var hhiBand: [Point]
        /// CR5's 90 % interval as a closed band (5th percentiles left to right, 95th back), over
        /// the periods that have intervals; empty with fewer than two.
        public var cr5Band: [Point] = []
        /// (y, label) of the thresholds (HHI 1,000 and 1,800).
        public var thresholds: [(y: Double, text: String)]
        public var width, height: Double
        /// The HHI at the top of the right scale.
        public var hhiTop: Double

        public static func == (a: Trend, b: Trend) -> Bool {
            a.cr5 == b.cr5 && a.hhiBand == b.hhiBand && a.cr5Band == b.cr5Band && a.width == b.width
        }
    }

    public static func trend(_ series: [ConcentrationResult], width: Double = 560, height: Double = 220) -> Trend {
        let n = max(series.count - 1, 1)
        func x(_ k: Int) -> Double { series.count == 1 ? width / 2 : Double(k) * width / Double(n) }
        // the HHI scale ends a little above the largest upper bound (at least past the 1,800
        // threshold, at most 10,000), so that the band is not squeezed at the bottom
        let hhiTop = min(10_000, max(2_500, ((series.compactMap(\.hhiHigh).max() ?? 0) * 1.15 / 500).rounded(.up) * 500))
        func yPercent(_ v: Double) -> Double { height * (1 - v / 100) }
        func yHHI(_ v: Double) -> Double { height * (1 - v / hhiTop) }
        var cr5: [Point] = [], low: [Point] = [], high: [Point] = [], bandLow: [Point] = [], bandHigh: [Point] = []
        for (k, r) in series.enumerated() {
            if let c = r.cr[5] ?? r.cr[3] { cr5.append(Point(x: x(k), y: yPercent(c))) }
            if let (p5, p95) = r.intervals?.crRange(r.cr[5] == nil ? 3 : 5) {
                bandLow.append(Point(x: x(k), y: yPercent(p5)))
                bandHigh.append(Point(x: x(k), y: yPercent(p95)))
            }
            if let lo = r.hhiLow, let hi = r.hhiHigh {
                low.append(Point(x: x(k), y: yHHI(lo)))
                high.append(Point(x: x(k), y: yHHI(hi)))
            }
        }
        let (lo, hi) = Regime.us2023.thresholds
        return Trend(labels: series.enumerated().map { (x($0.offset), $0.element.period.description) }, cr5: cr5,
                     hhiBand: low + high.reversed(), cr5Band: bandLow.count > 1 ? bandLow + bandHigh.reversed() : [],
                     thresholds: [(yHHI(lo), "HHI \(Int(lo)): moderately concentrated"), (yHHI(hi), "HHI \(Int(hi)): highly concentrated")],
                     width: width, height: height, hhiTop: hhiTop)
    }

    public struct Mark: Equatable, Sendable {
        public var x, r: Double
        public var title: String
        /// `counted`, `superseded`, `cancelled`, `rumored` or `contradicted`: drawn differently,
        /// and said in words.
        public var status: String
    }

    /// The year's deals on a line from 1 January to 31 December, each a circle whose area grows
    /// with its USD value (deals without one get the smallest mark).
    public static func timeline(_ deals: [DealRow], period: Period, width: Double = 560, maxRadius: Double = 24, minRadius: Double = 3) -> [Mark] {
        guard let start = isoDay(period.fromISO), let end = isoDay(period.toISO), end > start else { return [] }
        // a value that is not finite or below 0 (only a file written around the checks has one)
        // gets the smallest mark, and no say in the scale
        let usable = { (v: Double?) -> Double? in v.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil } }
        let top = max(deals.compactMap { usable($0.valueUSD) }.max() ?? 0, 1)
        return deals.compactMap { d in
            guard let day = isoDay(EntryDate.stored(fromDescription: d.date)?.iso ?? "") else { return nil }
            let r = usable(d.valueUSD).map { max(minRadius, maxRadius * ($0 / top).squareRoot()) } ?? minRadius
            let status = d.verification == "contradicted" ? "contradicted" : d.supersededBy != nil ? "superseded"
                : ["cancelled", "rumored"].contains(d.inTotal) ? d.inTotal : "counted"
            return Mark(x: width * Double(day - start) / Double(end - start), r: r, title: d.title, status: status)
        }
    }

    /// Days since 1970 of an ISO date (pure arithmetic, no calendar object).
    static func isoDay(_ iso: String) -> Int? {
        let p = iso.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return nil }
        var y = p[0], m = p[1]
        if m <= 2 { y -= 1; m += 12 }
        let era = y / 400, yoe = y - era * 400
        let doy = (153 * (m - 3) + 2) / 5 + p[2] - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

extension EntryDate {
    /// A date as the listings print it (`2025`, `2025-Q3`, `2025-08`, `2025-08-21`).
    static func stored(fromDescription text: String) -> EntryDate? { try? parse(text) }
}
