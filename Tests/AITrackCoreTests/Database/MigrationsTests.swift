import Foundation
import GRDB
import Testing
@testable import AITrackCore

/// The schema's fixed lists and numbers are the Swift ones: each CHECK list equals a
/// vocabulary's `allCases`, the views' HHI thresholds are `Regime.thresholds`, and the parent
/// depth the view follows is `Limits.parentDepth`.
@Suite struct MigrationsTests {
    static let sql = Migrations.all.map(\.sql).joined(separator: "\n")

    /// Every `column IN ('a', 'b', …)` list of a CHECK in the migrations, and every list written
    /// as `column = 'a' OR column = 'b' OR …` (migration 0007).
    static func checkLists(_ column: String) -> [[String]] {
        let inList = try! NSRegularExpression(pattern: "CHECK \\((?:\\w+ IS NULL OR )?\\(?\(column) IN \\(([^)]*)\\)")
        let orList = try! NSRegularExpression(pattern: "CHECK \\((\(column) = '[^']*'(?:\\s+OR\\s+\(column) = '[^']*')+)\\)")
        let range = NSRange(sql.startIndex..., in: sql)
        let ins = inList.matches(in: sql, range: range).map { m in
            String(sql[Range(m.range(at: 1), in: sql)!]).split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " '")) }
        }
        let ors = orList.matches(in: sql, range: range).map { m in
            let quoted = sql[Range(m.range(at: 1), in: sql)!].split(separator: "'", omittingEmptySubsequences: false)
            return stride(from: 1, to: quoted.count, by: 2).map { String(quoted[$0]) }
        }
        return ins + ors
    }

    @Test(arguments: [
        ("kind", [CompanyKind.allRawValues, DealKind.allRawValues, MetricKind.allRawValues]),
        ("basis", [MetricBasis.allRawValues]),
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

    /// The views migration 0006 rebuilt give what the views of migrations 0002 and 0003 gave, to
    /// the last digit (both as temporary views over the seed; migration 0011 then changed the
    /// results on purpose: one period per figure, markets only, which EpochConcentrationTests checks).
    @Test func theRebuiltViewsEqualTheOnesTheyReplace() throws {
        let db = try AppDatabase.inMemory(seed: true)
        func old(_ name: String, as prefix: String) -> String {
            let text = Migrations.all.first { $0.name == name }!.sql
            return String(text[text.range(of: "CREATE VIEW")!.lowerBound...])
                .replacingOccurrences(of: "CREATE VIEW", with: "CREATE TEMP VIEW")
                .replacingOccurrences(of: "metric_year_", with: "\(prefix)metric_year_")
        }
        let values = old("0002_concentration_views", as: "old_")
        try db.dbWriter.write { db in
            try db.execute(sql: String(values[..<values.range(of: "CREATE TEMP VIEW old_metric_year_shares")!.lowerBound]))
            try db.execute(sql: old("0003_views_in_rank_order", as: "old_"))
            try db.execute(sql: old("0006_views_filter_first", as: "v6_"))
        }
        let queries = [
            ("metric_year_values", "statistic_id, metric, year, date, company, is_aggregate, ultimate_parent, segment, printf('%.17g', value), unit, source, verification, alternatives_set_aside"),
            ("metric_year_shares", "metric, year, company, is_aggregate, printf('%.17g', value), unit, printf('%.17g', total), printf('%.17g', share), rank"),
            ("metric_year_concentration", "metric, year, unit, printf('%.17g %.17g %.17g %.17g %.17g %.17g %.17g', total, coverage, cr1, cr3, cr4, top5_share, hhi_low), printf('%.17g', hhi_high), firms, band_us2023, band_us2010, band_eu2004"),
        ]
        for (view, columns) in queries {
            let (new, before) = try db.reader.read { db in
                (try Row.fetchAll(db, sql: "SELECT \(columns) FROM v6_\(view)").map(\.description),
                 try Row.fetchAll(db, sql: "SELECT \(columns) FROM old_\(view)").map(\.description))
            }
            #expect(new.count > 20, "\(view)")
            #expect(new == before, "\(view)")
        }
    }

    // MARK: - 0007: the statistics table rebuilt without IN lists

    /// A database at the schema after migration `name`, with one company and one source.
    static func database(upTo name: String) throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue, upTo: name)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO companies (id, name) VALUES (1, 'Acme'); INSERT INTO sources (id, name) VALUES (1, 'Report')")
        }
        return queue
    }

    /// The rebuilt table takes and refuses exactly the rows the table of 0001 took and refused:
    /// every value of each vocabulary, and values just outside it.
    @Test func theRebuiltStatisticsTableRefusesWhatTheOldOneRefused() throws {
        let before = try Self.database(upTo: "0006_views_filter_first")
        let after = try Self.database(upTo: Migrations.all.last!.name)
        var rows: [[String: DatabaseValueConvertible]] = []
        let base: [String: DatabaseValueConvertible] = ["metric": "m", "date": "2025-01-01", "value": 5.0, "unit": "GPUs", "source_id": 1]
        func with(_ changes: [String: DatabaseValueConvertible]) -> [String: DatabaseValueConvertible] { base.merging(changes) { $1 } }
        for m in Measure.allRawValues + ["cr0", "cr11", "CR1", "value ", "", "hh"] {
            rows.append(with(["measure": m, "unit": m == "hhi" ? "points" : m.hasPrefix("cr") ? "percent" : "GPUs"]))
        }
        for p in Precision.allRawValues + ["week", "Day", ""] { rows.append(with(["precision": p])) }
        for q in Qualifier.allRawValues + ["roughly", "EXACT"] { rows.append(with(["qualifier": q])) }
        for v in Verification.allRawValues + ["checked", "Verified"] { rows.append(with(["verification": v])) }
        for f in [0, 1, 2, -1] { rows.append(with(["forecast": f])) }
        for d in ["2025-01-01", "2025-04-01", "2025-07-01", "2025-10-01", "2025-02-01", "2025-12-01"] {
            rows.append(with(["date": d, "precision": "quarter"]))
        }
        func outcomes(_ queue: DatabaseQueue) -> [Bool] {
            rows.enumerated().map { i, row in
                let columns = row.keys.sorted()
                let sql = "INSERT INTO statistics (identity, \(columns.joined(separator: ", "))) VALUES (?\(String(repeating: ", ?", count: columns.count)))"
                do {
                    try queue.write { try $0.execute(sql: sql, arguments: StatementArguments(["row \(i)"] + columns.map { row[$0] })) }
                    return true
                } catch { return false }
            }
        }
        let (old, new) = (outcomes(before), outcomes(after))
        #expect(new == old)
        #expect(new.filter { $0 }.count == Measure.allRawValues.count + Precision.allRawValues.count + Qualifier.allRawValues.count + Verification.allRawValues.count + 2 + 4)
        #expect(new.contains(false))
    }

    /// Upgrading a database of schema 6 keeps every statistic as it was, and the table's indexes
    /// and triggers; the views read the new table.
    @Test func theUpgradeKeepsTheStatisticsAndTheirIndexes() throws {
        let queue = try Self.database(upTo: "0006_views_filter_first")
        let seeded = try AppDatabase.inMemory(seed: true)
        let dump = "SELECT * FROM statistics ORDER BY id"
        let objects = "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'statistics' AND type IN ('index', 'trigger') ORDER BY name"
        let rows = try seeded.reader.read { try Row.fetchAll($0, sql: dump) }
        try queue.write { db in
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON; DELETE FROM companies; DELETE FROM sources")
            for table in ["ingests", "sources", "companies"] {
                // the columns the old schema has (sources.via came with schema 15)
                let old = Set(try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table]))
                for row in try seeded.reader.read({ try Row.fetchAll($0, sql: "SELECT * FROM \(table)") }) {
                    let names = Array(row.columnNames).filter(old.contains)
                    // a page read stands for the address where the originator's is unknown
                    let value = { (name: String) -> DatabaseValue in
                        name == "url" && table == "sources" && row[name] == nil ? row["via_url"] as DatabaseValue : row[name] as DatabaseValue
                    }
                    try db.execute(sql: "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))",
                                   arguments: StatementArguments(names.map(value)))
                }
            }
            for row in rows {
                let names = Array(row.columnNames)
                try db.execute(sql: "INSERT INTO statistics (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))",
                               arguments: StatementArguments(names.map { row[$0] as DatabaseValue }))
            }
        }
        let objectsBefore = try queue.read { try Row.fetchAll($0, sql: objects) }
        let viewBefore = try queue.read { try Row.fetchAll($0, sql: "SELECT * FROM metric_year_concentration") }
        try Migrations.migrator.migrate(queue, upTo: "0007_checks_without_in_lists")
        let (after, objectsAfter, viewAfter, foreignKeys, integrity) = try queue.read { db in
            (try Row.fetchAll(db, sql: dump), try Row.fetchAll(db, sql: objects),
             try Row.fetchAll(db, sql: "SELECT * FROM metric_year_concentration"),
             try Row.fetchAll(db, sql: "PRAGMA foreign_key_check"), try String.fetchOne(db, sql: "PRAGMA integrity_check"))
        }
        #expect(after == rows)
        #expect(rows.count > 100)
        #expect(objectsAfter == objectsBefore)
        #expect(objectsBefore.count == 11)
        #expect(viewAfter == viewBefore && viewBefore.count > 10)
        #expect(foreignKeys.isEmpty)
        #expect(integrity == "ok")
    }

    // MARK: - 0008: the one-unit triggers look at one row, without an index of their own

    /// The same writes, on the triggers of 0007 and of 0008: the same ones refused (a second
    /// unit for a metric by insert, by update of the unit, the metric or the measure), the same
    /// ones taken (another measure, a metric's only row changing its unit, a metric emptied).
    @Test func theOneRowTriggersRefuseWhatTheRangeTriggersRefused() throws {
        let writes = [
            "INSERT INTO statistics (identity, metric, date, value, unit, source_id) VALUES ('a', 'm', '2025-01-01', 1, 'u', 1)",
            "INSERT INTO statistics (identity, metric, date, value, unit, source_id) VALUES ('b', 'm', '2024-01-01', 1, 'u', 1)",
            "INSERT INTO statistics (identity, metric, date, value, unit, source_id) VALUES ('c', 'm', '2026-01-01', 1, 'v', 1)",
            "INSERT INTO statistics (identity, metric, date, value, unit, source_id) VALUES ('c', 'm', '2023-01-01', 1, 'U', 1)",
            "INSERT INTO statistics (identity, metric, measure, date, value, unit, source_id) VALUES ('d', 'm', 'cr1', '2025-01-01', 1, 'percent', 1)",
            "INSERT INTO statistics (identity, metric, date, value, unit, source_id) VALUES ('e', 'n', '2025-01-01', 1, 'v', 1)",
            "UPDATE statistics SET unit = 'v' WHERE identity = 'a'",
            "UPDATE statistics SET metric = 'n' WHERE identity = 'a'",
            "UPDATE statistics SET measure = 'value', unit = 'percent' WHERE identity = 'd'",
            "UPDATE statistics SET measure = 'value' WHERE identity = 'd'",
            "UPDATE statistics SET unit = 'w' WHERE identity = 'e'",
            "DELETE FROM statistics WHERE identity = 'b'",
            "UPDATE statistics SET unit = 'x' WHERE identity = 'a'",
            "UPDATE statistics SET unit = 'x' WHERE metric = 'm' AND measure = 'value'",
            "DELETE FROM statistics WHERE metric = 'm'",
            "INSERT INTO statistics (identity, metric, date, value, unit, source_id) VALUES ('f', 'm', '2025-01-01', 1, 'y', 1)",
            "INSERT INTO statistics (identity, metric, date, value, unit, source_id) VALUES ('g', 'm', '2025-01-01', 1, 'u', 1)",
        ]
        func outcomes(_ queue: DatabaseQueue) throws -> [String] {
            try writes.map { sql in
                do {
                    try queue.write { try $0.execute(sql: sql) }
                    return "taken"
                } catch let e as DatabaseError {
                    return e.message ?? "refused"
                }
            }
        }
        let old = try outcomes(Self.database(upTo: "0007_checks_without_in_lists"))
        let new = try outcomes(Self.database(upTo: "0008_unit_triggers_probe_one_row"))
        #expect(new == old)
        #expect(new.filter { $0 == "taken" }.count == 10)
        #expect(new.filter { $0.hasPrefix("a metric has one unit") }.count == 7)
    }

    /// The triggers' look-up is a seek on (metric, measure, date), and the index of 0007 is gone.
    @Test func theTriggersLookUpOneRowThroughTheMetricIndex() throws {
        let queue = try Self.database(upTo: "0008_unit_triggers_probe_one_row")
        let (plan, index) = try queue.read { db in
            (try String.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT unit FROM statistics WHERE metric = 'm' AND measure = 'value' LIMIT 1", adapter: SuffixRowAdapter(fromIndex: 3)),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'statistics_metric_unit'"))
        }
        #expect(plan == ["SEARCH statistics USING INDEX statistics_metric_date (metric=? AND measure=?)"])
        #expect(index == 0)
    }

    /// A file of schema 7 whose unit triggers and unit index another program dropped is upgraded
    /// all the same, and has the triggers again.
    @Test func theUpgradeTakesAFileWithoutTheOldTriggers() throws {
        let queue = try Self.database(upTo: "0007_checks_without_in_lists")
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER statistics_one_unit_insert; DROP TRIGGER statistics_one_unit_update; DROP INDEX statistics_metric_unit")
        }
        try Migrations.migrator.migrate(queue)
        let triggers = try queue.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'statistics' ORDER BY name") }
        #expect(triggers == ["statistics_one_unit_insert", "statistics_one_unit_update"])
    }

    // MARK: - 0012: metrics.top_list for files made at schema 11

    /// A file made at schema 11 (0010 and 0011 as they landed) gains `top_list`: its metrics keep
    /// their rows with the sounder default 0, a value outside 0/1 is refused, and the rebuilt
    /// concentration view reads the column.
    @Test func aSchema11FileGainsTopListWithItsMetricsKept() throws {
        let queue = try Self.database(upTo: "0011_views_one_period_markets")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO metrics (name, unit, kind) VALUES ('chips', 'GPUs', 'stock')")
            try db.execute(sql: "INSERT INTO statistics (identity, metric, date, value, unit, source_id, company_id) VALUES ('a', 'chips', '2025-12-31', 60, 'GPUs', 1, 1)")
        }
        try Migrations.migrator.migrate(queue)
        let (rows, figures) = try queue.read { db in
            (try Row.fetchAll(db, sql: "SELECT name, top_list FROM metrics").map(\.description),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM metric_year_concentration"))
        }
        #expect(rows == [#"[name:"chips" top_list:0]"#])
        #expect(figures == 0)
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "UPDATE metrics SET top_list = 2") }
        }
        try queue.write { try $0.execute(sql: "UPDATE metrics SET top_list = 1") }
    }
}
