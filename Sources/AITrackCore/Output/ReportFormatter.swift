import Foundation

/// Pure functions from a `Report` to text, markdown, JSON or HTML.
public enum ReportFormatter {
    public static func render(_ r: Report, as format: OutputFormat, bars: Bool = true) -> String {
        switch format {
        case .json: return JSONWriter.prettyString(json(r)) + "\n"
        case .markdown: return markdown(r)
        case .html: return html(r)
        // one CSV holds one table: the report's concentration, one row per ranked firm and aggregate
        case .csv, .tsv: return TableFormatter.render(ConcentrationFormatter.table(r.concentration), as: format)
        default: return text(r, bars: bars)
        }
    }

    /// Columns a person reads in the report; machine formats keep them all.
    static let dealColumns = ["date", "title", "parties", "value", "currency", "qualifier", "status", "source", "verification"]
    static let statColumns = ["metric", "date", "company", "segment", "value", "unit", "qualifier", "previous_year", "change", "source", "cited_by", "verification"]
    static let publishedColumns = ["metric", "measure", "date", "value", "unit", "qualifier", "source", "cited_by", "verification"]

    static func select(_ t: ResultTable, _ columns: [String]) -> ResultTable {
        var t = t
        // one readable "change" column: points for shares, percent otherwise
        if columns.contains("change"), let pct = t.columns.firstIndex(of: "change_pct"), let pts = t.columns.firstIndex(of: "change_points") {
            t.columns.append("change")
            t.rows = t.rows.map { row in
                if case .double(let d) = row[pts] { return row + [.text((d >= 0 ? "+" : "") + NumberText.fixed(d, 1) + " pts")] }
                if case .double(let d) = row[pct] { return row + [.text((d >= 0 ? "+" : "") + NumberText.fixed(d, 1) + " %")] }
                return row + [.null]
            }
        }
        let idx = columns.compactMap { t.columns.firstIndex(of: $0) }
        return ResultTable(columns: idx.map { t.columns[$0] }, rows: t.rows.map { row in idx.map { k in
            if case .double(let d) = row[k], t.columns[k] == "value" || t.columns[k] == "previous_year" { return .text(NumberText.human(d)) }
            return row[k]
        } })
    }

    /// Rows a person reads per metric in the statistics section; JSON has them all.
    static let rowsPerMetric = 25

    /// The statistics section for people: at most `rowsPerMetric` rows per metric, and a line
    /// for each metric cut saying how to list the rest.
    static func readableStatistics(_ r: Report) -> (ResultTable, [String]) {
        var t = select(r.statistics, statColumns)
        guard let m = t.columns.firstIndex(of: "metric") else { return (t, []) }
        var kept: [[Cell]] = []
        var cut: [(String, Int)] = []
        var seen: [String: Int] = [:]
        for row in t.rows {
            let metric = row[m].plain
            seen[metric, default: 0] += 1
            if seen[metric]! <= rowsPerMetric {
                kept.append(row)
            } else if cut.last?.0 == metric {
                cut[cut.count - 1].1 += 1
            } else {
                cut.append((metric, 1))
            }
        }
        t.rows = kept
        let periodOption = r.period.from == r.period.to ? "--period \(r.period.from)" : "--from \(r.period.from) --to \(r.period.to)"
        return (t, cut.map { "\($0.0): \($0.1) more (aitrack stats --metric \($0.0) \(periodOption))" })
    }

    static func totalsLines(_ r: Report) -> [String] {
        let t = r.dealTotals
        var lines = ["\(t.deals) deal\(t.deals == 1 ? "" : "s"); \(t.withValue) with a value in USD terms, together \(NumberText.human(t.usdTotal)) USD"
                     + (t.qualifiedCount > 0 ? " (\(t.qualifiedCount) of them stated as at least, at most or approximately)" : "")]
        let p = r.previousDealTotals
        lines.append("\(r.period.previousYear): \(p.deals) deal\(p.deals == 1 ? "" : "s"), together \(NumberText.human(p.usdTotal)) USD"
                     + (p.usdTotal > 0 ? " (change \(t.usdTotal >= p.usdTotal ? "+" : "")\(NumberText.fixed((t.usdTotal - p.usdTotal) / p.usdTotal * 100, 1)) %)" : ""))
        for w in t.withoutRate { lines.append("left out of the USD total, no exchange rate on or before its date: \(w)") }
        for c in t.contradicted { lines.append("left out of the USD total, contradicted by its sources: \(c)") }
        return lines
    }

