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

    /// Migration 0006 rebuilt the concentration views so that a filter on metric and year reaches
    /// the statistics index; the plan shows it (a plan, not a time: BENCHMARKS.md has the times).
    @Test(arguments: ["metric_year_values", "metric_year_shares", "metric_year_concentration"])
    func aFilterOnMetricAndYearReachesTheIndex(_ view: String) throws {
        let db = try AppDatabase.inMemory(seed: true)
        let plan = try db.reader.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM \(view) WHERE metric = 'ai_compute_h100e' AND year = 2025").map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.hasPrefix("SEARCH st USING INDEX") && $0.contains("(metric=?") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN st") }, "\(plan)")
    }

    /// The rebuilt views give what the views of migrations 0002 and 0003 gave, to the last digit.
    @Test func theRebuiltViewsEqualTheOnesTheyReplace() throws {
        let db = try AppDatabase.inMemory(seed: true)
        func old(_ name: String) -> String {
            let text = Migrations.all.first { $0.name == name }!.sql
            return String(text[text.range(of: "CREATE VIEW")!.lowerBound...])
                .replacingOccurrences(of: "CREATE VIEW", with: "CREATE TEMP VIEW")
                .replacingOccurrences(of: "metric_year_", with: "old_metric_year_")
        }
        let values = old("0002_concentration_views")
        try db.dbWriter.write { db in
            try db.execute(sql: String(values[..<values.range(of: "CREATE TEMP VIEW old_metric_year_shares")!.lowerBound]))
            try db.execute(sql: old("0003_views_in_rank_order"))
        }
        let queries = [
            ("metric_year_values", "statistic_id, metric, year, date, company, is_aggregate, ultimate_parent, segment, printf('%.17g', value), unit, source, verification, alternatives_set_aside"),
            ("metric_year_shares", "metric, year, company, is_aggregate, printf('%.17g', value), unit, printf('%.17g', total), printf('%.17g', share), rank"),
            ("metric_year_concentration", "metric, year, unit, printf('%.17g %.17g %.17g %.17g %.17g %.17g %.17g', total, coverage, cr1, cr3, cr4, top5_share, hhi_low), printf('%.17g', hhi_high), firms, band_us2023, band_us2010, band_eu2004"),
        ]
        for (view, columns) in queries {
            let (new, before) = try db.reader.read { db in
                (try Row.fetchAll(db, sql: "SELECT \(columns) FROM \(view)").map(\.description),
                 try Row.fetchAll(db, sql: "SELECT \(columns) FROM old_\(view)").map(\.description))
            }
            #expect(new.count > 20, "\(view)")
            #expect(new == before, "\(view)")
        }
    }
}

