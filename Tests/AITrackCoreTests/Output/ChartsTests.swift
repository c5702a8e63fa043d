import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import AITrackCore

/// Chart geometry without a browser: values in, shapes out.
@Suite struct ChartsTests {
    static func result(_ shares: [Double], aggregates: [Double] = []) -> ConcentrationResult {
        var holdings = shares.enumerated().map { Holding(company: "F\($0.offset)", date: "2025-12-31", value: $0.element) }
        holdings += aggregates.enumerated().map { Holding(company: "Agg\($0.offset)", isAggregate: true, date: "2025-12-31", value: $0.element) }
        return ConcentrationCalculator.compute(metric: "m", unit: Units.percent, period: .year(2025), holdings: holdings)
    }

    @Test func shareBarsMarkTheTopFiveDrawAggregatesApartAndShowTheUnknownRest() {
        let bars = Charts.shareBars(Self.result([30, 20, 10, 8, 6, 4], aggregates: [12]), width: 300)
        #expect(bars.map(\.kind) == [.top5, .top5, .top5, .top5, .top5, .ranked, .aggregate, .tail])
        #expect(bars[0].width == 300)                 // the widest bar fills the width
        #expect(abs(bars[1].width - 200) < 1e-9)      // 20 / 30 of it
        #expect(bars.last!.valueLabel == "10.00 %")   // 100 − 90 named
        #expect(bars[6].label == "Agg0 (aggregate, not ranked)")
        #expect(zip(bars, bars.dropFirst()).allSatisfy { $0.y < $1.y })
        // everything named: no tail bar
        #expect(!Charts.shareBars(Self.result([60, 40])).contains { $0.kind == .tail })
    }

    @Test func theTrendPlotsCR5AndTheHHIBandWithTheThresholds() {
        let t = Charts.trend([Self.result([30, 20, 10, 8, 6]), Self.result([40, 20, 10, 8, 6])], width: 100, height: 100)
        #expect(t.cr5.map(\.x) == [0, 100])
        #expect(abs(t.cr5[0].y - (100 - 74)) < 1e-9 && abs(t.cr5[1].y - (100 - 84)) < 1e-9)
        #expect(t.hhiBand.count == 4)                 // low left to right, high back
        #expect(t.thresholds.count == 2 && t.thresholds[0].y > t.thresholds[1].y)
        #expect(t.hhiTop >= 2_500 && t.hhiTop <= 10_000)
    }

    /// A figure with intervals: each bar carries its share's 90 % interval on the same scale (the
    /// scale holds the farthest end), and the trend shades CR5's interval over the periods.
    @Test func intervalsWhiskerTheBarsAndBandTheCR5Line() throws {
        func withBounds(_ values: [Double], total: Double) -> ConcentrationResult {
            let h = values.enumerated().map { Holding(statisticID: Int64($0.offset + 1), company: "F\($0.offset)", date: "2025-12-31",
                                                      value: $0.element, low: $0.element * 0.5, high: $0.element * 2, qualifier: .estimate) }
            return ConcentrationCalculator.compute(metric: "m", unit: "H100e", period: .year(2025), holdings: h,
                                                   marketTotals: [MarketTotal(date: "2025-12-31", value: total)]).withIntervals(Simulation(draws: 500))
        }
        let r = withBounds([30, 20, 10, 8, 6, 4], total: 100)
        let i = try #require(r.intervals)
        let bars = Charts.shareBars(r, width: 300)
        let top = max(r.firms[0].share, i.firms.map(\.p95).max()!)
        for (k, f) in r.firms.enumerated() {
            let w = try #require(bars[k].interval)
            #expect(abs(w.lowerBound - 300 * i.firms[k].p5 / top) < 1e-9 && abs(w.upperBound - 300 * i.firms[k].p95 / top) < 1e-9)
            #expect(abs(bars[k].width - 300 * f.share / top) < 1e-9)
        }
        #expect(bars.last!.kind == .tail && bars.last!.interval == nil)
        #expect(Charts.shareBars(Self.result([30, 20, 10])).allSatisfy { $0.interval == nil })
        let t = Charts.trend([r, withBounds([40, 20, 10, 8, 6, 4], total: 100)], width: 100, height: 100)
        #expect(t.cr5Band.count == 4)
        #expect(t.cr5Band[0].y >= t.cr5[0].y && t.cr5Band[3].y <= t.cr5[0].y)   // below and above the line (y grows down)
        #expect(Charts.trend([Self.result([30, 20, 10, 8, 6]), Self.result([40, 20, 10, 8, 6])]).cr5Band.isEmpty)
        let svg = SVG.shareChart(r) + SVG.trendChart([r, r], metric: "m")
        #expect(svg.contains("class=\"interval\"") && svg.contains("class=\"cr5-interval\"") && svg.contains("90 % intervals"))
    }

