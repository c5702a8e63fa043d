import Foundation
import GRDB
import Testing
@testable import AITrackCore

/// The bundled market data (seed-data/market_2022_2026.ndjson) kept honest: sourced, graded,
/// dated, and counted once.
@Suite struct MarketSeedTests {
    @Test func everyBundledDealAndStatisticHasASourceWithAURLAVerificationAndADate() throws {
        let db = try AppDatabase.inMemory(seed: true)
        for table in ["deals", "statistics"] {
            // the one exception: a claim as the news article states it, attributed to a source it
            // names without a page (relayed by the article, never marked verified)
            #expect(try count(db, """
                SELECT count(*) FROM \(table) t JOIN sources s ON s.id = t.source_id LEFT JOIN sources cb ON cb.id = t.cited_by_id
                WHERE (coalesce(s.url, s.via_url) IS NULL OR coalesce(s.url, s.via_url) NOT LIKE 'http%') AND NOT (cb.name = 'news article, 2025' AND t.verification <> 'verified')
                """) == 0, "\(table) without a source URL")
            #expect(try count(db, "SELECT count(*) FROM \(table) WHERE verification IS NULL OR date IS NULL") == 0)
        }
        // what the research marks unverified stays so
        #expect(try count(db, "SELECT count(*) FROM statistics WHERE metric IN ('llm_api_enterprise_share', 'llm_enterprise_share') AND verification <> 'unverified'") == 0)
        #expect(try count(db, "SELECT count(*) FROM statistics WHERE date = '2026-01-01' AND metric = 'cloud_market_share' AND note NOT LIKE '%Provisional%'") == 0)
        // high confidence → verified, medium and low → unverified with the reason in the note
        #expect(try count(db, "SELECT count(*) FROM deals WHERE entry_key LIKE 'market-%' AND verification = 'unverified' AND note NOT LIKE '%confidence %'") == 0)
    }

    @Test func overlappingDealsCountOnce() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let t2026 = try db.report(.year(2026)).dealTotals
        #expect(t2026.superseded.contains { $0.hasPrefix("OpenAI $110B round") && $0.contains("superseded by OpenAI completes round at $122B") })
        let t2025 = try db.report(.year(2025)).dealTotals
        #expect(t2025.superseded.contains { $0.contains("letter of intent") })
        #expect(t2025.contradicted.contains { $0.hasPrefix("Meta contracts with Google Cloud, as the article states them") })
        // the Meta–Google Cloud contract is stored once (the article seed's), not again from the research
        #expect(try count(db, "SELECT count(*) FROM deals WHERE date LIKE '2025-08%' AND value = 1e10") == 1)
        // the three OpenAI–CoreWeave contracts are related, and each counts once
        #expect(try count(db, "SELECT count(*) FROM deal_relations r JOIN deals d ON d.id = r.other_id WHERE r.relation = 'expands' AND d.entry_key = 'market-2025-03-10-cloud-contract-openai-coreweave'") == 2)
        #expect(try db.check().isEmpty)
    }

    @Test func theCloudMarketByQuarter() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let series = try db.concentrationSeries(metric: "cloud_market_share", period: Period(from: .init(year: 2022, precision: .year), to: .init(year: 2026, precision: .year)), by: .quarter)
        #expect(series.results.count == 17)   // 2022-Q1 … 2026-Q1
        for r in series.results {
            #expect(r.unit == Units.percent && r.total == 100 && r.hhiLow != nil && r.hhiHigh! >= r.hhiLow!)
        }
        let q3 = series.results.first { $0.period.fromISO == "2025-07-01" }!
        #expect(q3.cr[3] == 62)   // AWS 29 + Microsoft 20 + Google 13
        #expect(q3.published.contains { $0.measure == .cr3 && $0.value == 63 && $0.agrees == true })
        // the market size turns shares into dollars
        #expect(try count(db, "SELECT count(DISTINCT date) FROM statistics WHERE metric = 'cloud_infrastructure_market_usd' AND company_id IS NULL") >= 15)
    }

    @Test func capitalExpenditureCoversTheNamedFirmsOnly() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let c = try db.concentration(metric: "capex_usd", period: .year(2025))
        #expect(c.firms.map(\.company) == ["Amazon", "Alphabet", "Microsoft", "Meta Platforms"])
        #expect(c.denominator == "sum of named companies only")
        #expect(c.notes.contains { $0.contains("named companies' sum only") })
        // fiscal years are a metric of their own; guidance is a forecast, left out
        #expect(try count(db, "SELECT count(*) FROM statistics WHERE metric = 'capex_usd' AND note NOT LIKE '%Calendar year.%'") == 0)
        #expect(try db.concentration(metric: "capex_usd", period: .year(2026)).firms.isEmpty)
    }

    /// Outlets the seed names and the hosts of their own pages.
    static let outlets: [String: [String]] = [
        "Reuters": ["reuters.com"], "Bloomberg": ["bloomberg.com"], "CNBC": ["cnbc.com"], "Financial Times": ["ft.com"],
        "The Wall Street Journal": ["wsj.com"], "The Information": ["theinformation.com"], "TechCrunch": ["techcrunch.com"],
        "The Guardian": ["theguardian.com"], "Epoch AI": ["epoch.ai", "github.com"], "Synergy Research Group": ["srgresearch.com"],
        "TrendForce": ["trendforce.com"], "Counterpoint Research": ["counterpointresearch.com"], "Omdia": ["omdia.com", "informa.com"],
        "Gartner": ["gartner.com"], "IDC": ["idc.com"], "TechInsights": ["techinsights.com"], "Axios": ["axios.com"], "Wired": ["wired.com"],
        "Tom's Hardware": ["tomshardware.com"], "Los Angeles Times": ["latimes.com"], "Sherwood News": ["sherwood.news"],
        "Benzinga": ["benzinga.com"], "Stanford AI Index": ["stanford.edu"], "MarketsandMarkets": ["marketsandmarkets.com"],
        "RTTNews": ["rttnews.com"], "Barron's": ["barrons.com"], "Indian Express": ["indianexpress.com"], "IANS": ["ians.in"],
        "Business Standard": ["business-standard.com"], "Grand View Research": ["grandviewresearch.com"],
    ]

    /// A source named as a known outlet carries that outlet's own address, or names the page it
    /// was read on (`via`): the originator and the relay are two fields (issue 28, item 5).
    @Test func noKnownOutletCarriesAnotherOutletsAddressWithoutAVia() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let rows = try db.reader.read { try Row.fetchAll($0, sql: "SELECT name, url, via, via_url FROM sources") }
        var checked = 0
        for r in rows {
            let name: String = r["name"]
            // no relay inside a name: "X (via Y)", "X via Y" or "Y (Reuters)" is X read at Y
            #expect(!name.contains(" via ") && !name.contains("(via "), "a relay in the name: \(name)")
            guard let outlet = Self.outlets.keys.first(where: { name == $0 || name.hasPrefix($0 + " ") }), let url: String = r["url"] else { continue }
            let host = URL(string: url)?.host ?? ""
            #expect(Self.outlets[outlet]!.contains { host == $0 || host.hasSuffix("." + $0) }, "\(name) at \(url)")
            checked += 1
        }
        #expect(checked >= 5)
        // every relayed page is an address of its own, and the seed's known cases are relays now
        #expect(try count(db, "SELECT count(*) FROM sources WHERE via IS NOT NULL AND via_url NOT LIKE 'http%'") == 0)
        #expect(try count(db, "SELECT count(*) FROM sources WHERE name = 'Reuters' AND via = 'Newsmax' AND url IS NULL") == 1)
        #expect(try count(db, "SELECT count(*) FROM sources WHERE name = 'Epoch AI' AND via_url LIKE 'https://aihot.virxact.com/%'") == 1)
        #expect(try count(db, "SELECT count(*) FROM sources WHERE url LIKE '%newsmax.com%' OR url LIKE '%virxact.com%'") == 0)
    }
}
