import Foundation

/// `aitrack screen` as text, JSON, CSV or Markdown: the two firms, their combination, HHI
/// before and after, ΔHHI, a verdict per regime and, with stakes, the modified HHI.
public enum ScreenFormatter {
    /// A combination of two firms in a market is not a finding about an alliance or a contract.
    public static let caveat = "a what-if: combining the two firms is the upper end (full coordination), "
        + "not a finding that an alliance or contract is a merger"

    static func points(_ r: ClosedRange<Double>) -> String {
        let (a, b) = (NumberText.grouped(r.lowerBound.rounded()), NumberText.grouped(r.upperBound.rounded()))
        return a == b ? a : "\(a)–\(b)"
    }

    static func pct(_ v: Double) -> String { NumberText.fixed(v, 2) + " %" }

    /// One line per figure: its name, as a person reads it, and as CSV holds it (value, the
    /// upper bound where it is a range, unit).
    struct Line { var figure: String, text: String, value: Cell, high: Cell, unit: String }

    static func lines(_ s: Screen) -> [Line] {
        let c = s.combination
        func share(_ name: String, _ v: Double) -> Line { Line(figure: name, text: pct(v), value: .double(v), high: .null, unit: "percent") }
        func hhi(_ name: String, _ r: ClosedRange<Double>) -> Line {
            Line(figure: name, text: points(r), value: .double(r.lowerBound), high: r.upperBound == r.lowerBound ? .null : .double(r.upperBound),
                 unit: "points")
        }
        var out = [
            Line(figure: "market", text: "\(s.market.metric), \(s.market.valuesOf ?? s.market.period.description)",
                 value: .text(s.market.metric), high: .null, unit: ""),
            share("share of \(c.a.company)", c.a.share), share("share of \(c.b.company)", c.b.share), share("combined share", c.combinedShare),
            hhi("HHI before", c.hhiBefore), hhi("HHI after", c.hhiAfter),
            Line(figure: "ΔHHI", text: NumberText.grouped(c.delta.rounded()), value: .double(c.delta), high: .null, unit: "points"),
        ]
        if let m = s.modifiedHHI {
            out.append(hhi("modified HHI (stakes)", m))
            out.append(hhi("ΔMHHI", (m.lowerBound - c.hhiBefore.lowerBound)...(m.upperBound - c.hhiBefore.upperBound)))
        }
        for v in c.verdicts { out.append(Line(figure: v.regime.rawValue, text: v.text, value: .text(v.text), high: .null, unit: "")) }
        return out + intervalLines(s)
    }

    /// With intervals: the 90 % intervals of the combined share, ΔHHI and the HHI after, and per
    /// regime the share of draws reaching each verdict.
    static func intervalLines(_ s: Screen) -> [Line] {
        guard let i = s.intervals else { return [] }
        func range(_ name: String, _ a: Double, _ b: Double, percent: Bool) -> Line {
            Line(figure: name + " (90 % interval)", text: percent ? "\(NumberText.fixed(a, 2))–\(NumberText.fixed(b, 2)) %" : points(a...b),
                 value: .double(a), high: .double(b), unit: percent ? "percent" : "points")
        }
        var out = [range("combined share", i.combinedShare.p5, i.combinedShare.p95, percent: true),
                   range("HHI after", i.hhiAfterLow.p5, i.hhiAfterHigh.p95, percent: false),
                   range("ΔHHI", i.delta.p5, i.delta.p95, percent: false)]
        for r in Regime.allCases {
            let text = IntervalFormatter.sharesLine((i.verdicts[r] ?? []).map { ($0.verdict, $0.share) })
            out.append(Line(figure: "\(r.rawValue) in the draws", text: text, value: .text(text), high: .null, unit: ""))
        }
        out.append(Line(figure: "draws", text: "\(NumberText.grouped(Double(i.simulation.draws))) (\(i.simulation.correlation.rawValue), "
                        + "seed \(i.simulation.seed))", value: .int(Int64(i.simulation.draws)), high: .null, unit: ""))
        return out
    }

    static func intervalsJSON(_ i: ScreenIntervals?) -> JSONValue {
        guard let i else { return .null }
        return .object([
            ("draws", .number(String(i.simulation.draws))), ("seed", .number(String(i.simulation.seed))),
            ("correlation", .string(i.simulation.correlation.rawValue)),
            ("combined_share", .object(IntervalFormatter.percentiles(i.combinedShare))),
            ("delta_hhi", .object(IntervalFormatter.percentiles(i.delta))),
            ("hhi_after_low", .object(IntervalFormatter.percentiles(i.hhiAfterLow))),
            ("hhi_after_high", .object(IntervalFormatter.percentiles(i.hhiAfterHigh))),
            ("verdicts", .object(Regime.allCases.map { r in
                (r.rawValue, .array((i.verdicts[r] ?? []).map { .object([("verdict", .string($0.verdict)), ("share", .num($0.share))]) }))
            })),
        ])
    }

    /// The lines as a table (CSV, Markdown): numbers unformatted.
    public static func table(_ s: Screen) -> ResultTable {
        ResultTable(columns: ["figure", "value", "high", "unit"],
                    rows: lines(s).map { [.text($0.figure), $0.value, $0.high, $0.unit.isEmpty ? .null : .text($0.unit)] })
    }

