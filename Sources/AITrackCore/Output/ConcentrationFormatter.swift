import Foundation

/// Pure functions from concentration results to text.
public enum ConcentrationFormatter {
    public static func json(_ r: ConcentrationResult) -> JSONValue {
        func firm(_ f: FirmShare) -> JSONValue {
            .object([("company", .string(f.company)), ("value", .num(f.value)), ("share", .num(f.share))])
        }
        let cr: JSONValue = .object(r.cr.keys.sorted().map { (String($0), JSONValue.num(r.cr[$0]!)) })
        let crHigh: JSONValue = .object(r.crHigh.keys.sorted().map { (String($0), JSONValue.num(r.crHigh[$0]!)) })
        let hhi: JSONValue = r.hhiLow == nil ? .null : .object([("low", .num(r.hhiLow)), ("high", .num(r.hhiHigh))])
        let band: JSONValue = r.bands.isEmpty ? .null : .object(Regime.allCases.map { ($0.rawValue, .str(r.bands[$0])) })
        let published: [JSONValue] = r.published.map { p in
            .object([("measure", .string(p.measure.rawValue)), ("date", .string(p.date)), ("value", .num(p.value)),
                     ("qualifier", .string(p.qualifier.rawValue)), ("source", .string(p.source)), ("cited_by", .str(p.citedBy)),
                     ("verification", .string(p.verification.rawValue)), ("reason", .str(p.reason)), ("computed", .num(p.computed)),
                     ("computed_high", .num(p.computedHigh)), ("agrees", p.agrees.map(JSONValue.bool) ?? .null),
                     ("figure_of", .str(p.figureOf)), ("statistic_id", .number(String(p.statisticID)))])
        }
        func dated(_ d: DatedName) -> JSONValue { .object([("company", .string(d.company)), ("date", .string(d.date))]) }
        return .object([
            ("metric", .string(r.metric)), ("unit", .string(r.unit)),
            ("period", .object([("from", .string(r.period.fromISO)), ("to", .string(r.period.toISO))])),
            ("total", .num(r.total)), ("coverage", .num(r.coverage)),
            ("firms", .array(r.firms.map(firm))), ("cr", cr), ("cr_high", crHigh), ("top5_share", .num(r.topShare5)),
            ("top5_share_high", .num(r.crHigh[5])),
            ("hhi", hhi), ("band", band), ("published", .array(published)),
            ("denominator", .string(r.denominator)), ("aggregates", .array(r.aggregates.map(firm))),
            ("alternatives_set_aside", .number(String(r.alternativesSetAside))),
            ("statistic_ids", .array(r.statisticIDs.map { .number(String($0)) })),
            ("sources", .array(r.sources.map(JSONValue.string))), ("notes", .array(r.notes.map(JSONValue.string))),
            ("values", .array(r.values.map { .object([("company", .string($0.company)), ("value", .num($0.value))]) })),
            ("values_of", .str(r.valuesOf)), ("left_out", .array(r.leftOut.map(dated))), ("carried_forward", .array(r.carried.map(dated))),
            ("intervals", IntervalFormatter.json(r)),
        ])
    }

    /// Ranked firms a person reads; JSON and CSV list them all.
    static let shownFirms = 20

    /// The firms beyond `shownFirms`, as one line: ("N more firms", value, share).
    static func moreFirms(_ r: ConcentrationResult) -> (String, Double, Double)? {
        guard r.firms.count > shownFirms else { return nil }
        let rest = r.firms.dropFirst(shownFirms)
        return ("\(rest.count) more firms", rest.reduce(0) { $0 + $1.value }, rest.reduce(0) { $0 + $1.share })
    }

    static func pct(_ v: Double?) -> String { v.map { NumberText.fixed($0, 2) + " %" } ?? "n/a" }
    /// CRn as the data allow it: one figure when the top n are certainly named, else the range
    /// ("40.00–73.00 %"), never the lower end alone as a fact.
    public static func crText(_ r: ConcentrationResult, _ n: Int) -> String {
        guard let low = r.cr[n] else { return "n/a" }
        guard let high = r.crHigh[n] else { return pct(low) }
        return NumberText.fixed(low, 2) + "–" + NumberText.fixed(high, 2) + " %"
    }
    static func pts(_ v: Double?) -> String { v.map { NumberText.grouped($0.rounded()) } ?? "n/a" }

    /// " · values of 2025-Q4" when the figure's values are of a part of its period.
    public static func valuesOf(_ r: ConcentrationResult) -> String {
        guard let v = r.valuesOf, v != r.period.description else { return "" }
        return v.hasPrefix("as of") ? " · \(v)" : " · values of \(v)"
    }

