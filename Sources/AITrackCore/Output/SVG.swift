import Foundation

/// Draws the shapes of `Charts` as SVG. Every text passes through `HTML.escape`; sizes come from
/// a viewBox, so a chart scales to its container (a phone, a printed page).
public enum SVG {
    /// Okabe–Ito colours, told apart with the common colour-vision deficiencies; every kind also
    /// has a label or a pattern, so colour is never the only signal.
    static let fill: [Charts.BarKind: String] = [.top5: "#0072B2", .ranked: "#56B4E9", .aggregate: "#E69F00", .tail: "url(#tail)"]
    static let labelWidth = 250.0

    static func open(_ width: Double, _ height: Double, title: String, desc: String, standalone: Bool) -> String {
        (standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : "")
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"100%\" role=\"img\" "
            + "style=\"max-width:\(n(width))px;font-family:system-ui,sans-serif;font-size:12px\">\n"
            + "<title>\(HTML.escape(title))</title>\n<desc>\(HTML.escape(desc))</desc>\n"
            + "<defs><pattern id=\"tail\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            + "<rect width=\"6\" height=\"6\" fill=\"#f2f2f2\"/>"
            + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#777\" stroke-width=\"2\"/></pattern></defs>\n"
    }

    static func n(_ v: Double) -> String { NumberText.fixed(v, 1) }

    /// The share bars of one metric and period.
    public static func shareChart(_ r: ConcentrationResult, standalone: Bool = false) -> String {
        let bars = Charts.shareBars(r)
        let height = (bars.last.map { $0.y + $0.height } ?? 0) + 30
        let width = labelWidth + 420 + 80
        let desc = "Shares of \(r.metric) in \(r.period): " + bars.map { "\($0.label) \($0.valueLabel)" }.joined(separator: "; ")
            + ". CR5 \(IntervalFormatter.crText(r, 5)); HHI \(IntervalFormatter.hhiText(r))."
        var s = open(width, height, title: "\(r.metric), \(r.period): shares of the total", desc: desc, standalone: standalone)
        for b in bars {
            let y = b.y + 4
            s += "<g class=\"bar \(b.kind.rawValue)\"><text x=\"\(n(labelWidth - 6))\" y=\"\(n(y + b.height * 0.72))\" text-anchor=\"end\">"
                + HTML.escape(b.label) + "</text>"
            s += "<rect x=\"\(n(labelWidth))\" y=\"\(n(y))\" width=\"\(n(max(b.width, 1)))\" height=\"\(n(b.height))\" fill=\"\(fill[b.kind]!)\""
                + (b.kind == .aggregate ? " stroke=\"#000\" stroke-dasharray=\"3 2\"" : "") + "/>"
            if let i = b.interval {
                // the 90 % interval as a whisker across the bar's end, its ends ticked
                let (a, z) = (labelWidth + i.lowerBound, labelWidth + i.upperBound)
                s += "<path class=\"interval\" d=\"M\(n(a)),\(n(y + b.height / 2))H\(n(z))M\(n(a)),\(n(y + 3))V\(n(y + b.height - 3))"
                    + "M\(n(z)),\(n(y + 3))V\(n(y + b.height - 3))\" stroke=\"#000\" stroke-width=\"1.5\" fill=\"none\"/>"
            }
            let right = max(b.width, b.interval?.upperBound ?? 0)
            s += "<text x=\"\(n(labelWidth + right + 6))\" y=\"\(n(y + b.height * 0.72))\">\(HTML.escape(b.valueLabel))</text></g>\n"
        }
        s += "<text x=\"\(n(labelWidth))\" y=\"\(n(height - 6))\" fill=\"#444\">"
            + "Top five in dark blue; aggregates dashed, not ranked; the unknown rest hatched"
            + (r.intervals == nil ? "" : "; black whiskers: 90 % intervals") + ".</text>\n"
        return s + "</svg>\n"
    }

