import Foundation
import GRDB
import Testing
@testable import AITrackCore

/// The latest statistic per group, picked in one pass, is what the window query it replaced
/// picked: on random rows with ties of date, verification and ingest, missing segments and
/// regions, forecasts, and segments spelled with composed and decomposed accents.
@Suite struct LatestStatisticsTests {
    /// The query of before (Report.latestStatistics up to schema 7's release).
    static let windowQuery = """
        WITH cur AS (
            SELECT id, metric, coalesce(company_id, 0) AS c, coalesce(segment, '') AS sg, coalesce(region, '') AS rg, forecast,
                   row_number() OVER (PARTITION BY metric, company_id, segment, region, source_id, forecast
                                      ORDER BY date DESC, id DESC) AS rn
            FROM statistics WHERE measure = 'value' AND date BETWEEN ? AND ?
        ),
        prev AS (
            SELECT metric, coalesce(company_id, 0) AS c, coalesce(segment, '') AS sg, coalesce(region, '') AS rg, forecast, value,
                   row_number() OVER (PARTITION BY metric, company_id, segment, region, forecast
                                      ORDER BY date DESC, verification = 'verified' DESC, coalesce(ingest_id, 0) DESC, id DESC) AS rn
            FROM statistics WHERE measure = 'value' AND date BETWEEN ? AND ?
        )
        SELECT cur.id, cur.metric, prev.value AS before FROM cur
        LEFT JOIN prev ON prev.rn = 1 AND prev.metric = cur.metric AND prev.c = cur.c AND prev.sg = cur.sg
                          AND prev.rg = cur.rg AND prev.forecast = cur.forecast
        WHERE cur.rn = 1
        """

    static func randomDatabase(rows: Int, seed: UInt64) throws -> AppDatabase {
        let db = try AppDatabase.inMemory()
        var rng = SeededGenerator(seed: seed)
        try db.dbWriter.write { db in
            try db.execute(sql: """
                INSERT INTO companies (id, name) VALUES (1, 'A'), (2, 'B'), (3, 'C');
                INSERT INTO sources (id, name) VALUES (1, 'S1'), (2, 'S2');
                INSERT INTO ingests (id, at, command) VALUES (1, '2025-01-01', 'test'), (2, '2025-01-02', 'test');
                """)
            let dates = ["2024-03-01", "2024-12-31", "2025-01-01", "2025-06-30", "2025-12-01"]
            let segments: [String?] = [nil, "GPU", "caf\u{E9}", "cafe\u{301}"]
            for i in 0..<rows {
                let measure = Int.random(in: 0..<10, using: &rng) == 0 ? "cr3" : "value"
                let metric = ["m_a", "m_b"].randomElement(using: &rng)!
                try db.execute(sql: """
                    INSERT INTO statistics (identity, metric, measure, date, company_id, segment, region, value, unit, forecast,
                                            source_id, verification, ingest_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [
                        "row \(i)", measure == "value" ? metric : "m_c", measure, dates.randomElement(using: &rng)!,
                        [nil, 1, 2, 3].randomElement(using: &rng)!, segments.randomElement(using: &rng)!,
                        [nil, "EU"].randomElement(using: &rng)!, Double(Int.random(in: 0...100, using: &rng)),
                        measure == "value" ? "GPUs" : "percent", Int.random(in: 0...5, using: &rng) == 0 ? 1 : 0,
                        Int.random(in: 1...2, using: &rng), ["unverified", "verified"].randomElement(using: &rng)!,
                        [nil, 1, 2].randomElement(using: &rng)!,
                    ])
            }
        }
        return db
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func picksWhatTheWindowQueryPicked(seed: UInt64) throws {
        let db = try Self.randomDatabase(rows: 600, seed: seed)
        let period = Period.year(2025), prev = period.previousYear
        let (found, reference) = try db.reader.read { db in
            (try ReportPass.run(db, period, consolidate: true, names: NameLookups()).latest,
             try Row.fetchAll(db, sql: Self.windowQuery, arguments: [period.fromISO, period.toISO, prev.fromISO, prev.toISO]))
        }
        #expect(Set(found.ids) == Set(reference.map { $0["id"] as Int64 }))
        #expect(found.ids.count == reference.count)
        #expect(found.before == Dictionary(uniqueKeysWithValues: reference.compactMap { r in (r["before"] as Double?).map { (r["id"] as Int64, $0) } }))
        #expect(found.counts == Dictionary(grouping: reference, by: { $0["metric"] as String }).mapValues(\.count))
        #expect(reference.count > 50 && found.before.count > 20)
    }
}

extension LatestStatisticsTests {
    /// The candidates for the first few of each metric hold every row that is among the first
    /// few by date and company name (without case; the market first), ties included, and no other.
    @Test(arguments: [1, 3, 25])
    func candidatesHoldTheFirstOfEachMetric(limit: Int) throws {
        var rng = SeededGenerator(seed: UInt64(limit))
        let n = 300
        let names: [Int64: String] = [1: "acme", 2: "Acme", 3: "Beta", 4: "alpha", 5: "Zeta"]
        let found = LatestStatistics.Found(ids: (0..<Int64(n)).map { $0 }, metrics: (0..<n).map { _ in ["a", "b", "c"].randomElement(using: &rng)! },
                                           dates: (0..<n).map { _ in Day(iso: "2025-0\(Int.random(in: 1...3, using: &rng))-01")! },
                                           companies: (0..<n).map { _ in [nil, 1, 2, 3, 4, 5].randomElement(using: &rng)! }, before: [:])
        let chosen = Set(LatestStatistics.candidates(found, limit: limit) { names[$0] })
        // by brute force: the listing's order on date, then name folded as NOCASE folds it
        func key(_ i: Int) -> (String, String) { (found.dates[i].text, found.companies[i].map { "1" + names[$0]!.lowercased() } ?? "0") }
        for metric in ["a", "b", "c"] {
            let rows = found.ids.indices.filter { found.metrics[$0] == metric }.sorted { key($0) < key($1) }
            let last = key(rows[min(limit, rows.count) - 1])
            for i in rows {
                #expect(chosen.contains(found.ids[i]) == (key(i) <= last), "\(metric) \(i)")
            }
        }
        #expect(chosen.count < n)
        #expect(LatestStatistics.candidates(found, limit: 0) { names[$0] }.isEmpty)
    }
}

/// A small deterministic generator (SplitMix64), so that a failing seed can be run again.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
