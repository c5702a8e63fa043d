import Foundation
import GRDB
import Testing
@testable import AITrackCore

/// Every renderer on values the schema accepts (issue 27, defects 1 to 3): generated databases
/// of negative, zero, tiny, huge and ordinary values, in every unit with a meaning, rendered in
/// every format. Nothing may crash (a crash ends the test run), no output may say `inf` or
/// `nan`, every JSON output must parse with a strict parser, and no unit of change gets a share.
@Suite struct ReportRendererTests {
    /// Values a value column may hold: the edges first, then any magnitude from 1e-320 to the largest Double.
    static func magnitude(_ g: inout SeededGenerator) -> Double {
        let edges: [Double] = [0, Double.leastNonzeroMagnitude, 1e-300, 1e-9, 0.5, 1, 99.99, 100, 1e6, 1e15, 9.99e17, 1e18, 1e300,
                               .greatestFiniteMagnitude, .greatestFiniteMagnitude / 2, 8.988465674311579e307]
        if Bool.random(using: &g) { return edges.randomElement(using: &g)! }
        return pow(10, Double.random(in: -320...308, using: &g)).clamped(to: 0...Double.greatestFiniteMagnitude)
    }

    /// One value the schema's CHECKs accept for a statistic in `unit`.
    static func value(unit: String, _ g: inout SeededGenerator) -> Double {
        switch unit {
        case Units.percent: return [0, 100, 1e-300, 50, 99.999].randomElement(using: &g)! * (Bool.random(using: &g) ? 1 : Double.random(in: 0...1, using: &g))
        case Units.percentChange: return magnitude(&g) * (Bool.random(using: &g) ? -1 : 1)
        default: return magnitude(&g)
        }
    }

    static let units = ["usd", "H100e", Units.percent, Units.percentChange, Units.points]