    /// CR5 (or CR3) and the HHI range over the periods, with the 2023 US thresholds.
    public static func trendChart(_ series: [ConcentrationResult], metric: String, standalone: Bool = false) -> String {
        let t = Charts.trend(series)
        let (left, top) = (50.0, 20.0)
        let width = t.width + left + 60, height = t.height + top + 50
        let desc = "\(metric): " + series.map { "\($0.period) CR5 \(IntervalFormatter.crText($0, 5)), "
                                                + "CR3 \(ConcentrationFormatter.crText($0, 3)), HHI \(ConcentrationFormatter.hhiText($0))" }
            .joined(separator: "; ")
        var s = open(width, height, title: "\(metric): concentration over time", desc: desc, standalone: standalone)
        s += "<g transform=\"translate(\(n(left)),\(n(top)))\">\n"
        s += "<rect width=\"\(n(t.width))\" height=\"\(n(t.height))\" fill=\"none\" stroke=\"#999\"/>\n"
        for th in t.thresholds {
            s += "<line x1=\"0\" x2=\"\(n(t.width))\" y1=\"\(n(th.y))\" y2=\"\(n(th.y))\" stroke=\"#D55E00\" stroke-dasharray=\"6 3\"/>"
                + "<text x=\"\(n(t.width - 4))\" y=\"\(n(th.y - 3))\" text-anchor=\"end\" fill=\"#D55E00\">\(HTML.escape(th.text))</text>\n"
        }
        if t.hhiBand.count > 2 {
            s += "<polygon class=\"hhi\" points=\"" + t.hhiBand.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
                + "\" fill=\"#009E73\" fill-opacity=\"0.3\" stroke=\"#009E73\"/>\n"
        }
        if t.cr5Band.count > 2 {
            s += "<polygon class=\"cr5-interval\" points=\"" + t.cr5Band.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
                + "\" fill=\"#0072B2\" fill-opacity=\"0.2\" stroke=\"none\"/>\n"
        }
        if !t.cr5.isEmpty {
            s += "<polyline class=\"cr5\" points=\"" + t.cr5.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
                + "\" fill=\"none\" stroke=\"#0072B2\" stroke-width=\"2\"/>\n"
            for p in t.cr5 { s += "<circle cx=\"\(n(p.x))\" cy=\"\(n(p.y))\" r=\"3\" fill=\"#0072B2\"/>" }
            s += "\n"
        }
        let step = max(1, t.labels.count / 8)
        for (k, l) in t.labels.enumerated() where k % step == 0 {
            s += "<text x=\"\(n(l.x))\" y=\"\(n(t.height + 16))\" text-anchor=\"middle\">\(HTML.escape(l.text))</text>"
        }
        s += "\n<text x=\"-6\" y=\"10\" text-anchor=\"end\">100 %</text><text x=\"-6\" y=\"\(n(t.height))\" text-anchor=\"end\">0</text>"
        s += "<text x=\"\(n(t.width + 6))\" y=\"10\">\(NumberText.grouped(t.hhiTop))</text>\n</g>\n"
        s += "<text x=\"\(n(left))\" y=\"\(n(height - 6))\" fill=\"#444\">"
            + "Blue line: CR5 (CR3 where fewer firms), left scale\(t.cr5Band.isEmpty ? "" : ", its 90 % interval shaded")"
            + "; green band: HHI range, right scale.</text>\n"
        return s + "</svg>\n"
    }

    /// The year's deals on a line; area by USD value; superseded hollow, contradicted crossed.
    public static func timeline(_ deals: [DealRow], period: Period) -> String {
        let marks = Charts.timeline(deals, period: period)
        let (left, width, height) = (20.0, 560.0, 110.0)
        let desc = "Deals of \(period): " + deals.map { "\($0.date) \($0.title) \($0.valueUSD.map { NumberText.human($0) + " USD" } ?? "no value")" }
            .joined(separator: "; ")
        var s = open(width + 2 * left, height, title: "Deals of \(period) by date, sized by USD value", desc: desc, standalone: false)
        s += "<g transform=\"translate(\(n(left)),50)\"><line x1=\"0\" x2=\"\(n(width))\" y1=\"0\" y2=\"0\" stroke=\"#999\"/>\n"
        for m in marks {
            let style: String
            switch m.status {
            case "superseded", "cancelled", "rumored": style = "fill=\"none\" stroke=\"#555\" stroke-dasharray=\"3 2\""
            case "contradicted": style = "fill=\"#CC79A7\" fill-opacity=\"0.5\" stroke=\"#000\""
            default: style = "fill=\"#0072B2\" fill-opacity=\"0.45\" stroke=\"#0072B2\""
            }
            s += "<circle class=\"deal \(m.status)\" cx=\"\(n(m.x))\" cy=\"0\" r=\"\(n(m.r))\" \(style)>"
                + "<title>\(HTML.escape(m.title + " (" + m.status + ")"))</title></circle>"
            if m.status == "contradicted" {
                s += "<text x=\"\(n(m.x))\" y=\"4\" text-anchor=\"middle\" font-weight=\"bold\">✗</text>"
            }
            s += "\n"
        }
        s += "<text x=\"0\" y=\"45\">1 Jan</text><text x=\"\(n(width))\" y=\"45\" text-anchor=\"end\">31 Dec</text></g>\n"
        s += "<text x=\"\(n(left))\" y=\"\(n(height - 4))\" fill=\"#444\">"
            + "Filled: counted; hollow dashed: superseded, cancelled or rumoured (not counted); ✗: contradicted (not counted).</text>\n"
        return s + "</svg>\n"
    }
}
