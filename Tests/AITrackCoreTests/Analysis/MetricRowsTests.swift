import Foundation
import GRDB
import Testing
@testable import AITrackCore

/// The report's one read of a metric's rows gives the concentration what the name-keyed path
/// gives it: the same holdings, grouped as lowercased company and segment names group them —
/// with names that differ only in case, composed and decomposed accents, and non-ASCII letters
/// that NOCASE keeps apart and `lowercased()` joins.
@Suite struct MetricRowsTests {
    static func database(rows: Int, seed: UInt64) throws -> AppDatabase {
        let db = try AppDatabase.inMemory()
        var rng = SeededGenerator(seed: seed)
        try db.dbWriter.write { db in
            try db.execute(sql: """
                INSERT INTO companies (id, name) VALUES (1, 'Äpfel'), (2, 'äpfel'), (3, 'Zeta'), (4, 'Other');
                UPDATE companies SET kind = 'aggregate' WHERE id = 4;
                INSERT INTO companies (id, name, parent_id) VALUES (5, 'Zeta Cloud', 3), (3000000, 'Far', NULL);
                INSERT INTO sources (id, name) VALUES (1, 'S1'), (2, 'S2');
                INSERT INTO ingests (id, at, command) VALUES (1, '2025-01-01', 'test'), (2, '2025-01-02', 'test');
                """)
            let segments: [String?] = [nil, "GPU", "gpu", "caf\u{E9}", "cafe\u{301}", "CAF\u{C9}"]
            for i in 0..<rows {
                try db.execute(sql: """
                    INSERT INTO statistics (identity, metric, measure, date, company_id, segment, value, unit, forecast, source_id,
                                            verification, ingest_id)
                    VALUES (?, 'm', 'value', ?, ?, ?, ?, 'GPUs', ?, ?, ?, ?)
                    """, arguments: [
                        "row \(i)", ["2024-06-30", "2025-03-31", "2025-12-31"].randomElement(using: &rng)!,
                        [nil, 1, 2, 3, 4, 5, 3000000].randomElement(using: &rng)!, segments.randomElement(using: &rng)!,
                        Double(Int.random(in: 1...100, using: &rng)), Int.random(in: 0...6, using: &rng) == 0 ? 1 : 0,
                        Int.random(in: 1...2, using: &rng), ["unverified", "verified", "disputed", "contradicted"].randomElement(using: &rng)!,
                        [nil, 1, 2].randomElement(using: &rng)!,
                    ])
            }
        }
        return db
    }

    @Test(arguments: [1, 2, 3])
    func groupsByIdsPickWhatNamesPick(seed: UInt64) throws {
        let db = try Self.database(rows: 400, seed: seed)
        for period in [Period.year(2025), .year(2024)] {
            let rows = try db.reader.read { try MetricRows.read($0, metric: "m", period: period, names: NameLookups()) }
            let (holdings, groups) = rows.holdings()
            #expect(holdings.count == rows.rows.filter(\.isHolding).count && holdings.count > 50)
            // the groups number exactly the lowercased (company, segment) pairs
            #expect(Set(groups).count == Set(holdings.map { "\($0.company.lowercased())|\($0.segment?.lowercased() ?? "")" }).count)
            let byIDs = ConcentrationCalculator.pickLatest(holdings, groups: groups)
            let byNames = ConcentrationCalculator.pickLatest(holdings)
            #expect(byIDs.0 == byNames.0 && byIDs.1 == byNames.1)
            let withGroups = ConcentrationCalculator.compute(metric: "m", unit: "GPUs", period: period, holdings: holdings, groups: groups)
            #expect(withGroups == ConcentrationCalculator.compute(metric: "m", unit: "GPUs", period: period, holdings: holdings))
            #expect(withGroups.firms.count >= 2)
        }
    }

    /// Holdings carry what the statistics say: company, parent, aggregate, segment, source,
    /// verification; forecasts and market values are rows but not holdings.
    @Test func holdingsCarryTheirRow() throws {
        let db = try Self.database(rows: 300, seed: 9)
        let rows = try db.reader.read { try MetricRows.read($0, metric: "m", period: .year(2025), names: NameLookups()) }
        let reference = try db.reader.read { db in
            try Row.fetchAll(db, sql: """
                SELECT st.id, c.name, p.ultimate_parent, c.kind, st.segment, st.date, st.value, st.verification, s.name AS source
                FROM statistics st JOIN companies c ON c.id = st.company_id JOIN company_ultimate_parents p ON p.company_id = c.id
                JOIN sources s ON s.id = st.source_id
                WHERE st.date BETWEEN '2025-01-01' AND '2025-12-31' AND st.forecast = 0 ORDER BY st.id
                """)
        }
        let holdings = rows.holdings().holdings.sorted { $0.statisticID < $1.statisticID }
        #expect(holdings.count == reference.count)
        for (h, r) in zip(holdings, reference) {
            #expect(h.statisticID == r["id"] && h.company == r["name"] && h.ultimateParent == r["ultimate_parent"])
            #expect(h.isAggregate == ((r["kind"] as String) == "aggregate") && h.segment == r["segment"] && h.date == r["date"])
            #expect(h.value == r["value"] && h.source == r["source"] && h.verified == ((r["verification"] as String) == "verified"))
            #expect(h.doubtful == ["disputed", "contradicted"].contains(r["verification"] as String))
        }
        #expect(rows.rows.count > holdings.count)
    }

