/// The report as one self-contained HTML page: inline CSS and SVG, no script (the claims'
/// ClaimReview data is JSON-LD, which no browser runs), no font or image fetched. The year's
/// headline, a share chart and a trend chart per metric, the deals on a timeline, every figure
/// footnoted to its sources. Every text from the database passes through
/// `HTML.escape`; only http(s) links are links.
public struct HTMLReportRenderer: ReportRenderer {
    public var more: (String, Int, Period) -> String

    static let style = """
        body{font-family:system-ui,sans-serif;margin:1.5em auto;max-width:60em;padding:0 1em;color:#111;line-height:1.4}
        table{border-collapse:collapse;margin:1em 0;font-size:.9em;display:block;overflow-x:auto}
        td,th{border:1px solid #ccc;padding:.2em .45em;text-align:left;vertical-align:top}td.num{text-align:right;font-variant-numeric:tabular-nums}
        figure{margin:1em 0;break-inside:avoid;page-break-inside:avoid}figcaption{font-size:.85em;color:#333}
        .headline{border:2px solid #0072B2;padding:.5em 1em;margin:1em 0}.headline li{margin:.3em 0}
        .contradicted{border-left:4px dashed #CC79A7;padding-left:.4em}.verdict{font-weight:bold}
        sup a{text-decoration:none}.notes{font-size:.85em}
        @media print{@page{size:A4;margin:14mm}body{max-width:none;margin:0}a{color:#111}h2{break-after:avoid}}
        @media (max-width:600px){body{padding:0 .4em}table{font-size:.8em}}
        """

    /// Footnotes: each source once, numbered in order of use.
    final class Notes {
        var list: [(String, String?, String)] = []
        func ref(_ name: String, url: String?, verification: String = "") -> String {
            let k = (list.firstIndex { $0.0 == name && $0.2 == verification }
                ?? { list.append((name, url, verification)); return list.count - 1 }()) + 1
            return "<sup><a href=\"#n\(k)\">[\(k)]</a></sup>"
        }
    }

