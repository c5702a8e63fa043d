import Foundation
import GRDB
import Testing
@testable import AITrackCore

/// Hand-worked cases of DESIGN §5 on the pure calculation.
@Suite struct ConcentrationCalculatorTests {
    let p = Period.year(2025)

    func shares(_ values: [Double], unit: String = Units.percent, aggregates: [Double] = []) -> ConcentrationResult {
        var h = values.enumerated().map { Holding(statisticID: Int64($0.offset), company: "Firm \($0.offset)", date: "2025-12-31", value: $0.element) }
        h += aggregates.enumerated().map { Holding(statisticID: Int64(100 + $0.offset), company: "Agg \($0.offset)", isAggregate: true, date: "2025-12-31", value: $0.element) }
        return ConcentrationCalculator.compute(metric: "m", unit: unit, period: p, holdings: h)
    }

    @Test func dojExample() {
        let r = shares([30, 30, 20, 20])
        #expect(r.hhiLow == 2600)
        #expect(r.hhiHigh == 2600)
        #expect(r.cr[1] == 30 && r.cr[3] == 80 && r.cr[4] == 100)
        #expect(r.topShare5 == nil)   // only four firms
        #expect(r.bands[.us2023] == "highly concentrated")
        #expect(r.bands[.us2010] == "highly concentrated")
        #expect(r.bands[.eu2004] == "highly concentrated")
    }

    @Test func monopoly() {
        let r = shares([100])
        #expect(r.hhiLow == 10_000 && r.hhiHigh == 10_000)
        #expect(r.cr[1] == 100)
        let inUnits = shares([42_000], unit: "USD")
        #expect(inUnits.hhiLow == 10_000 && inUnits.cr[1] == 100)
    }

    @Test func singleFirmWithAnUnknownRest() {
        // 38 % named, 62 % unattributed: the rest is firms of at most 38 %: 38² + 38² + 24²
        let r = shares([38])
        #expect(r.coverage == 38)
        #expect(r.hhiLow == 1444)
        let high: Double = 1444 + 1444 + 576
        #expect(r.hhiHigh == high)
        #expect(r.bands[.us2023] == "moderately concentrated to highly concentrated")
        #expect(r.bands[.us2010] == "unconcentrated to highly concentrated")
    }

    @Test func tiesAtRankFive() {
        let r = shares([20, 20, 15, 10, 10, 10, 10, 5])
        #expect(r.cr[5] == 75)
        #expect(r.cr[6] == 85)
        // ties are ordered by name, so the ranking is stable
        #expect(r.firms.map(\.company).prefix(5) == ["Firm 0", "Firm 1", "Firm 2", "Firm 3", "Firm 4"])
        let expected: Double = 400 + 400 + 225 + 400 + 25
        #expect(r.hhiLow == expected)
    }

    @Test func noCompanyDataIsNotApplicable() {
        let r = shares([])
        #expect(r.total == 100)   // a percent metric's total is 100 by definition, data or not
        #expect(shares([], unit: "USD").total == nil)
        #expect(r.hhiLow == nil && r.hhiHigh == nil && r.cr.isEmpty && r.coverage == nil)
        #expect(r.notes.last?.hasPrefix("n/a") == true)
        let zero = shares([0, 0], unit: "USD")
        #expect(zero.hhiLow == nil)
    }

    @Test func coverageBelowHundredWithTheTailBound() {
        // metrics.md §4b: Synergy Q3 2024, 31/20/12/4/3/2/2/2/2, tail 22 %
        let r = shares([31, 20, 12, 4, 3, 2, 2, 2, 2])
        #expect(r.cr[3] == 63 && r.cr[5] == 70)
        #expect(r.hhiLow == 1546)
        #expect(r.coverage == 78)
        // tail firms no larger than 2 %: eleven of them
        let high: Double = 1546 + 44
        #expect(r.hhiHigh == high)
    }

    @Test func aggregatesLargerThanEveryFirmNeverRank() {
        let r = shares([10, 5], unit: "H100e", aggregates: [85])
        #expect(r.total == 100)
        #expect(r.firms.map(\.company) == ["Firm 0", "Firm 1"])
        #expect(r.aggregates.first?.share == 85)
        #expect(r.cr[1] == 10)
        #expect(r.coverage == 15)
        #expect(r.hhiLow == 125)
        // the 85 % of aggregates is unknown tail of firms of at most 5 %: 17 × 25
        let high: Double = 125 + 425
        #expect(r.hhiHigh == high)
    }

    @Test func latestDateVerifiedThenLatestIngestedAndConsolidation() {
        let h = [
            Holding(statisticID: 1, company: "Google Cloud", ultimateParent: "Alphabet", segment: "TPU", date: "2025-06-30", value: 50),
            Holding(statisticID: 2, company: "Google Cloud", ultimateParent: "Alphabet", segment: "TPU", date: "2025-12-31", value: 80, ingestOrder: 1),
            Holding(statisticID: 3, company: "Google Cloud", ultimateParent: "Alphabet", segment: "TPU", date: "2025-12-31", value: 70, verified: true, ingestOrder: 0),
            Holding(statisticID: 4, company: "Google Cloud", ultimateParent: "Alphabet", segment: "TPU", date: "2025-12-31", value: 90, ingestOrder: 2),
            Holding(statisticID: 5, company: "Alphabet", segment: "Nvidia", date: "2025-12-31", value: 30),
            Holding(statisticID: 6, company: "Meta", segment: "Nvidia", date: "2025-09-30", value: 100),
            Holding(statisticID: 7, company: "Other", isAggregate: true, date: "2025-12-31", value: 100),
        ]
        let r = ConcentrationCalculator.compute(metric: "m", unit: "H100e", period: p, holdings: h)
        #expect(r.alternativesSetAside == 2)
        #expect(r.firms.map(\.company) == ["Alphabet", "Meta"])
        #expect(r.firms[0].value == 100)   // verified 70 (TPU) + 30 (Nvidia)
        #expect(r.total == 300)
        #expect(Set(r.statisticIDs) == [3, 5, 6, 7])
        let apart = ConcentrationCalculator.compute(metric: "m", unit: "H100e", period: p, holdings: h, consolidate: false)
        #expect(apart.firms.map(\.company) == ["Meta", "Google Cloud", "Alphabet"])
    }

