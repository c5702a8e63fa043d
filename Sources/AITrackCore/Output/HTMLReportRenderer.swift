/// The report as one self-contained HTML page (inline CSS; nothing fetched). Every text from
/// the database passes through `HTML.escape`.
public struct HTMLReportRenderer: ReportRenderer {
    public var more: (String, Int, Period) -> String

    public func render(_ r: Report) -> String {
        var out = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>aitrack report \(HTML.escape(r.period.description))</title>
            <style>body{font-family:system-ui,sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse;margin:1em 0}\
            td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}</style>
            </head><body>
            <h1>aitrack report: \(HTML.escape(r.period.description))</h1>
            <p>Period \(r.period.fromISO) to \(r.period.toISO).</p>
            <h2>Concentration</h2>

            """
        if r.concentration.count > 1 { out += HTML.table(r.concentrationSummary) }
        for e in r.concentration {
            let c = e.result
            out += "<h3>\(HTML.escape(c.metric)) (\(HTML.escape(c.unit)))</h3>\n"
            if c.hhiLow == nil { out += "<p>n/a: \(HTML.escape(c.notes.last ?? "no data"))</p>\n"; continue }
            out += "<p>\(HTML.escape("T" + ConcentrationFormatter.totalLine(c).dropFirst())). CR5 \(HTML.escape(ConcentrationFormatter.pct(c.topShare5))); "
            out += "HHI \(HTML.escape(ConcentrationFormatter.hhiText(c))) — "
            out += HTML.escape(Regime.allCases.map { "\($0.rawValue): \(c.bands[$0] ?? "n/a")" }.joined(separator: "; ")) + ".</p>\n"
            out += HTML.table(ConcentrationFormatter.firmTable(c))
            if !c.published.isEmpty {
                out += "<ul>\n" + c.published.map { "<li>Published: \(HTML.escape(ConcentrationFormatter.publishedLine($0, unit: c.unit)))</li>\n" }.joined() + "</ul>\n"
            }
            if let line = e.trendLine { out += "<p>\(HTML.escape(line))</p>\n" }
            if let line = e.changeLine { out += "<p>\(HTML.escape(line))</p>\n" }
        }
        for s in r.sections(more: more) {
            out += "<h2>\(HTML.escape(s.title))</h2>\n" + HTML.table(s.table) + s.lines.map { "<p>\(HTML.escape($0))</p>\n" }.joined()
        }
        return out + "</body></html>\n"
    }
}

/// The one escaping layer every HTML text passes through.
public enum HTML {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    static func table(_ t: ResultTable) -> String {
        if t.rows.isEmpty { return "<p>(none)</p>\n" }
        var s = "<table>\n<thead><tr>" + t.columns.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in t.rows {
            s += "<tr>" + row.map { "<td\($0.isNumber ? " class=\"num\"" : "")>\(escape($0.human))</td>" }.joined() + "</tr>\n"
        }
        return s + "</tbody>\n</table>\n"
    }
}
