import Foundation
import GRDB
import Testing
@testable import AITrackCore

/// The figures on Epoch AI's data, by an independent route: plain SQL over the tables,
/// compared with the command's JSON and with research/metrics.md §4a.
@Suite struct EpochConcentrationTests {
    @Test(arguments: [(2023, 61.3, 989.0, 1088.0), (2024, 69.4, 1156.0, 1194.0), (2025, 73.6, 1332.0, 1386.0)])
    func matchesTheResearchTable(year: Int, cr5: Double, hhiLow: Double, hhiHigh: Double) throws {
        let db = try AppDatabase.inMemory(seed: true)
        let r = try db.concentration(metric: "ai_compute_h100e", period: .year(year))
        #expect(abs(r.topShare5! - cr5) < 0.05)
        #expect(abs(r.hhiLow! - hhiLow) < 0.5)
        #expect(abs(r.hhiHigh! - hhiHigh) < 0.5)
    }

    @Test func independentSQLGivesTheSameShares() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let r = try db.concentration(metric: "ai_compute_h100e", period: .year(2025))
        // plain SQL: values at the last day of 2025 per owner, summed over chip families,
        // Google Cloud and Alphabet as one, aggregates in the total only
        let rows = try db.reader.read { db in
            try Row.fetchAll(db, sql: """
                SELECT CASE WHEN c.name IN ('Google Cloud') THEN 'Alphabet' ELSE c.name END AS owner, c.kind = 'aggregate' AS agg, sum(s.value) AS v
                FROM statistics s JOIN companies c ON c.id = s.company_id
                WHERE s.metric = 'ai_compute_h100e' AND s.measure = 'value' AND s.date = '2025-12-31'
                GROUP BY owner, agg
                """)
        }
        let total = rows.reduce(0.0) { $0 + ($1["v"] as Double) }
        let firms = rows.filter { ($0["agg"] as Int64) == 0 }.map { ($0["owner"] as String, 100 * ($0["v"] as Double) / total) }.sorted { $0.1 > $1.1 }
        #expect(total == r.total)
        #expect(zip(firms, r.firms).allSatisfy { $0.0 == $1.company && abs($0.1 - $1.share) < 1e-9 })
        let cr5 = firms.prefix(5).reduce(0) { $0 + $1.1 }
        #expect(abs(cr5 - r.topShare5!) < 1e-9)
        #expect(abs(firms.reduce(0) { $0 + $1.1 * $1.1 } - r.hhiLow!) < 1e-6)
    }

    @Test func theSQLViewsGiveTheCommandsNumbers() throws {
        let db = try AppDatabase.inMemory(seed: true)
        for year in 2023...2025 {
            let r = try db.concentration(metric: "ai_compute_h100e", period: .year(year))
            let row = try db.reader.read { try Row.fetchOne($0, sql: "SELECT * FROM metric_year_concentration WHERE metric = 'ai_compute_h100e' AND year = ?", arguments: [year]) }!
            #expect(abs((row["top5_share"] as Double) - r.topShare5!) < 1e-9)
            #expect(abs((row["hhi_low"] as Double) - r.hhiLow!) < 1e-6)
            #expect(abs((row["hhi_high"] as Double) - r.hhiHigh!) < 1e-6)
            #expect(abs((row["coverage"] as Double) - r.coverage!) < 1e-9)
            #expect((row["band_us2023"] as String) == r.bands[.us2023])
            #expect((row["band_us2010"] as String) == r.bands[.us2010])
            let shares = try db.reader.read { try Row.fetchAll($0, sql: "SELECT company, share FROM metric_year_shares WHERE metric = 'ai_compute_h100e' AND year = ? AND rank IS NOT NULL ORDER BY rank", arguments: [year]) }
            #expect(shares.map { $0["company"] as String } == r.firms.map(\.company))
        }
    }

    /// The views follow the commands' rules (issue 21, item 9): for every metric and year of the
    /// seed, a row of metric_year_concentration exactly where the command gives a figure, with
    /// its numbers, bands and ranked firms.
    @Test func theViewsAgreeWithTheCommandForEveryMetricYearOfTheSeed() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let metrics = try db.reader.read { try String.fetchAll($0, sql: "SELECT DISTINCT metric FROM statistics WHERE company_id IS NOT NULL ORDER BY metric") }
        var figures = 0
        for metric in metrics {
            for year in 2022...2026 {
                let r = try db.concentration(metric: metric, period: .year(year))
                let row = try db.reader.read { try Row.fetchOne($0, sql: "SELECT * FROM metric_year_concentration WHERE metric = ? AND year = ?", arguments: [metric, year]) }
                guard let low = r.hhiLow else {
                    #expect(row == nil, "\(metric) \(year): the view has a figure, the command none (\(r.notes.last ?? ""))")
                    continue
                }
                figures += 1
                guard let row else { Issue.record("\(metric) \(year): no row in the view"); continue }
                #expect(abs((row["coverage"] as Double) - r.coverage!) < 1e-9 && abs((row["total"] as Double) - r.total!) < 1e-6 * r.total!, "\(metric) \(year)")
                // the command narrows the bounds by verified published CRn of the figure's period;
                // the views do not: there the view's range contains the command's
                let narrowed = r.published.contains { $0.measure.crN != nil && $0.verification == .verified && $0.figureOf == nil }
                let (viewLow, viewHigh) = (row["hhi_low"] as Double, row["hhi_high"] as Double)
                if narrowed {
                    #expect(viewLow <= low + 1e-6 && viewHigh >= r.hhiHigh! - 1e-6, "\(metric) \(year)")
                    continue
                }
                #expect(abs(viewLow - low) < 1e-6 && abs(viewHigh - r.hhiHigh!) < 1e-6, "\(metric) \(year): \(viewLow)-\(viewHigh), \(low)-\(r.hhiHigh!)")
                #expect((row["top5_share"] as Double?).map { abs($0 - r.topShare5!) < 1e-9 } ?? (r.topShare5 == nil), "\(metric) \(year)")
                #expect((row["band_us2023"] as String) == r.bands[.us2023] && (row["band_eu2004"] as String) == r.bands[.eu2004], "\(metric) \(year)")
                let firms = try db.reader.read { try String.fetchAll($0, sql: "SELECT company FROM metric_year_shares WHERE metric = ? AND year = ? AND rank IS NOT NULL ORDER BY rank", arguments: [metric, year]) }
                #expect(firms == r.firms.map(\.company), "\(metric) \(year)")
            }
        }
        #expect(figures >= 15)
    }

    @Test func aFigureBuiltOnDisputedValuesSaysSo() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let r = try db.concentration(metric: "ai_applications_share", period: .year(2025))
        #expect(r.notes.contains("1 of the 1 values used is marked disputed or contradicted"))
        #expect(try db.concentration(metric: "ai_compute_h100e", period: .year(2025)).notes.isEmpty)
    }

    @Test func theArticlesClaimAgreesAsANumber() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let r = try db.concentration(metric: "ai_compute_h100e", period: .year(2025))
        let claim = r.published.first { $0.source == "Stanford AI Index 2025" }!
        #expect(claim.verification == .contradicted)
        #expect(claim.agrees == true)
        #expect(claim.computed == r.topShare5)
    }
}
