import Foundation
import GRDB
import Testing
@testable import AITrackCore

/// The schema's fixed lists and numbers are the Swift ones: each CHECK list equals a
/// vocabulary's `allCases`, the views' HHI thresholds are `Regime.thresholds`, and the parent
/// depth the view follows is `Limits.parentDepth`.
@Suite struct MigrationsTests {
    static let sql = Migrations.all.map(\.sql).joined(separator: "\n")

    /// Every `column IN ('a', 'b', …)` list of a CHECK in the migrations.
    static func checkLists(_ column: String) -> [[String]] {
        let pattern = try! NSRegularExpression(pattern: "CHECK \\((?:\\w+ IS NULL OR )?\\(?\(column) IN \\(([^)]*)\\)")
        let range = NSRange(sql.startIndex..., in: sql)
        return pattern.matches(in: sql, range: range).map { m in
            String(sql[Range(m.range(at: 1), in: sql)!]).split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " '")) }
        }
    }

    @Test(arguments: [
        ("kind", [CompanyKind.allRawValues, DealKind.allRawValues]),
        ("role", [PartyRole.allRawValues, MembershipRole.allRawValues]),
        ("qualifier", [Qualifier.allRawValues]),
        ("status", [DealStatus.allRawValues]),
        ("verification", [Verification.allRawValues]),
        ("measure", [Measure.allRawValues]),
        ("precision", [Precision.allRawValues]),
    ])
    func checkListsAreTheVocabularies(_ column: String, _ vocabularies: [[String]]) {
        let lists = Self.checkLists(column)
        #expect(!lists.isEmpty, "no CHECK list for \(column)")
        for list in lists { #expect(vocabularies.contains(list), "\(column): \(list)") }
        for v in vocabularies { #expect(lists.contains(v), "\(column): no CHECK lists \(v)") }
    }

    @Test func theViewsUseTheSwiftThresholdsAndDepth() {
        let views = Migrations.all.last { $0.sql.contains("CREATE VIEW metric_year_concentration") }!.sql
        for regime in Regime.allCases {
            let (lo, hi) = regime.thresholds
            #expect(views.contains("WHEN hhi_low < \(Int(lo)) THEN 'unconcentrated' WHEN hhi_low <= \(Int(hi)) THEN"), "\(regime)")
        }
        #expect(Self.sql.contains("LEFT JOIN companies p\(Limits.parentDepth) ON"))
        #expect(!Self.sql.contains("LEFT JOIN companies p\(Limits.parentDepth + 1) ON"))
    }
}