    static func changeLine(_ c: ConcentrationResult, _ p: ConcentrationResult?) -> String? {
        guard let p, c.hhiLow != nil, p.hhiLow != nil else { return nil }
        var parts: [String] = []
        if let now = c.topShare5, let then = p.topShare5 {
            parts.append("CR5 \(NumberText.fixed(then, 2)) % → \(NumberText.fixed(now, 2)) % (\(now - then >= 0 ? "+" : "")\(NumberText.fixed(now - then, 2)) points)")
        }
        if let lo = c.hhiLow, let plo = p.hhiLow {
            parts.append("HHI low \(NumberText.grouped(plo.rounded())) → \(NumberText.grouped(lo.rounded()))")
        }
        if c.unit != Units.percent, let t = c.total, let pt = p.total, pt > 0 {
            parts.append("total \(NumberText.human(pt.rounded())) → \(NumberText.human(t.rounded())) \(c.unit) (\(t >= pt ? "+" : "")\(NumberText.fixed((t - pt) / pt * 100, 1)) %)")
        }
        return parts.isEmpty ? nil : "change against \(p.period): " + parts.joined(separator: "; ")
    }

    public static func text(_ r: Report, bars: Bool = true) -> String {
        var out = "aitrack report · \(r.period) (\(r.period.fromISO) to \(r.period.toISO))\n\n"
        func section(_ title: String, _ body: String) {
            out += "== \(title) ==\n" + body + (body.hasSuffix("\n") ? "" : "\n") + "\n"
        }
        var conc = ""
        for c in r.concentration {
            conc += ConcentrationFormatter.text(c, bars: bars)
            if let line = changeLine(c, r.previous[c.metric]) { conc += "  \(line)\n" }
            conc += "\n"
        }
        section("Concentration", conc.isEmpty ? "no metric has company values in \(r.period)\n" : conc)
        section("Published concentration figures", TableFormatter.table(select(r.published, publishedColumns)))
        section("Deals", TableFormatter.table(select(r.deals, dealColumns)) + totalsLines(r).joined(separator: "\n") + "\n")
        section("Largest deals (USD)", TableFormatter.table(select(r.largestDeals, ["date", "title", "value_usd", "qualifier", "source"])))
        section("Alliances founded", TableFormatter.table(r.alliances))
        section("Memberships joined or left", TableFormatter.table(select(r.memberships, ["alliance", "company", "role", "date", "left", "source", "verification"])))
        let (stats, more) = readableStatistics(r)
        section("Statistics", TableFormatter.table(stats) + more.map { $0 + "\n" }.joined())
        return out
    }

    public static func markdown(_ r: Report) -> String {
        var out = "# aitrack report: \(r.period)\n\nPeriod \(r.period.fromISO) to \(r.period.toISO).\n\n"
        out += "## Concentration\n\n"
        if r.concentration.isEmpty { out += "No metric has company values in \(r.period).\n\n" }
        for c in r.concentration {
            out += "### \(c.metric) (\(c.unit))\n\n"
            if c.hhiLow == nil { out += "n/a: \(c.notes.last ?? "no data")\n\n"; continue }
            out += "Total \(NumberText.grouped(c.total ?? 0)) \(c.unit) (\(c.denominator)); named companies cover \(ConcentrationFormatter.pct(c.coverage)).\n\n"
            var t = ResultTable(columns: ["#", "company", "value", "share"])
            for (k, f) in c.firms.prefix(ConcentrationFormatter.shownFirms).enumerated() { t.rows.append([.int(Int64(k + 1)), .text(f.company), .double(f.value), .text(ConcentrationFormatter.pct(f.share))]) }
            if let more = ConcentrationFormatter.moreFirms(c) { t.rows.append([.null, .text(more.0), .double(more.1), .text(ConcentrationFormatter.pct(more.2))]) }
            for a in c.aggregates { t.rows.append([.null, .text("\(a.company) (aggregate)"), .double(a.value), .text(ConcentrationFormatter.pct(a.share))]) }
            out += TableFormatter.markdown(t) + "\n"
            out += "- CR5: \(ConcentrationFormatter.pct(c.topShare5))\n- HHI: \(ConcentrationFormatter.hhiText(c)) — "
                + Regime.allCases.map { "\($0.rawValue): \(c.bands[$0] ?? "n/a")" }.joined(separator: "; ") + "\n"
            for p in c.published { out += "- Published: " + ConcentrationFormatter.publishedLine(p, unit: c.unit) + "\n" }
            if let line = changeLine(c, r.previous[c.metric]) { out += "- \(line.prefix(1).uppercased() + line.dropFirst())\n" }
            for n in c.notes { out += "- Note: \(n)\n" }
            out += "- Sources: \(c.sources.joined(separator: "; "))\n\n"
        }
        out += "## Published concentration figures\n\n" + TableFormatter.markdown(select(r.published, publishedColumns)) + "\n"
        out += "## Deals\n\n" + TableFormatter.markdown(select(r.deals, dealColumns)) + "\n" + totalsLines(r).map { "- \($0)\n" }.joined() + "\n"
        out += "## Alliances founded\n\n" + TableFormatter.markdown(r.alliances) + "\n"
        out += "## Memberships joined or left\n\n" + TableFormatter.markdown(select(r.memberships, ["alliance", "company", "role", "date", "left", "source", "verification"])) + "\n"
        let (stats, more) = readableStatistics(r)
        out += "## Statistics\n\n" + TableFormatter.markdown(stats) + (more.isEmpty ? "" : "\n" + more.map { "- \($0)\n" }.joined())
        return out
    }

