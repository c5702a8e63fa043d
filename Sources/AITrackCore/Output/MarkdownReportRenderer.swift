/// The report as Markdown: a heading per metric with its ranked firms, then each section.
public struct MarkdownReportRenderer: ReportRenderer {
    public var more: (String, Int, Period) -> String

    public func render(_ r: Report) -> String {
        var out = "# aitrack report: \(r.periodLabel)\n\nPeriod \(r.period.fromISO) to \(r.period.toISO)\(r.inProgressNote).\n\n"
        out += "## Concentration\(r.toDateSuffix)\n\n"
        if r.concentration.isEmpty { out += "No metric has company values in \(r.period).\n\n" }
        if r.concentration.count > 1 { out += TableFormatter.markdown(r.concentrationSummary) + "\n" }
        for e in r.concentration {
            let c = e.result
            out += "### \(c.metric) (\(c.unit))\n\n"
            if c.hhiLow == nil { out += "n/a: \(c.notes.last ?? "no data")\n\n"; continue }
            out += "T" + ConcentrationFormatter.totalLine(c).dropFirst() + ".\n\n"
            out += TableFormatter.markdown(ConcentrationFormatter.firmTable(c)) + "\n"
            out += "- CR5: \(IntervalFormatter.crText(c, 5))\n- HHI: \(IntervalFormatter.hhiText(c)) — "
                + Regime.allCases.map { "\($0.rawValue): \(c.bands[$0] ?? "n/a")" }.joined(separator: "; ") + "\n"
            for line in IntervalFormatter.lines(c) { out += "- \(line.prefix(1).uppercased() + line.dropFirst())\n" }
            for p in c.published { out += "- Published: " + ConcentrationFormatter.publishedLine(p, unit: c.unit) + "\n" }
            if let line = e.trendLine { out += "- \(line.prefix(1).uppercased() + line.dropFirst())\n" }
            if let line = e.changeLine { out += "- \(line.prefix(1).uppercased() + line.dropFirst())\n" }
            for n in c.notes { out += "- Note: \(n)\n" }
            out += "- Sources: \(c.sources.joined(separator: "; "))\n\n"
        }
        for s in r.sections(more: more) {
            out += "## \(s.title)\n\n" + TableFormatter.markdown(s.table)
                + (s.lines.isEmpty ? "" : "\n" + s.lines.map { "- \($0)\n" }.joined()) + "\n"
        }
        return out
    }
}