    /// The report's pass computes, for each metric with company data, what `concentration`
    /// computes for it alone, this year and the year before.
    @Test func theReportPassComputesWhatConcentrationDoes() throws {
        let db = try Self.database(rows: 300, seed: 4)
        let period = Period.year(2025)
        let pass = try db.reader.read { try ReportPass.run($0, period, consolidate: true, names: NameLookups()) }
        #expect(pass.concentration.map(\.now.metric) == (try db.metricsWithCompanyData(period: period)))
        for c in pass.concentration {
            #expect(c.now == (try db.concentration(metric: c.now.metric, period: period)))
            #expect(c.before == (try db.concentration(metric: c.now.metric, period: period.previousYear)))
        }
    }

    /// With more metrics than the two the reading thread may get ahead by, every metric is
    /// computed once, in order, and a refused row in the last metric ends the pass with its
    /// error after the metrics before it were handed over (none left waiting).
    @Test func manyMetricsAndAnErrorAtTheEnd() throws {
        let db = try Self.database(rows: 40, seed: 6)
        try db.dbWriter.write { db in
            for k in 0..<7 {
                try db.execute(sql: """
                    INSERT INTO statistics (identity, metric, measure, date, company_id, value, unit, source_id)
                    SELECT 'copy \(k) ' || identity, 'm\(k)', measure, date, company_id, value, unit, source_id FROM statistics WHERE metric = 'm'
                    """)
            }
        }
        let period = Period.year(2025)
        let pass = try db.reader.read { try ReportPass.run($0, period, consolidate: true, names: NameLookups()) }
        #expect(pass.concentration.map(\.now.metric) == ["m", "m0", "m1", "m2", "m3", "m4", "m5", "m6"])
        #expect(Set(pass.latest.metrics) == Set(["m", "m0", "m1", "m2", "m3", "m4", "m5", "m6"]))
        try db.dbWriter.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = 1")
            try db.execute(sql: "INSERT INTO statistics (id, identity, metric, measure, date, company_id, value, unit, source_id) VALUES (888, 'odd', 'zz', 'value', '2025-01-1', 1, 5, 'GPUs', 1)")
            try db.execute(sql: "PRAGMA ignore_check_constraints = 0")
        }
        #expect(throws: QueryProblem.brokenRow(table: "statistics", id: 888, column: "date", value: "2025-01-1")) {
            try db.reader.read { try ReportPass.run($0, period, consolidate: true, names: NameLookups()) }
        }
    }

    /// A date the schema's check refuses (written with the checks off) stops the report with
    /// a typed error naming the row, and the computing thread is not left waiting.
    @Test func aDateOfAnotherLengthIsRefused() throws {
        let db = try Self.database(rows: 50, seed: 5)
        try db.dbWriter.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = 1")
            try db.execute(sql: """
                INSERT INTO statistics (id, identity, metric, measure, date, company_id, value, unit, source_id)
                VALUES (777, 'odd', 'm', 'value', '2025-1-01', 1, 5, 'GPUs', 1)
                """)
            try db.execute(sql: "PRAGMA ignore_check_constraints = 0")
        }
        #expect(throws: QueryProblem.brokenRow(table: "statistics", id: 777, column: "date", value: "2025-1-01")) {
            try db.reader.read { try ReportPass.run($0, .year(2025), consolidate: true, names: NameLookups()) }
        }
    }
}

// Test oracles: the slow, obvious forms of what the report's pass does.

extension ConcentrationCalculator {
    /// `pickLatest` with the groups made here, from the names.
    static func pickLatest(_ holdings: [Holding]) -> ([Holding], Int) {
        pickLatest(holdings, groups: groups(holdings))
    }
}

extension DatabaseReading {
    /// The metrics with company values (not forecasts) in the period, by name.
    func metricsWithCompanyData(period: Period) throws -> [String] {
        try reader.read { db in
            // each metric once, then whether it has company values in the period: not a read of
            // every statistic of the period
            try String.fetchAll(db, sql: """
                SELECT metric FROM (\(LatestStatistics.everyMetric)) m
                WHERE EXISTS (
                    SELECT 1 FROM statistics st
                    WHERE st.metric = m.metric AND st.measure = 'value' AND st.date BETWEEN ? AND ? AND st.company_id IS NOT NULL AND st.forecast = 0)
                ORDER BY metric
                """, arguments: [period.fromISO, period.toISO])
        }
    }
}
