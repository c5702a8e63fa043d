import Foundation
import GRDB
import Testing
@testable import AITrackCore

/// The latest statistic per group, picked in one pass, is what the window query it replaced
/// picked: on random rows with ties of date, verification and ingest, missing segments and
/// regions, forecasts, and segments spelled with composed and decomposed accents.
@Suite struct LatestStatisticsTests {
    /// An independent query: the latest per group as the window query of schema 7's release
    /// picked it; the value of the year before like for like (issue 21): the same day a year
    /// earlier (29 February: the 28th) at the same precision, the same source first (by name: s1 at a
    /// mirror is S1), then
    /// verified, the latest ingested, the latest row.
    static let windowQuery = """
        WITH cur AS (
            SELECT id, metric, company_id, segment, region, forecast, source_id, date, precision,
                   row_number() OVER (PARTITION BY metric, company_id, segment, region, source_id, forecast
                                      ORDER BY date DESC, id DESC) AS rn
            FROM statistics WHERE measure = 'value' AND date BETWEEN ? AND ?
        ),
        candidates AS (
            SELECT cur.id AS cid, p.value, CASE WHEN lower(ps.name) = lower(cs.name) THEN NULL ELSE p.source_id END AS other,
                   row_number() OVER (PARTITION BY cur.id ORDER BY lower(ps.name) = lower(cs.name) DESC, p.verification = 'verified' DESC,
                                                                   coalesce(p.ingest_id, 0) DESC, p.id DESC) AS rn
            FROM cur JOIN sources cs ON cs.id = cur.source_id JOIN statistics p
              ON p.measure = 'value' AND p.metric = cur.metric AND p.company_id IS cur.company_id AND p.segment IS cur.segment
             AND p.region IS cur.region AND p.forecast = cur.forecast AND p.precision = cur.precision
             AND p.date = CASE WHEN substr(cur.date, 6) = '02-29' THEN (substr(cur.date, 1, 4) - 1) || '-02-28'
                               ELSE date(cur.date, '-1 year') END
            JOIN sources ps ON ps.id = p.source_id
            WHERE cur.rn = 1
        )
        SELECT cur.id, cur.metric, c.value AS before, c.other AS before_source
        FROM cur LEFT JOIN candidates c ON c.cid = cur.id AND c.rn = 1
        WHERE cur.rn = 1
        """

    static func randomDatabase(rows: Int, seed: UInt64) throws -> AppDatabase {
        let db = try AppDatabase.inMemory()
        var rng = SeededGenerator(seed: seed)
        try db.dbWriter.write { db in
            try db.execute(sql: """
                INSERT INTO companies (id, name) VALUES (1, 'A'), (2, 'B'), (3, 'C');
                INSERT INTO sources (id, name, url) VALUES (1, 'S1', NULL), (2, 'S2', NULL), (3, 's1', 'https://mirror.example');
                INSERT INTO ingests (id, at, command) VALUES (1, '2025-01-01', 'test'), (2, '2025-01-02', 'test');
                """)
            // a year and its first quarter, month and day on one stored day; a quarter, a month, days
            let dates = ["2024-01-01", "2024-04-01", "2024-03-01", "2024-06-30", "2024-12-31", "2024-02-28",
                         "2025-01-01", "2025-04-01", "2025-03-01", "2025-06-30", "2025-12-31", "2025-12-01"]
            func precision(_ date: String) -> [String] {
                date.hasSuffix("-01-01") ? ["year", "quarter", "month", "day"] : date.hasSuffix("-04-01") ? ["quarter", "day"]
                    : date.hasSuffix("-01") ? ["month", "day"] : ["day"]
            }
            let segments: [String?] = [nil, "GPU", "caf\u{E9}", "cafe\u{301}"]
            for i in 0..<rows {
                let date = dates.randomElement(using: &rng)!
                let measure = Int.random(in: 0..<10, using: &rng) == 0 ? "cr3" : "value"
                let metric = ["m_a", "m_b"].randomElement(using: &rng)!
                try db.execute(sql: """
                    INSERT INTO statistics (identity, metric, measure, date, precision, company_id, segment, region, value, unit, forecast,
                                            source_id, verification, ingest_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [
                        "row \(i)", measure == "value" ? metric : "m_c", measure, date, precision(date).randomElement(using: &rng)!,
                        [nil, 1, 2, 3].randomElement(using: &rng)!, segments.randomElement(using: &rng)!,
                        [nil, "EU"].randomElement(using: &rng)!, Double(Int.random(in: 0...100, using: &rng)),
                        measure == "value" ? "GPUs" : "percent", Int.random(in: 0...5, using: &rng) == 0 ? 1 : 0,
                        Int.random(in: 1...3, using: &rng), ["unverified", "verified"].randomElement(using: &rng)!,
                        [nil, 1, 2].randomElement(using: &rng)!,
                    ])
            }
        }
        return db
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func picksWhatTheWindowQueryPicked(seed: UInt64) throws {
        let db = try Self.randomDatabase(rows: 600, seed: seed)
        let period = Period.year(2025)
        let (found, reference) = try db.reader.read { db in
            (try ReportPass.run(db, period, consolidate: true, names: NameLookups()).latest,
             try Row.fetchAll(db, sql: Self.windowQuery, arguments: [period.fromISO, period.toISO]))
        }
        #expect(Set(found.ids) == Set(reference.map { $0["id"] as Int64 }))
        #expect(found.ids.count == reference.count)
        #expect(found.before == Dictionary(uniqueKeysWithValues: reference.compactMap { r in (r["before"] as Double?).map { (r["id"] as Int64, $0) } }))
        #expect(found.beforeSource == Dictionary(uniqueKeysWithValues: reference.compactMap { r in (r["before_source"] as Int64?).map { (r["id"] as Int64, $0) } }))
        #expect(found.counts == Dictionary(grouping: reference, by: { $0["metric"] as String }).mapValues(\.count))
        #expect(reference.count > 50 && found.before.count > 20 && !found.beforeSource.isEmpty)
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