    public static func json(_ r: Report) -> JSONValue {
        let t = r.dealTotals
        return .object([
            ("period", .object([("from", .string(r.period.fromISO)), ("to", .string(r.period.toISO))])),
            ("concentration", .array(r.concentration.map(ConcentrationFormatter.json))),
            ("previous_year", .array(r.concentration.compactMap { r.previous[$0.metric].map(ConcentrationFormatter.json) })),
            ("published", r.published.jsonRows),
            ("deals", r.deals.jsonRows),
            ("deal_totals", .object([("deals", .num(t.deals)), ("with_usd_value", .num(t.withValue)), ("usd_total", .num(t.usdTotal)),
                                     ("qualified", .num(t.qualifiedCount)), ("without_rate", .array(t.withoutRate.map(JSONValue.string))),
                                     ("contradicted", .array(t.contradicted.map(JSONValue.string))),
                                     ("previous_year_usd_total", .num(r.previousDealTotals.usdTotal)),
                                     ("previous_year_deals", .num(r.previousDealTotals.deals))])),
            ("largest_deals", r.largestDeals.jsonRows),
            ("alliances", r.alliances.jsonRows),
            ("memberships", r.memberships.jsonRows),
            ("statistics", r.statistics.jsonRows),
        ])
    }

    public static func html(_ r: Report) -> String {
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
                .replacingOccurrences(of: "\"", with: "&quot;")
        }
        func table(_ t: ResultTable) -> String {
            if t.rows.isEmpty { return "<p>(none)</p>\n" }
            var s = "<table>\n<thead><tr>" + t.columns.map { "<th>\(esc($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for row in t.rows {
                s += "<tr>" + row.map { "<td\($0.isNumber ? " class=\"num\"" : "")>\(esc($0.human))</td>" }.joined() + "</tr>\n"
            }
            return s + "</tbody>\n</table>\n"
        }
        var out = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>aitrack report \(esc(r.period.description))</title>
            <style>body{font-family:system-ui,sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse;margin:1em 0}\
            td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}</style>
            </head><body>
            <h1>aitrack report: \(esc(r.period.description))</h1>
            <p>Period \(r.period.fromISO) to \(r.period.toISO).</p>
            <h2>Concentration</h2>

            """
        for c in r.concentration {
            out += "<h3>\(esc(c.metric)) (\(esc(c.unit)))</h3>\n"
            if c.hhiLow == nil { out += "<p>n/a: \(esc(c.notes.last ?? "no data"))</p>\n"; continue }
            out += "<p>Total \(esc(NumberText.grouped(c.total ?? 0))) \(esc(c.unit)) (\(esc(c.denominator))); named companies cover \(esc(ConcentrationFormatter.pct(c.coverage))). "
            out += "CR5 \(esc(ConcentrationFormatter.pct(c.topShare5))); HHI \(esc(ConcentrationFormatter.hhiText(c))) — "
            out += esc(Regime.allCases.map { "\($0.rawValue): \(c.bands[$0] ?? "n/a")" }.joined(separator: "; ")) + ".</p>\n"
            var t = ResultTable(columns: ["#", "company", "value", "share %"])
            for (k, f) in c.firms.prefix(ConcentrationFormatter.shownFirms).enumerated() { t.rows.append([.int(Int64(k + 1)), .text(f.company), .double(f.value), .text(NumberText.fixed(f.share, 2))]) }
            if let more = ConcentrationFormatter.moreFirms(c) { t.rows.append([.null, .text(more.0), .double(more.1), .text(NumberText.fixed(more.2, 2))]) }
            for a in c.aggregates { t.rows.append([.null, .text("\(a.company) (aggregate)"), .double(a.value), .text(NumberText.fixed(a.share, 2))]) }
            out += table(t)
            if !c.published.isEmpty {
                out += "<ul>\n" + c.published.map { "<li>Published: \(esc(ConcentrationFormatter.publishedLine($0, unit: c.unit)))</li>\n" }.joined() + "</ul>\n"
            }
            if let line = changeLine(c, r.previous[c.metric]) { out += "<p>\(esc(line))</p>\n" }
        }
        out += "<h2>Published concentration figures</h2>\n" + table(select(r.published, publishedColumns))
        out += "<h2>Deals</h2>\n" + table(select(r.deals, dealColumns)) + totalsLines(r).map { "<p>\(esc($0))</p>\n" }.joined()
        out += "<h2>Alliances founded</h2>\n" + table(r.alliances)
        out += "<h2>Memberships joined or left</h2>\n" + table(select(r.memberships, ["alliance", "company", "role", "date", "left", "source", "verification"]))
        let (stats, more) = readableStatistics(r)
        out += "<h2>Statistics</h2>\n" + table(stats) + more.map { "<p>\(esc($0))</p>\n" }.joined()
        return out + "</body></html>\n"
    }
}