    public static func hhiText(_ r: ConcentrationResult) -> String {
        guard let lo = r.hhiLow, let hi = r.hhiHigh else { return "n/a" }
        return pts(lo) == pts(hi) ? pts(lo) : "\(pts(lo)) – \(pts(hi))"
    }

    public static func publishedLine(_ p: PublishedFigure, unit: String) -> String {
        let q = p.qualifier.wordsBefore
        let value = p.measure == .hhi ? NumberText.grouped(p.value) : NumberText.plain(p.value) + " %"
        var s = "\(p.measure.rawValue) \(p.date): \(q)\(value) — \(p.source)"
        if let c = p.citedBy { s += " (cited by \(c))" }
        s += " [\(p.verification.rawValue)\(p.verification.doubtful ? p.reason.map { ": " + firstSentence($0) } ?? "" : "")]"
        s += "; " + p.comparison
        return s
    }

    /// A note's first sentence (up to a full stop followed by a space and a capital letter), for a
    /// line that names why a figure is doubted; JSON and `claims` carry the whole note.
    static func firstSentence(_ note: String) -> String {
        let chars = Array(note)
        for i in chars.indices.dropLast(2) where chars[i] == "." && chars[i + 1] == " " && chars[i + 2].isUppercase {
            return String(chars[...i])
        }
        return note
    }


    /// "total 19,521,441 H100e (sum of companies and aggregates); named companies cover 80.66 %".
    public static func totalLine(_ r: ConcentrationResult) -> String {
        guard let total = r.total else { return "total n/a" }
        return "total \(NumberText.grouped(total.rounded() == total ? total : (total * 100).rounded() / 100)) \(r.unit) (\(r.denominator)); "
            + "named companies cover \(pct(r.coverage))"
    }

    /// The ranked firms (at most `shownFirms`, then one line for the rest) and the aggregates,
    /// drawn apart as not ranked: the one table every format shows. On a terminal the share is
    /// right-aligned and, with `bars`, drawn as a bar.
    public static func firmTable(_ r: ConcentrationResult, terminal: Bool = false, bars: Bool = false, barWidth: Int = 24) -> ResultTable {
        func share(_ v: Double?) -> Cell {
            let s = pct(v)
            return .text(terminal ? String(repeating: " ", count: max(0, 8 - s.count)) + s : s)
        }
        let maxShare = max(r.firms.first?.share ?? 0, r.aggregates.first?.share ?? 0, 1)
        func bar(_ v: Double) -> [Cell] { terminal ? [.text(bars ? Self.bar(v, max: maxShare, width: barWidth) : "")] : [] }
        // with intervals, each share's 90 % interval beside it
        let i = r.intervals
        func interval(_ p: Percentiles?) -> [Cell] { i == nil ? [] : [.text(IntervalFormatter.shareCell(p))] }
        var t = ResultTable(columns: ["#", "company", "value", terminal ? "   share" : "share"] + (i == nil ? [] : ["90 % interval"])
                            + (terminal ? [""] : []))
        for (k, f) in r.firms.prefix(shownFirms).enumerated() {
            t.rows.append([.int(Int64(k + 1)), .text(f.company), .double(f.value), share(f.share)] + interval(i?.firms[k]) + bar(f.share))
        }
        if let more = moreFirms(r) {
            t.rows.append([.null, .text(more.0), .double(more.1), share(more.2)] + interval(nil) + (terminal ? [.text("")] : []))
        }
        for (k, a) in r.aggregates.enumerated() {
            t.rows.append([.null, .text("\(a.company) (aggregate, not ranked)"), .double(a.value), share(a.share)] + interval(i?.aggregates[k])
                          + bar(a.share))
        }
        return t
    }

    /// The terminal view: ranked firms with shares and bars, CRn, the HHI range and bands; with
    /// `width`, fitted to it (the bars shrink first, long lines fold).
    public static func text(_ r: ConcentrationResult, bars: Bool = true, width: Int? = nil) -> String {
        let out = text(r, bars: bars, fitting: width)
        return width.map { TableLayout.fold(out, width: $0) } ?? out
    }