    @Test func theTimelineSizesDealsByValueAndTellsTheirStatus() {
        func deal(_ date: String, _ usd: Double?, verification: String = "verified", superseded: Int64? = nil) -> DealRow {
            DealRow(rowID: 1, date: date, title: date, kind: "other", parties: [], value: usd, currency: "USD", qualifier: "exact", valueUSD: usd,
                    termMonths: nil, status: "signed", source: "S", sourceURL: nil, citedBy: nil, verification: verification, note: nil, key: nil,
                    supersededBy: superseded)
        }
        let marks = Charts.timeline([deal("2025-01-01", 100), deal("2025-12-31", 25), deal("2025-07", nil, verification: "contradicted"),
                                     deal("2025-06-30", 4, superseded: 9)], period: .year(2025), width: 365, maxRadius: 20, minRadius: 2)
        #expect(marks[0].x == 0 && marks[1].x == 365)   // 1 January at the left end, 31 December at the right
        #expect(marks[0].r == 20 && marks[1].r == 10)   // area ∝ value: a quarter of the value, half the radius
        #expect(marks.map(\.status) == ["counted", "counted", "contradicted", "superseded"])
        #expect(marks[2].r == 2)
    }

    /// Names, titles and notes from the database cannot break out of the markup.
    @Test func everyTextIsEscaped() throws {
        let db = try AppDatabase.inMemory()
        let evil = #"<script>alert('x')</script> & "quoted" 'single'"#
        let lines = [
            #"{"type":"metric","name":"m","unit":"percent","kind":"share","market":"\#(evil.replacingOccurrences(of: "\"", with: "\\\""))"}"#,
            #"{"type":"company","name":"\#(evil.replacingOccurrences(of: "\"", with: "\\\""))"}"#,
            #"{"type":"statistic","metric":"m","date":"2025","company":"\#(evil.replacingOccurrences(of: "\"", with: "\\\""))","value":60,"unit":"percent","source":"\#(evil.replacingOccurrences(of: "\"", with: "\\\""))","source_url":"javascript:alert(1)","note":"\#(evil.replacingOccurrences(of: "\"", with: "\\\""))"}"#,
            #"{"type":"statistic","metric":"m","date":"2025","company":"B","value":40,"unit":"percent","source":"S","source_url":"https://s.example/?a=1&b=\"2\""}"#,
            #"{"type":"statistic","metric":"m","measure":"cr1","date":"2025","value":60,"unit":"percent","source":"\#(evil.replacingOccurrences(of: "\"", with: "\\\""))","verification":"contradicted"}"#,
            #"{"type":"deal","date":"2025-05","kind":"other","title":"\#(evil.replacingOccurrences(of: "\"", with: "\\\""))","parties":["B:partner"],"value":5,"currency":"USD","source":"S"}"#,
        ].joined(separator: "\n") + "\n"
        _ = try db.ingest([input("evil.ndjson", lines)], options: IngestOptions())
        let html = HTMLReportRenderer(more: ReportRenderers.defaultMore).render(try db.report(.year(2025), history: true))
        #expect(!html.contains("<script"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"))
        #expect(html.contains(#"href="https://s.example/?a=1&amp;b=&quot;2&quot;""#))
        for tag in ["svg", "table", "figure", "section", "ol", "ul", "g"] {
            #expect(html.components(separatedBy: "<\(tag)").count - 1 == html.components(separatedBy: "</\(tag)>").count - 1, "<\(tag)> unbalanced")
        }
        // each SVG is well-formed XML
        let svgs = html.components(separatedBy: "<svg").dropFirst().map { "<svg" + $0.components(separatedBy: "</svg>")[0] + "</svg>" }
        #expect(svgs.count >= 2)
        for svg in svgs { #expect(XMLParser(data: Data(svg.utf8)).parse(), "\(svg.prefix(200))") }
    }
}