    /// A database of `round`'s values: entries ingested with placeholder values, then their
    /// values set as another program would (with the CHECKs on: only what the schema accepts).
    static func database(round: UInt64) throws -> AppDatabase {
        var g = SeededGenerator(seed: round)  // a failing round is found again by its number
        let db = try AppDatabase.inMemory(seed: false)
        var lines: [String] = [#"{"type":"fx","currency":"EUR","date":"2024-01-01","usd":1.1,"source":"FX"}"#]
        for m in 0..<3 {
            let unit = Self.units.randomElement(using: &g)!
            for c in 0..<Int.random(in: 1...6, using: &g) {
                for year in [2024, 2025] {
                    let company = Int.random(in: 0...4, using: &g) == 0 ? "" : #","company":"Firm \#(c)""#
                    lines.append(#"{"type":"statistic","metric":"m\#(m)","date":"\#(year)","value":1,"unit":"\#(unit)","source":"S\#(c % 2)"\#(company)}"#)
                }
            }
            if Bool.random(using: &g) {
                lines.append(#"{"type":"statistic","metric":"m\#(m)","measure":"cr5","date":"2025","value":50,"unit":"percent","source":"P"}"#)
                lines.append(#"{"type":"statistic","metric":"m\#(m)","measure":"hhi","date":"2025","value":1000,"unit":"points","source":"P"}"#)
            }
        }
        for d in 0..<Int.random(in: 0...5, using: &g) {
            let currency = Bool.random(using: &g) ? "USD" : "EUR"
            lines.append(#"{"type":"deal","title":"Deal \#(d)","date":"\#(2024 + d % 2)-0\#(d % 9 + 1)","kind":"investment","value":1,"currency":"\#(currency)","parties":["Firm \#(d):investor","Firm \#(d + 1):investee"],"source":"D"}"#)
        }
        _ = try db.ingest([ndjson(lines.joined(separator: "\n") + "\n")], options: IngestOptions())
        try db.dbWriter.write { w in
            for row in try Row.fetchAll(w, sql: "SELECT id, unit, measure FROM statistics") {
                let measure: String = row["measure"], unit: String = row["unit"]
                let v = measure == "hhi" ? Double.random(in: 0...10_000, using: &g) : measure == "value" ? value(unit: unit, &g) : Double.random(in: 0...100, using: &g)
                try w.execute(sql: "UPDATE statistics SET value = ? WHERE id = ?", arguments: [v, row["id"] as Int64])
            }
            for id in try Int64.fetchAll(w, sql: "SELECT id FROM deals") {
                try w.execute(sql: "UPDATE deals SET value = ? WHERE id = ?", arguments: [magnitude(&g), id])
            }
            try w.execute(sql: "UPDATE fx_rates SET usd = ?", arguments: [max(magnitude(&g), 1e-300)])
        }
        return db
    }

    /// `inf`, `nan` or `infinity` as a word, in any case.
    static func sayNotANumber(_ s: String) -> Bool {
        s.range(of: #"(?i)(?<![a-z])(inf|infinity|nan)(?![a-z])"#, options: .regularExpression) != nil
    }

    static func strictJSON(_ s: String) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(s.utf8), options: [.fragmentsAllowed])) != nil
    }

    /// Outputs of `db`: the report in every format, with and without bars, and each metric's
    /// concentration in every format; a typed refusal (a value the checks would refuse) is an
    /// output too, never a crash.
    static func outputs(_ db: AppDatabase) throws -> [(String, String)] {
        var out: [(String, String)] = []
        for year in [2024, 2025] {
            let report: Report
            do { report = try db.report(.year(year), history: true) } catch let e as QueryProblem { out.append(("report error", "\(e)")); continue }
            for format in OutputFormat.allCases {
                for bars in [true, false] { out.append(("report \(format) bars \(bars)", ReportRenderers.renderer(for: format, bars: bars).render(report))) }
            }
            for m in 0..<3 {
                guard let r = try? db.concentration(metric: "m\(m)", period: .year(year)) else { continue }
                for format in OutputFormat.allCases { out.append(("concentration m\(m) \(format)", ConcentrationFormatter.render([r], as: format))) }
                out.append(("concentration series", ConcentrationFormatter.render([r, r], as: .svg, series: true)))
                if let unit = Optional(r.unit), unit == Units.percentChange {
                    #expect(r.firms.isEmpty && r.cr.isEmpty && r.hhiLow == nil && r.bands.isEmpty, "a change got shares: \(r)")
                }
                for f in r.firms { #expect(f.share.isFinite && f.share >= 0, "share \(f.share) of \(f.company)") }
            }
        }
        for table in [try db.statistics(), try db.deals(), try db.companies()] {
            for format in OutputFormat.allCases { out.append(("listing \(format)", TableFormatter.render(table, as: format))) }
        }
        return out
    }

    @Test(arguments: 0..<40)
    func generatedValuesRenderInEveryFormat(round: UInt64) throws {
        let db = try Self.database(round: round)
        let outputs = try Self.outputs(db)
        // every value is one the schema accepts: both years' reports render, none is refused
        #expect(outputs.filter { $0.0 == "report json bars true" }.count == 2, "\(outputs.filter { $0.0 == "report error" })")
        #expect(outputs.contains { $0.0.hasPrefix("concentration m") })
        for (name, text) in outputs {
            #expect(!Self.sayNotANumber(text), "round \(round), \(name): \(text.prefix(2000))")
            if name.hasSuffix(" json") || name.hasPrefix("report json") {
                #expect(Self.strictJSON(text), "round \(round), \(name) is not JSON: \(text.prefix(2000))")
            }
        }
    }

    /// The checker itself: it sees what it is there to see.
    @Test func theCheckersSeeWhatTheyLookFor() {
        #expect(Self.sayNotANumber("share: inf"))
        #expect(Self.sayNotANumber("\"share\": NaN,"))
        #expect(Self.sayNotANumber("change +inf.0 %"))
        #expect(Self.sayNotANumber("-Infinity"))
        #expect(!Self.sayNotANumber("information, financial, Nanjing"))
        #expect(!Self.strictJSON(#"{"share": inf}"#))
        #expect(!Self.strictJSON(#"{"share": NaN}"#))
        #expect(Self.strictJSON(#"{"share": 1e+306}"#))
    }

    /// The JSON report, its statistics turned into JSON a thousand at a time, is byte for byte
    /// the pretty-printed value of the whole report: with no statistics, a few, and more than a
    /// thousand (batches ending inside and at the end).
    @Test func jsonInBatchesIsThePrettyPrintedWhole() throws {
        let db = try AppDatabase.inMemory(seed: true)
        var lines: [String] = []
        for i in 0..<2500 {
            lines.append(#"{"type":"statistic","metric":"m_\#(i % 2)","date":"2024-\#(String(format: "%02d", i % 12 + 1))","company":"Firm \#(i)","value":\#(1000 + i),"unit":"H100e","source":"Bench"}"#)
        }
        _ = try db.ingest([ndjson(lines.joined(separator: "\n") + "\n")], options: IngestOptions())
        let renderer = JSONReportRenderer()
        for period in [Period.year(2024), .year(2025), .year(1990)] {
            let r = try db.report(period)
            #expect(renderer.render(r) == JSONWriter.prettyString(renderer.object(r, statistics: true)) + "\n", "\(period)")
        }
        #expect(try db.report(.year(2024)).statistics.count > 2000)
        #expect(try db.report(.year(1990)).statistics.isEmpty)
    }
}

extension Comparable {
    func clamped(to r: ClosedRange<Self>) -> Self { min(max(self, r.lowerBound), r.upperBound) }
}