    public func render(_ r: Report) -> String {
        let notes = Notes()
        var out = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
            <title>aitrack report \(HTML.escape(r.periodLabel))</title>
            <style>\(Self.style)</style>
            \(r.claims.isEmpty ? "" : ClaimReview.scriptElement(r.claims))</head><body>
            <h1>aitrack report: \(HTML.escape(r.periodLabel))</h1>
            <p>Period \(r.period.fromISO) to \(r.period.toISO)\(HTML.escape(r.inProgressNote)).</p>

            """
        out += headline(r, notes)
        out += "<h2>Concentration\(HTML.escape(r.toDateSuffix))</h2>\n"
        if r.concentration.count > 1 { out += HTML.table(r.concentrationSummary) }
        for e in r.concentration { out += metric(e, r, notes) }
        out += "<h2>Deals</h2>\n<figure>" + SVG.timeline(r.deals, period: r.period)
            + "<figcaption>The year's deals by date; a circle's area is the deal's USD value.</figcaption></figure>\n"
        for s in r.sections(more: more) {
            out += (s.title == "Deals" ? "" : "<h2>\(HTML.escape(s.title))</h2>\n") + HTML.table(s.table)
                + s.lines.map { "<p>\(HTML.escape($0))</p>\n" }.joined()
        }
        out += "<h2>Sources</h2>\n<ol class=\"notes\">\n"
        for (k, n) in notes.list.enumerated() {
            let via = r.sourceVia[n.0].map { ", read at " + HTML.link($0.name, $0.url) } ?? ""
            out += "<li id=\"n\(k + 1)\">\(HTML.link(n.0, n.1))\(via)\(n.2.isEmpty ? "" : " [\(HTML.escape(n.2))]")</li>\n"
        }
        return out + "</ol>\n</body></html>\n"
    }

    /// Each metric's CR5 and HHI range with its band, and the published claims beside them.
    func headline(_ r: Report, _ notes: Notes) -> String {
        guard !r.concentration.isEmpty else { return "" }
        var s = "<section class=\"headline\"><h2>The year in figures</h2><ul>\n"
        for e in r.concentration.prefix(6) {
            let c = e.result
            guard c.hhiLow != nil else {
                s += "<li><b>\(HTML.escape(c.metric))</b>: n/a: \(HTML.escape(c.notes.last ?? "no data"))</li>\n"
                continue
            }
            s += "<li><b>\(HTML.escape(c.metric))</b>: CR5 \(HTML.escape(IntervalFormatter.crText(c, 5))), "
                + "HHI \(HTML.escape(IntervalFormatter.hhiText(c))) (\(HTML.escape(c.bands[.us2023] ?? "n/a")), US 2023 guidelines"
                + (c.intervals.map { "; " + HTML.escape(IntervalFormatter.bandLine($0, .us2023)) } ?? "") + ")"
            for p in c.published {
                let doubted = p.verification == .contradicted || p.verification == .disputed
                s += "<div\(doubted ? " class=\"contradicted\"" : "")>"
                    + "Published: \(HTML.escape(ConcentrationFormatter.publishedLine(p, unit: c.unit)))"
                    + (doubted ? " <span class=\"verdict\">✗ \(p.verification.rawValue): the sources do not support this claim</span>" : "")
                    + notes.ref(p.source, url: r.sourceURLs[p.source], verification: p.verification.rawValue) + "</div>"
            }
            s += "</li>\n"
        }
        if let line = r.combinationLine { s += "<li><b>What if</b>: \(HTML.escape(line))</li>\n" }
        return s + "</ul></section>\n"
    }

    func metric(_ e: ConcentrationEntry, _ r: Report, _ notes: Notes) -> String {
        let c = e.result
        var out = "<h3>\(HTML.escape(c.metric)) (\(HTML.escape(c.unit)))</h3>\n"
        if c.hhiLow == nil { return out + "<p>n/a: \(HTML.escape(c.notes.last ?? "no data"))</p>\n" }
        let refs = c.sources.map { notes.ref($0, url: r.sourceURLs[$0]) }.joined()
        out += "<p>\(HTML.escape("T" + ConcentrationFormatter.totalLine(c).dropFirst())). CR5 \(HTML.escape(IntervalFormatter.crText(c, 5))); "
        out += "HHI \(HTML.escape(IntervalFormatter.hhiText(c))) — "
        out += HTML.escape(Regime.allCases.map { "\($0.rawValue): \(c.bands[$0] ?? "n/a")" }.joined(separator: "; ")) + ".\(refs)</p>\n"
        for line in IntervalFormatter.lines(c) { out += "<p>\(HTML.escape(line.prefix(1).uppercased() + line.dropFirst())).</p>\n" }
        out += "<figure>" + SVG.shareChart(c) + "<figcaption>Shares in \(HTML.escape(c.period.description))\(refs).</figcaption></figure>\n"
        if e.history.count > 1 {
            out += "<figure>" + SVG.trendChart(e.history, metric: c.metric) + "<figcaption>\(HTML.escape(c.metric)) over every "
                + (e.quarters.isEmpty ? "year" : "quarter") + " the database holds.</figcaption></figure>\n"
        }
        out += HTML.table(ConcentrationFormatter.firmTable(c))
        for p in c.published {
            out += "<p\(p.verification == .contradicted ? " class=\"contradicted\"" : "")>"
                + "Published: \(HTML.escape(ConcentrationFormatter.publishedLine(p, unit: c.unit)))"
                + notes.ref(p.source, url: r.sourceURLs[p.source], verification: p.verification.rawValue) + "</p>\n"
        }
        for line in [e.trendLine, e.changeLine].compactMap({ $0 }) { out += "<p>\(HTML.escape(line))</p>\n" }
        for n in c.notes { out += "<p>Note: \(HTML.escape(n))</p>\n" }
        return out
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

    /// A link when the URL is http(s), the name alone otherwise (no `javascript:` can slip in).
    static func link(_ name: String, _ url: String?) -> String {
        guard let url, url.hasPrefix("https://") || url.hasPrefix("http://") else { return escape(name) }
        return "<a href=\"\(escape(url))\">\(escape(name))</a>"
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
