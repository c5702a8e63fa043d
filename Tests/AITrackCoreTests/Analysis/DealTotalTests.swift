import Foundation
import GRDB
import Testing
@testable import AITrackCore

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

    /// A cancelled deal leaves every total, a rumoured one is totalled apart, and a deal part of
    /// another counts in its kind's total but not in the all-kinds total (issue 21, item 6).
    @Test func cancelledRumouredAndPartOfDealsCountAsTheRuleSays() throws {
        let db = try AppDatabase.inMemory()
        _ = try db.ingest([ndjson("""
            {"type":"deal","id":"prog","date":"2025-09-23","kind":"other","parties":["A:partner","B:partner"],"value":400,"currency":"USD","source":"S"}
            {"type":"deal","id":"part","date":"2025-09-10","kind":"cloud_contract","parties":["A:customer","B:provider"],"value":300,"currency":"USD","source":"S","part_of":["prog"],"part_of_source":"W","part_of_source_url":"https://w.example/x"}
            {"type":"deal","date":"2025-07","kind":"acquisition","parties":["C:acquirer","D:target"],"value":9,"currency":"USD","status":"cancelled","source":"S"}
            {"type":"deal","date":"2025-09-19","kind":"cloud_contract","parties":["E:customer","B:provider"],"value":20,"currency":"USD","status":"rumored","source":"S"}
            {"type":"deal","date":"2025-10-01","kind":"cloud_contract","parties":["F:customer","B:provider"],"value":5,"currency":"USD","status":"signed","source":"S"}

            """)], options: IngestOptions())
        let t = try db.report(.year(2025)).dealTotals
        #expect(t.usdTotal == 405)
        #expect(t.withValue == 2)
        #expect(t.cancelled.map(\.usd) == [9] && t.cancelled[0].deal.hasPrefix("acquisition: C – D (2025-07)"))
        #expect(t.rumoredUSD == 20)
        #expect(t.partOf.count == 1 && t.partOfUSD == 300 && t.partOf[0].deal.contains("part of other: A – B (2025-09-23)"))
        let kinds = Dictionary(uniqueKeysWithValues: t.byKind.map { ($0.kind, $0.usd) })
        #expect(kinds == ["other": 400, "cloud_contract": 305])
        #expect(t.includesLine == "in the total: signed, announced, reported and completed deals with a value in USD terms; not in it: "
                + "1 cancelled (9 USD), 1 in talks or rumoured (20 USD, totalled apart), 1 part of another deal (300 USD, in its kind's total only)")
        let relation = try db.reader.read {
            try String.fetchOne($0, sql: "SELECT r.relation || ' ' || s.name || ' ' || s.url FROM deal_relations r JOIN sources s ON s.id = r.source_id")
        }
        #expect(relation == "part_of W https://w.example/x")
    }

    /// A deal part of a programme that is itself cancelled or contradicted is counted in full:
    /// the programme holds it nowhere.
    @Test func partOfAProgrammeCountedNowhereCountsInFull() throws {
        let db = try AppDatabase.inMemory()
        _ = try db.ingest([ndjson("""
            {"type":"deal","id":"prog","date":"2025-09-23","kind":"other","parties":["A:partner","B:partner"],"value":400,"currency":"USD","status":"cancelled","source":"S"}
            {"type":"deal","id":"part","date":"2025-09-10","kind":"cloud_contract","parties":["A:customer","B:provider"],"value":300,"currency":"USD","source":"S","part_of":["prog"]}

            """)], options: IngestOptions())
        let t = try db.report(.year(2025)).dealTotals
        #expect(t.usdTotal == 300 && t.partOf.isEmpty && t.cancelledUSD == 400)
    }

    @Test func partOfNamesAStoredDealAndNotItself() throws {
        let db = try AppDatabase.inMemory()
        #expect(throws: (any Error).self) {
            _ = try db.ingest([ndjson("""
                {"type":"deal","id":"x","date":"2025-09-10","kind":"cloud_contract","parties":["A:customer","B:provider"],"source":"S","part_of":["x"]}

                """)], options: IngestOptions())
        }
        #expect(throws: (any Error).self) {
            _ = try db.ingest([ndjson("""
                {"type":"deal","date":"2025-09-10","kind":"cloud_contract","parties":["A:customer","B:provider"],"source":"S","part_of_source":"W"}

                """)], options: IngestOptions())
        }
    }
}
