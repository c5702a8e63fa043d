/// The Monte Carlo intervals as text and JSON (issue 23, item 4; docs/CONCENTRATION.md §6).
/// A figure without intervals prints as it did before them.
public enum IntervalFormatter {
    static func percentiles(_ p: Percentiles) -> [(String, JSONValue)] {
        [("p5", .num(p.p5)), ("p50", .num(p.p50)), ("p95", .num(p.p95))]
    }

    /// The `intervals` member of a figure's JSON (null without intervals).
    public static func json(_ r: ConcentrationResult) -> JSONValue {
        guard let i = r.intervals else { return .null }
        func byN(_ m: [Int: Percentiles]) -> JSONValue { .object(m.keys.sorted().map { (String($0), .object(percentiles(m[$0]!))) }) }
        func named(_ shares: [FirmShare], _ ps: [Percentiles]) -> JSONValue {
            .array(zip(shares, ps).map { .object([("company", .string($0.company))] + percentiles($1)) })
        }
        return .object([
            ("draws", .number(String(i.simulation.draws))), ("seed", .number(String(i.simulation.seed))),
            ("correlation", .string(i.simulation.correlation.rawValue)), ("values_drawn", .number(String(i.valuesDrawn))),
            ("cr", byN(i.cr)), ("cr_high", byN(i.crHigh)),
            ("top5_share", i.cr[5].map { .object(percentiles($0)) } ?? .null),
            ("hhi_low", .object(percentiles(i.hhiLow))), ("hhi_high", .object(percentiles(i.hhiHigh))),
            ("firms", named(r.firms, i.firms)), ("aggregates", named(r.aggregates, i.aggregates)),
            ("bands", .object(Regime.allCases.map { regime in
                (regime.rawValue, .array((i.bands[regime] ?? []).map { .object([("band", .string($0.band)), ("share", .num($0.share))]) }))
            })),
        ])
    }

    /// " (90 % interval 71.20–75.84 %)" after CRn, or "" without intervals.
    public static func crSuffix(_ r: ConcentrationResult, _ n: Int) -> String {
        guard let (low, high) = r.intervals?.crRange(n) else { return "" }
        return " (90 % interval \(NumberText.fixed(low, 2))–\(NumberText.fixed(high, 2)) %)"
    }

    /// CRn as the data allow it, with its interval: "73.56 % (90 % interval 71.20–75.84 %)".
    public static func crText(_ r: ConcentrationResult, _ n: Int) -> String { ConcentrationFormatter.crText(r, n) + crSuffix(r, n) }

    /// " (90 % interval 1,250–1,470)" after the HHI: from its lower bound's 5th percentile to its
    /// upper bound's 95th; "" without intervals.
    public static func hhiSuffix(_ r: ConcentrationResult) -> String {
        guard let i = r.intervals else { return "" }
        return " (90 % interval \(NumberText.grouped(i.hhiLow.p5.rounded()))–\(NumberText.grouped(i.hhiHigh.p95.rounded())))"
    }

    /// The HHI range with its interval.
    public static func hhiText(_ r: ConcentrationResult) -> String { ConcentrationFormatter.hhiText(r) + hhiSuffix(r) }

    /// A share of draws as words: "97 %", "all", "less than 1 %", "more than 99 %".
    static func share(_ s: Double) -> String {
        if s >= 1 { return "all" }
        let p = s * 100
        if p < 0.5 { return "less than 1 %" }
        if p >= 99.5 { return "more than 99 %" }
        return "\(Int(p.rounded())) %"
    }

    /// The verdict of one regime worded from its draws: "highly concentrated in 97 % of draws,
    /// moderately concentrated to highly concentrated in 3 %".
    /// Bands in fewer than 0.5 % of draws are left out of the words (JSON lists every one).
    public static func bandLine(_ i: Intervals, _ regime: Regime) -> String {
        sharesLine((i.bands[regime] ?? []).map { ($0.band, $0.share) })
    }

    /// Outcomes and their shares of draws, most first, in words: "A in all draws", "A in 97 % of
    /// draws, B in 3 %"; outcomes in fewer than 0.5 % of draws are left out of the words.
    static func sharesLine(_ items: [(String, Double)]) -> String {
        guard let first = items.first else { return "n/a" }
        let rest = items.dropFirst().filter { $0.1 >= 0.005 }.map { "\($0.0) in \(share($0.1))" }
        return ([first.1 >= 1 ? "\(first.0) in all draws" : "\(first.0) in \(share(first.1)) of draws"] + rest).joined(separator: ", ")
    }

    /// The lines under a figure's CRn and HHI in the text views: what was drawn, every CRn's
    /// interval, and the bands in the draws. None without intervals.
    public static func lines(_ r: ConcentrationResult) -> [String] {
        guard let i = r.intervals else { return [] }
        let s = i.simulation
        let crs = [1, 3, 4, 5, 10].compactMap { n in i.crRange(n).map { "CR\(n) \(NumberText.fixed($0.0, 2))–\(NumberText.fixed($0.1, 2)) %" } }
        return ["90 % intervals (\(NumberText.grouped(Double(s.draws))) draws of the \(i.valuesDrawn) value\(i.valuesDrawn == 1 ? "" : "s") "
                + "with bounds, \(s.correlation == .source ? "one factor per source" : "independent"), seed \(s.seed)): "
                + crs.joined(separator: " · ") + " · HHI \(NumberText.grouped(i.hhiLow.p5.rounded()))–\(NumberText.grouped(i.hhiHigh.p95.rounded()))",
                "bands in the draws: " + Regime.allCases.map { "\($0.rawValue) \(bandLine(i, $0))" }.joined(separator: "; ")]
    }

    /// A share's interval for a table cell: "23.10–28.52 %" ("" without intervals).
    static func shareCell(_ p: Percentiles?) -> String {
        guard let p else { return "" }
        return "\(NumberText.fixed(p.p5, 2))–\(NumberText.fixed(p.p95, 2)) %"
    }
}
