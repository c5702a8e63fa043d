import Foundation
import Testing
@testable import AITrackCore

/// The concentration text, JSON and bars on results no market gives, and on values near
/// Double's largest (issue 27, defects 1 and 2).
@Suite struct ConcentrationFormatterTests {
    func result(_ values: [Double], unit: String) -> ConcentrationResult {
        let h = values.enumerated().map { Holding(statisticID: Int64($0.offset), company: "Firm \($0.offset)", date: "2025-12-31", value: $0.element) }
        return ConcentrationCalculator.compute(metric: "revenue_growth", unit: unit, period: .year(2025), holdings: h)
    }

    func json(_ r: ConcentrationResult) throws -> [String: Any] {
        let text = ConcentrationFormatter.render([r], as: .json)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    @Test func aChangeSaysWhyItHasNoShares() throws {
        let r = result([-5, 12], unit: Units.percentChange)
        let text = ConcentrationFormatter.render([r], as: .table)
        #expect(text.contains("n/a: revenue_growth is in percent_change, a change: a change has no market share"), "\(text)")
        #expect(!text.contains("%") && !text.contains("█"), "\(text)")
        let j = try json(r)
        #expect((j["firms"] as? [Any])?.isEmpty == true)
        #expect(j["total"] is NSNull && j["hhi"] is NSNull && j["top5_share"] is NSNull)
        #expect(j["denominator"] as? String == "none")
        for format in OutputFormat.allCases {
            let out = ConcentrationFormatter.render([r], as: format)
            #expect(!out.lowercased().contains("inf") && !out.lowercased().contains("nan"), "\(format): \(out)")
        }
    }

    @Test func hugeValuesRenderAsNumbers() throws {
        let r = result([2.5e306, 2.5e306, 2.5e306, 2.5e306], unit: "USD")
        let text = ConcentrationFormatter.render([r], as: .table)
        #expect(text.contains("25.00 %") && text.contains("HHI 2,500"), "\(text)")
        let j = try json(r)
        let shares = (j["firms"] as? [[String: Any]])?.compactMap { $0["share"] as? Double }
        #expect(shares == [25, 25, 25, 25])
        #expect(j["total"] as? Double == 1e307)
    }

    /// Bars against the largest share: a share outside 0 to the largest, or a largest of 0,
    /// draws as nothing or the full width, and never traps converting infinity to Int.
    @Test(arguments: [(50.0, 100.0, 12), (100, 100, 24), (1, 100, 0), (200, 100, 24), (-1, 100, 0),
                      (.nan, 100, 0), (.infinity, 100, 0), (5, 0, 0), (1e308, 1e-308, 0), (0, 0, 0)])
    func barsStayInsideTheirWidth(share: Double, max: Double, full: Int) {
        let bar = ConcentrationFormatter.bar(share, max: max)
        #expect(bar.filter { $0 == "█" }.count == full, "\(share)/\(max): \(bar)")
        #expect(bar.count <= 25)
    }
}
