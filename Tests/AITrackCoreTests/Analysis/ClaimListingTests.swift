import Foundation
import GRDB
import Testing
@testable import AITrackCore

/// `claims`: the fact check in one listing (issue 21, item 7).
@Suite struct ClaimListingTests {
    static func rows(_ t: ResultTable) -> [[String: String]] {
        t.rows.map { Dictionary(uniqueKeysWithValues: zip(t.columns, $0.map(\.plain))) }
    }

    /// Every row the article states or relays is a claim, and every published CRn or HHI; counted
    /// here by plain queries of the tables, not by the listing's.
    @Test func theSeedsClaimsAreTheArticlesRowsAndThePublishedFigures() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let claims = Self.rows(try db.claims())
        let (article, published) = try db.reader.read { db in
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM sources WHERE name = 'news article, 2025'")!
            var n = 0
            for table in ["statistics", "deals", "alliance_members"] {
                n += try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE cited_by_id = ? OR source_id = ?", arguments: [id, id])!
            }
            let published = try Int.fetchOne(db, sql: "SELECT count(*) FROM statistics WHERE measure <> 'value' AND cited_by_id IS NOT ?", arguments: [id])!
            return (n, published)
        }
        #expect(article == 8)   // six statistics, the 7 bn deal and the Google membership
        #expect(claims.count == article + published)
        #expect(claims.filter { $0["said_by"] == "news article, 2025" }.count == article)
        #expect(Set(claims.map { $0["kind"]! }) == ["statistic", "deal", "membership"])
        // the contradicted membership says so, with its reason, and no joining date
        let google = try #require(claims.first { $0["kind"] == "membership" })
        #expect(google["claim"] == "Alphabet is a member of AI Alliance" && google["verdict"] == "contradicted" && google["date"] == "")
        #expect(google["reason"]?.contains("no evidence was found that it joined later") == true)
    }

    /// The article's "over 70 %" is contradicted (the AI Index does not say it) while the number
    /// agrees with the data: the claim gives both, with the figure concentration computes.
    @Test func aContradictedClaimCanAgreeWithTheData() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let claims = Self.rows(try db.claims(ListFilter(verification: .contradicted)))
        #expect(!claims.isEmpty && claims.allSatisfy { $0["verdict"] == "contradicted" })
        let ai = try #require(claims.first { $0["claim"] == "cr5 of ai_compute_h100e 2025: at least 70 %" })
        #expect(ai["said_by"] == "news article, 2025" && ai["cites"] == "Stanford AI Index 2025")
        #expect(ai["reason"]?.hasPrefix("The AI Index 2025 does not state it") == true)
        #expect(ai["evidence"] == "https://hai.stanford.edu/ai-index/2025-ai-index-report")
        let cr5 = try #require(try db.concentration(metric: "ai_compute_h100e", period: .year(2025)).cr[5])
        #expect(ai["computed"] == "computed \(NumberText.fixed(cr5, 2)) %: the data agree with the number")
        #expect(NumberText.fixed(cr5, 2) == "73.56")
        // the deal the article misstates shows whom the article cites
        let deal = try #require(claims.first { $0["kind"] == "deal" })
        #expect(deal["claim"] == "Meta contracts with Google Cloud, as the article states them: at least 7,000,000,000 USD")
        #expect(deal["said_by"] == "news article, 2025" && deal["cites"] == "Reuters" && deal["computed"] == "")
    }

    /// A user's own claims: a relayed value, a published CR3 the data agree with, one they do not,
    /// and a CR3 of a quarter without data.
    @Test func aUsersClaimsAreComparedWithTheirOwnPeriod() throws {
        let db = try AppDatabase.inMemory()
        let firm = #"{"type":"statistic","metric":"gpu_share","unit":"percent","source":"Tracker","date":"2025-Q2","#
        let lines = [
            #"{"type":"metric","name":"gpu_share","unit":"percent","kind":"share","market":"GPUs sold, worldwide","period":"quarter"}"#,
            firm + #""company":"A","value":50}"#, firm + #""company":"B","value":30}"#, firm + #""company":"C","value":20}"#,
            #"{"type":"statistic","metric":"gpu_share","measure":"cr3","unit":"percent","date":"2025-Q2","value":100,"source":"Blog","cited_by":"Newsletter","verification":"disputed","note":"The blog rounds up. More text."}"#,
            #"{"type":"statistic","metric":"gpu_share","measure":"cr1","unit":"percent","date":"2025-Q2","value":80,"source":"Rival"}"#,
            #"{"type":"statistic","metric":"gpu_share","measure":"cr1","unit":"percent","date":"2024-Q2","value":60,"source":"Rival"}"#,
        ]
        _ = try db.ingest([ndjson(lines.joined(separator: "\n") + "\n")], options: IngestOptions())
        let claims = Self.rows(try db.claims())
        #expect(claims.map { $0["claim"]! } == ["cr1 of gpu_share 2024-Q2: 60 %", "cr3 of gpu_share 2025-Q2: 100 %", "cr1 of gpu_share 2025-Q2: 80 %"])
        #expect(claims.map { $0["computed"]! } == ["not computable from the data",
                                                   "computed 100.00 %: the data agree with the number",
                                                   "computed 50.00 %: the data do not agree with the number"])
        #expect(claims[1]["said_by"] == "Newsletter" && claims[1]["cites"] == "Blog" && claims[1]["verdict"] == "disputed")
        #expect(claims[0]["said_by"] == "Rival" && claims[0]["cites"] == "")
        // the relayed source's own values are claims too (Newsletter relays; Tracker does not)
        #expect(try db.claims(ListFilter(source: "Tracker")).rows.isEmpty)
        #expect(try db.claims(ListFilter(source: "Newsletter")).rows.count == 1)
        // the concentration line names why it is doubted: the note's first sentence
        let p = try #require(try db.concentration(metric: "gpu_share", period: Period(try EntryDate.parse("2025-Q2"))).published.first { $0.measure == .cr3 })
        #expect(p.reason == "The blog rounds up. More text.")
        #expect(ConcentrationFormatter.publishedLine(p, unit: "percent").contains("[disputed: The blog rounds up.]; computed 100.00 %: the data agree with the number"))
    }
}