    public static func json(_ s: Screen) -> JSONValue {
        let c = s.combination
        func firm(_ f: FirmShare) -> JSONValue { .object([("company", .string(f.company)), ("value", .num(f.value)), ("share", .num(f.share))]) }
        func range(_ r: ClosedRange<Double>) -> JSONValue { .object([("low", .num(r.lowerBound)), ("high", .num(r.upperBound))]) }
        let verdicts = JSONValue.object(c.verdicts.map { v in
            (v.regime.rawValue, .object([("at_low", .string(v.atLow)), ("at_high", .string(v.atHigh))]))
        })
        var out: [(String, JSONValue)] = [
            ("metric", .string(s.market.metric)), ("values_of", .str(s.market.valuesOf)),
            ("period", .object([("from", .string(s.market.period.fromISO)), ("to", .string(s.market.period.toISO))])),
            ("a", firm(c.a)), ("b", firm(c.b)), ("combined_share", .num(c.combinedShare)),
            ("hhi_before", range(c.hhiBefore)), ("hhi_after", range(c.hhiAfter)), ("delta_hhi", .num(c.delta)),
            ("verdicts", verdicts),
        ]
        if let m = s.modifiedHHI {
            out.append(("modified_hhi", range(m)))
            out.append(("stakes", .array(s.stakes.map { st in
                .object([("owner", .string(st.owner)), ("target", .string(st.target)), ("ownership", .num(st.ownership)),
                         ("control", .num(st.control))])
            })))
        }
        out.append(("intervals", intervalsJSON(s.intervals)))
        out.append(("caveat", .string(caveat)))
        return .object(out)
    }

    /// `width`: the terminal's, for the text (long lines folded; nil: in full).
    public static func render(_ s: Screen, as format: OutputFormat, width: Int? = nil) -> String {
        switch format {
        case .json: return JSONWriter.prettyString(json(s)) + "\n"
        case .table:
            let all = lines(s)
            let labels = all.map(\.figure.count).max() ?? 0
            let text = all.map { $0.figure.padding(toLength: labels, withPad: " ", startingAt: 0) + "  " + $0.text }
                .joined(separator: "\n") + "\n" + caveat.prefix(1).uppercased() + caveat.dropFirst() + ".\n"
            return width.map { TableLayout.fold(text, width: $0) } ?? text
        default: return TableFormatter.render(table(s), as: format)
        }
    }

    // MARK: - Every deal of a period

    /// One row per deal, market and pair of firms, largest ΔHHI first (`screen --deals`).
    public static func dealsTable(_ rows: [DealScreen]) -> ResultTable {
        let columns = ["date", "deal", "status", "market", "values_of", "firm_a", "share_a", "firm_b", "share_b", "delta_hhi",
                       "hhi_after_low", "hhi_after_high", "us2023", "us2010", "eu2004", "deal_id"]
        let readable = ["date", "deal", "market", "firm_a", "share_a", "firm_b", "share_b", "delta_hhi", "hhi_after_low", "hhi_after_high", "us2023"]
        return ResultTable(columns: columns, readable: readable, rows: rows.map { d in
            let c = d.combination
            func verdict(_ r: Regime) -> Cell { .text(c.verdicts.first { $0.regime == r }?.text ?? "") }
            return [.text(d.date), .text(d.title), .text(d.status), .text(d.metric), .text(d.valuesOf), .text(c.a.company), .double(c.a.share),
                    .text(c.b.company), .double(c.b.share), .double(c.delta), .double(c.hhiAfter.lowerBound), .double(c.hhiAfter.upperBound),
                    verdict(.us2023), verdict(.us2010), verdict(.eu2004), .int(d.deal)]
        })
    }

    /// The same rows for people: shares and points rounded, the verdicts of the 2023 US screen.
    public static func dealsText(_ rows: [DealScreen], width: Int? = nil) -> String {
        let t = ResultTable(columns: ["date", "deal", "market", "firms", "ΔHHI", "HHI after", "US 2023"], rows: rows.map { d in
            let c = d.combination
            let status = d.status == "rumored" || d.status == "cancelled" ? " (\(d.status))" : ""
            return [.text(d.date), .text(Excerpt.value(d.title, limit: 50) + status),
                    .text("\(d.metric), \(d.valuesOf)"), .text("\(c.a.company) \(pct(c.a.share)) + \(c.b.company) \(pct(c.b.share))"),
                    .text(NumberText.grouped(c.delta.rounded())), .text(points(c.hhiAfter)),
                    .text(c.verdicts.first { $0.regime == .us2023 }?.text ?? "")]
        })
        let text = TableFormatter.table(t, groupNumbers: false, width: width)
            + caveat.prefix(1).uppercased() + caveat.dropFirst() + ".\n"
        return width.map { TableLayout.fold(text, width: $0) } ?? text
    }

    /// The report's section: the few largest combinations, for people.
    static func combinationsTable(_ rows: [DealScreen]) -> ResultTable {
        ResultTable(columns: ["date", "deal", "market", "firms", "ΔHHI", "HHI after", "US 2023"], rows: rows.map { d in
            let c = d.combination
            return [.text(d.date), .text(Excerpt.value(d.title, limit: 50)), .text("\(d.metric), \(d.valuesOf)"),
                    .text("\(c.a.company) \(pct(c.a.share)) + \(c.b.company) \(pct(c.b.share))"),
                    .text(NumberText.grouped(c.delta.rounded())), .text(points(c.hhiAfter)),
                    .text(c.verdicts.first { $0.regime == .us2023 }?.text ?? "")]
        })
    }
}
