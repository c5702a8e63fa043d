/// Renders a typed report in one output format: one type per format behind this protocol
/// (as periphery's `OutputFormatter`), so that a new format is one file.
public protocol ReportRenderer {
    func render(_ report: Report) -> String
    /// The same text handed to `sink` in pieces, in order (a renderer of a large report need
    /// not hold all of it at once); by default in one piece.
    func render(_ report: Report, to sink: (String) -> Void)
}

extension ReportRenderer {
    public func render(_ report: Report, to sink: (String) -> Void) { sink(render(report)) }
}

/// The renderers by format, and the words for statistics left out of the text formats.
public enum ReportRenderers {
    /// `width`: the terminal's, for the text report (nil: every line in full).
    public static func renderer(for format: OutputFormat, bars: Bool = true, width: Int? = nil,
                                more: @escaping (_ metric: String, _ count: Int, _ period: Period) -> String = defaultMore) -> any ReportRenderer {
        switch format {
        case .json: return JSONReportRenderer()
        case .markdown: return MarkdownReportRenderer(more: more)
        case .html: return HTMLReportRenderer(more: more)
        case .csv, .tsv: return CSVReportRenderer(separator: format == .tsv ? "\t" : ",")
        case .table, .nl, .svg: return TextReportRenderer(bars: bars, width: width, more: more)
        }
    }

    public static func defaultMore(_ metric: String, _ count: Int, _ period: Period) -> String {
        "\(metric): \(count) more in \(period)"
    }
}

/// The terminal report: the concentration sets with share bars, then each section as a table;
/// with `width`, no line is wider (tables fitted, bars shrunk, prose folded).
public struct TextReportRenderer: ReportRenderer {
    public var bars: Bool
    public var width: Int? = nil
    public var more: (String, Int, Period) -> String

    public func render(_ r: Report) -> String {
        var out = "aitrack report · \(r.periodLabel) (\(r.period.fromISO) to \(r.period.toISO))\n\n"
        func section(_ title: String, _ body: String) {
            out += "== \(title) ==\n" + body + (body.hasSuffix("\n") ? "" : "\n") + "\n"
        }
        var conc = r.concentration.count > 1 ? TableFormatter.table(r.concentrationSummary, width: width) + "\n" : ""
        for e in r.concentration {
            conc += ConcentrationFormatter.text(e.result, bars: bars, width: width)
            if let line = e.trendLine { conc += "  \(line)\n" }
            if let line = e.changeLine { conc += "  \(line)\n" }
            conc += "\n"
        }
        section("Concentration" + r.toDateSuffix, conc.isEmpty ? "no metric has company values in \(r.period)\n" : conc)
        for s in r.sections(more: more) {
            section(s.title, TableFormatter.table(s.table, width: width) + s.lines.map { $0 + "\n" }.joined())
        }
        return width.map { TableLayout.fold(out, width: $0) } ?? out
    }
}

/// The report as one JSON object: every row with every column.
public struct JSONReportRenderer: ReportRenderer {
    /// The report as one value; the statistics (the largest part) only when asked for.
    func object(_ r: Report, statistics: Bool) -> JSONValue {
        let t = r.dealTotals
        return .object([
            ("period", .object([("from", .string(r.period.fromISO)), ("to", .string(r.period.toISO)),
                                ("to_date_as_of", r.toDateAsOf.map(JSONValue.string) ?? .null)])),
            ("concentration", .array(r.concentration.map { ConcentrationFormatter.json($0.result) })),
            ("previous_year", .array(r.concentration.compactMap { $0.previous.map(ConcentrationFormatter.json) })),
            ("published", StatisticRow.table(r.published).jsonRows),
            ("deals", DealRow.table(r.deals).jsonRows),
            ("deal_totals", .object([("deals", .num(t.deals)), ("with_usd_value", .num(t.withValue)), ("usd_total", .num(t.usdTotal)),
                                     ("qualified", .num(t.qualifiedCount)), ("without_rate", .array(t.withoutRate.map(JSONValue.string))),
                                     ("contradicted", .array(t.contradicted.map(JSONValue.string))),
                                     ("superseded", .array(t.superseded.map(JSONValue.string))),
                                     ("cancelled", .array(t.cancelled.map { .object([("deal", .string($0.deal)), ("usd", .num($0.usd))]) })),
                                     ("cancelled_usd", .num(t.cancelledUSD)),
                                     ("rumored", .array(t.rumored.map { .object([("deal", .string($0.deal)), ("usd", .num($0.usd))]) })),
                                     ("rumored_usd", .num(t.rumoredUSD)),
                                     ("part_of", .array(t.partOf.map { .object([("deal", .string($0.deal)), ("usd", .num($0.usd))]) })),
                                     ("part_of_usd", .num(t.partOfUSD)),
                                     ("includes", .string(t.includesLine)),
                                     ("by_kind", .array(t.byKind.map { .object([("kind", .string($0.kind)), ("deals", .num($0.deals)),
                                                                                ("usd_total", .num($0.usd))]) })),
                                     ("previous_year_usd_total", .num(r.previousDealTotals.usdTotal)),
                                     ("previous_year_deals", .num(r.previousDealTotals.deals)),
                                     ("coverage_note", r.coverageNote.map(JSONValue.string) ?? .null)])),
            ("largest_deals", DealRow.table(r.largestDeals).jsonRows),
            ("combinations", ScreenFormatter.dealsTable(r.combinations).jsonRows),
            ("alliances", AllianceRow.table(r.alliances).jsonRows),
            ("memberships", MembershipRow.table(r.memberships).jsonRows),
        ] + (statistics ? [("statistics", StatisticRow.table(r.statistics, withChange: true).jsonRows)] : []))
    }

    public func render(_ r: Report) -> String {
        var all = ""
        render(r) { all += $0 }
        return all
    }

    public func render(_ r: Report, to sink: (String) -> Void) {
        // as JSONWriter.prettyString would print the object with "statistics" last, but the
        // statistics (every latest one: 80,000 at a million) turned into JSON and handed on a
        // thousand at a time: their table, value tree and text all at once took 300 MB
        guard case .object(let pairs) = object(r, statistics: false) else { return }
        var out = "{\n"
        for (key, value) in pairs {
            out += "  "
            JSONWriter.quote(key, into: &out)
            out += ": "
            JSONWriter.pretty(value, indent: 1, into: &out)
            out += ",\n"
        }
        out += "  \"statistics\": "
        if r.statistics.isEmpty {
            out += "[]"
        } else {
            out += "[\n"
            var done = 0
            while done < r.statistics.count {
                let batch = r.statistics[done..<min(done + 1000, r.statistics.count)]
                guard case .array(let rows) = StatisticRow.table(Array(batch), withChange: true).jsonRows else { break }
                for row in rows {
                    out += "    "
                    JSONWriter.pretty(row, indent: 2, into: &out)
                    done += 1
                    out += done < r.statistics.count ? ",\n" : "\n"
                }
                sink(out)   // a thousand statistics at a time: the whole text is never held
                out = ""
            }
            out += "  ]"
        }
        sink(out + "\n}\n")
    }
}

/// One CSV holds one table: the report's concentration, one row per ranked firm and aggregate.
public struct CSVReportRenderer: ReportRenderer {
    public var separator: Character

    public func render(_ r: Report) -> String {
        TableFormatter.delimited(ConcentrationFormatter.table(r.concentration.map(\.result)), separator: separator)
    }
}