    static func text(_ r: ConcentrationResult, bars: Bool, fitting width: Int?) -> String {
        var out = "\(r.metric) · \(r.period)\(valuesOf(r)) · unit \(r.unit)\n"
        guard r.total != nil, r.hhiLow != nil else {
            out += "  n/a: " + (r.notes.last ?? "no data") + "\n"
            for v in r.values { out += "  \(v.company): \(NumberText.human(v.value)) \(r.unit)\n" }
            for p in r.published { out += "  published " + publishedLine(p, unit: r.unit) + "\n" }
            return out
        }
        out += "  " + totalLine(r) + "\n"
        var t = firmTable(r, terminal: true, bars: bars)
        if bars, let width {
            // the bars give up what the table is too wide by (down to none), before any column
            let natural = TableFormatter.table(t).split(separator: "\n").map(\.count).max() ?? 0
            if natural + 2 > width { t = firmTable(r, terminal: true, bars: true, barWidth: max(0, 24 - (natural + 2 - width))) }
        }
        out += TableFormatter.table(t, width: width.map { $0 - 2 }).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "  " + $0 }
            .joined(separator: "\n")
        let crs = [1, 3, 4, 5, 10].compactMap { n in
            r.cr[n].map { _ in "CR\(n) \(crText(r, n))" + (n == 5 ? IntervalFormatter.crSuffix(r, 5) : "") }
        }
        out += "  " + crs.joined(separator: " · ") + "\n"
        out += "  HHI \(IntervalFormatter.hhiText(r))   " + Regime.allCases.map { "\($0.rawValue): \(r.bands[$0] ?? "n/a")" }.joined(separator: " · ")
            + "\n"
        for line in IntervalFormatter.lines(r) { out += "  \(line)\n" }
        if r.alternativesSetAside > 0 {
            out += "  \(r.alternativesSetAside) value\(r.alternativesSetAside == 1 ? "" : "s") from other sources "
                + "for the same company, segment and date set aside (verified first, then latest ingested)\n"
        }
        for p in r.published { out += "  published " + publishedLine(p, unit: r.unit) + "\n" }
        for n in r.notes { out += "  note: \(n)\n" }
        out += "  sources: \(r.sources.joined(separator: "; "))\n"
        return out
    }

    /// A share as up to 24 cells of `█` (and a half `▌`), against the largest share `max`; a share
    /// that is not between 0 and `max` (none should be) draws as nothing or the full width, never
    /// a crash.
    static func bar(_ share: Double, max: Double, width: Int = 24) -> String {
        let width = Double(width)
        let ratio = share / max
        guard ratio.isFinite, ratio > 0 else { return "" }
        let cells = Swift.min(ratio, 1) * width
        let full = Int(cells)
        return String(repeating: "█", count: full) + (cells - Double(full) >= 0.5 ? "▌" : "")
    }

    /// One row per ranked firm and aggregate (CSV, markdown).
    public static func table(_ results: [ConcentrationResult]) -> ResultTable {
        var t = ResultTable(columns: ["metric", "period_from", "period_to", "rank", "company", "aggregate", "value", "share",
                                     "total", "coverage", "cr5", "cr5_high", "hhi_low", "hhi_high", "band_us2023", "band_us2010", "band_eu2004"])
        for r in results {
            let common: [Cell] = [Cell(r.total), Cell(r.coverage), Cell(r.topShare5), Cell(r.crHigh[5] ?? r.topShare5),
                                  Cell(r.hhiLow), Cell(r.hhiHigh),
                                  Cell(r.bands[.us2023]), Cell(r.bands[.us2010]), Cell(r.bands[.eu2004])]
            let head: [Cell] = [.text(r.metric), .text(r.period.fromISO), .text(r.period.toISO)]
            for (k, f) in r.firms.enumerated() {
                t.rows.append(head + [.int(Int64(k + 1)), .text(f.company), .json(.bool(false)), .double(f.value), .double(f.share)] + common)
            }
            for a in r.aggregates {
                t.rows.append(head + [.null, .text(a.company), .json(.bool(true)), .double(a.value), .double(a.share)] + common)
            }
            if r.firms.isEmpty && r.aggregates.isEmpty {
                t.rows.append(head + [.null, .null, .null, .null, .null] + common)
            }
        }
        return t
    }

    /// One figure set as a JSON object, several (or any of a series) as a list.
    public static func render(_ results: [ConcentrationResult], as format: OutputFormat, bars: Bool = true, series: Bool = false,
                              width: Int? = nil) -> String {
        switch format {
        case .json:
            return JSONWriter.prettyString(results.count == 1 && !series ? json(results[0]) : .array(results.map(json))) + "\n"
        case .table, .html:
            return results.map { text($0, bars: bars, width: width) }.joined(separator: "\n")
        case .svg:
            // one figure set: its share bars; a series: CR5 and HHI over its periods
            return results.count == 1 && !series ? SVG.shareChart(results[0], standalone: true)
                : SVG.trendChart(results, metric: results.first?.metric ?? "", standalone: true)
        default:
            return TableFormatter.render(table(results), as: format)
        }
    }
}
