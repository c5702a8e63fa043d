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
}