    @Test func aLargerMarketTotalIsTheDenominator() {
        let h = [Holding(company: "A", date: "2025-12-31", value: 30), Holding(company: "B", date: "2025-12-31", value: 20)]
        let r = ConcentrationCalculator.compute(metric: "m", unit: "USD", period: p, holdings: h,
                                                marketTotals: [MarketTotal(date: "2025", value: 200, source: "Analyst")])
        #expect(r.total == 200 && r.cr[1] == 15 && r.coverage == 25)
        let smaller = ConcentrationCalculator.compute(metric: "m", unit: "USD", period: p, holdings: h,
                                                      marketTotals: [MarketTotal(date: "2025", value: 10, source: "Analyst")])
        #expect(smaller.total == 50)
        #expect(smaller.notes.contains { $0.contains("overstate") })
    }

    @Test func publishedFiguresAgreeOrNot() {
        let r = ConcentrationCalculator.compute(
            metric: "m", unit: Units.percent, period: p,
            holdings: [20, 20, 15, 10, 9].enumerated().map { Holding(company: "F\($0.offset)", date: "2025-12-31", value: $0.element) },
            published: [
                PublishedFigure(measure: .cr5, date: "2025", value: 70, qualifier: .atLeast, source: "A"),   // 74 ≥ 70
                PublishedFigure(measure: .cr5, date: "2025", value: 80, qualifier: .atLeast, source: "B"),   // 74 < 79
                PublishedFigure(measure: .cr5, date: "2025", value: 74.8, source: "C"),                        // within 1 point
                PublishedFigure(measure: .cr3, date: "2025", value: 50, qualifier: .atMost, source: "D"),     // 55 > 51
                PublishedFigure(measure: .hhi, date: "2025", value: 1300, source: "E"),
            ])
        #expect(r.published.map(\.agrees) == [true, false, true, false, true])
        #expect(r.published[0].computed == 74)
        #expect(r.hhiLow == 1206)
    }

    @Test(arguments: [(999.0, "unconcentrated"), (1000, "moderately concentrated"), (1800, "moderately concentrated"), (1800.5, "highly concentrated")])
    func us2023Thresholds(hhi: Double, band: String) {
        #expect(Regime.us2023.band(hhi) == band)
    }
}

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
        // a percent metric, too
        let cloud = try db.concentration(metric: "cloud_market_share", period: .year(2024))
        let row = try db.reader.read { try Row.fetchOne($0, sql: "SELECT * FROM metric_year_concentration WHERE metric = 'cloud_market_share' AND year = 2024") }!
        #expect((row["hhi_low"] as Double) == cloud.hhiLow)
        #expect((row["hhi_high"] as Double) == cloud.hhiHigh)
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

@Suite struct DealTotalTests {
    @Test func currenciesConvertWithTheRateOnOrBeforeTheDateOrAreLeftOut() throws {
        let db = try AppDatabase.inMemory()
        _ = try db.ingest([ndjson("""
            {"type":"fx","currency":"EUR","date":"2024-12-31","usd":1.04}
            {"type":"fx","currency":"EUR","date":"2025-06-30","usd":1.17}
            {"type":"fx","currency":"EUR","date":"2025-12-31","usd":1.2}
            {"type":"deal","date":"2025-08-01","kind":"investment","parties":["A:investor","B:investee"],"value":100,"currency":"EUR","source":"S"}
            {"type":"deal","date":"2025-03-01","kind":"investment","parties":["A:investor","C:investee"],"value":100,"currency":"EUR","source":"S"}
            {"type":"deal","date":"2025-09-01","kind":"investment","parties":["A:investor","D:investee"],"value":50,"currency":"GBP","source":"S"}
            {"type":"deal","date":"2025-10-01","kind":"investment","parties":["A:investor","E:investee"],"value":10,"currency":"USD","source":"S"}
            {"type":"deal","date":"2025-11-01","kind":"investment","parties":["A:investor","F:investee"],"value":999,"currency":"USD","source":"S","verification":"contradicted"}

            """)], options: IngestOptions())
        let r = try db.report(.year(2025))
        // 100 EUR at 1.17 (30 June, the latest on or before 1 August), 100 EUR at 1.04, 10 USD;
        // the GBP deal has no rate and the contradicted one is not added
        #expect(abs(r.dealTotals.usdTotal - (117 + 104 + 10)) < 1e-9)
        #expect(r.dealTotals.withValue == 3)
        #expect(r.dealTotals.withoutRate.count == 1 && r.dealTotals.withoutRate[0].contains("GBP"))
        #expect(r.dealTotals.contradicted.count == 1)
        let text = ReportRenderers.renderer(for: .table).render(r)
        #expect(text.contains("left out of the USD total, no exchange rate on or before its date: investment: A – D (GBP, 2025-09-01)"))
    }
}
