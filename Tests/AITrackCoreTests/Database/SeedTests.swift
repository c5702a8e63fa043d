import Foundation
import GRDB
import Testing
@testable import AITrackCore

@Suite struct SeedTests {
    @Test func aNewFileIsSeededOnce() throws {
        let tmp = TempFolder()
        let path = tmp.path()
        let first = try AppDatabase.open(path: path)
        #expect(first.created)
        #expect((first.seed?.added ?? 0) > 250)
        let before = try snapshot(first.database)
        let again = try AppDatabase.open(path: path)
        #expect(!again.created && again.seed == nil)
        #expect(try snapshot(again.database) == before)
    }

    @Test func noSeedCreatesItEmpty() throws {
        let tmp = TempFolder()
        let opened = try AppDatabase.open(path: tmp.path(), seed: false)
        #expect(try count(opened.database, "SELECT count(*) FROM companies") == 0)
    }

    @Test func articleClaimsSitBesideTheirChecks() throws {
        let db = try AppDatabase.inMemory(seed: true)
        // the article's 7 bn deal is contradicted; Reuters' > 10 bn over six years is beside it
        #expect(try count(db, "SELECT count(*) FROM deals WHERE value = 7e9 AND verification = 'contradicted' AND cited_by_id IS NOT NULL") == 1)
        #expect(try count(db, "SELECT count(*) FROM deals WHERE value = 1e10 AND qualifier = 'at_least' AND term_months = 72 AND verification = 'verified'") == 1)
        // the top-five claim, as the article states it, contradicted
        #expect(try count(db, """
            SELECT count(*) FROM statistics_overview WHERE metric = 'ai_compute_h100e' AND measure = 'cr5' AND value = 70
              AND qualifier = 'at_least' AND source = 'Stanford AI Index 2025' AND cited_by = 'news article, 2025' AND verification = 'contradicted'
            """) == 1)
        #expect(try count(db, "SELECT count(*) FROM statistics WHERE metric = 'ai_infrastructure_market_usd' AND value = 86e9 AND verification = 'contradicted'") == 1)
        #expect(try count(db, "SELECT count(*) FROM statistics WHERE metric = 'ai_applications_share' AND value = 38 AND verification = 'disputed'") == 1)
        #expect(try count(db, "SELECT count(*) FROM statistics WHERE metric = 'ai_training_multicloud_share' AND forecast = 1") == 1)
        #expect(try count(db, "SELECT count(*) FROM statistics WHERE metric = 'model_development_cost_usd' AND value = 1e8") == 2)
        // Google as AI Alliance member: contradicted; founding members verified
        #expect(try count(db, "SELECT count(*) FROM memberships_overview WHERE company = 'Alphabet' AND verification = 'contradicted'") == 1)
        #expect(try count(db, "SELECT count(*) FROM memberships_overview WHERE role = 'founding' AND company IN ('IBM', 'Meta Platforms', 'AMD')") == 3)
        // Google Cloud is a subsidiary of Alphabet, reached through the alias Google
        #expect(try count(db, "SELECT count(*) FROM company_ultimate_parents WHERE company = 'Google Cloud' AND ultimate_parent = 'Alphabet'") == 1)
        for name in ["Alphabet", "Google Cloud", "Meta Platforms", "OpenAI", "Microsoft", "Amazon", "Amazon Web Services", "IBM", "AMD", "Mistral AI", "Nvidia"] {
            #expect(try count(db, "SELECT count(*) FROM companies WHERE name = ?", [name]) == 1, "\(name) missing")
        }
    }

    /// The Epoch AI seed equals the CSV files, read here by an independent route.
    @Test func epochSeedMatchesTheCSVFiles() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let root = EmbeddedResourcesTests.root.appendingPathComponent("data/epoch-ai-chip-counts")
        var checked = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: root.path) where file.hasSuffix("_cumulative_totals.csv") {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            let lines = text.split(separator: "\n").map(String.init)
            let header = lines[0].split(separator: ",").map(String.init)
            let owner = header.firstIndex(of: "Owner")!, end = header.firstIndex(of: "End date")!
            let median = header.firstIndex(of: "Compute estimate in H100e (median)")!
            for line in lines.dropFirst() {
                // the numeric columns come before any quoted field in these files
                let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                let mdy = f[end].split(separator: "/").map { Int($0)! }
                let iso = String(format: "%04d-%02d-%02d", mdy[2], mdy[0], mdy[1])
                let company = f[owner] == "Google" ? "Alphabet" : f[owner] == "Meta" ? "Meta Platforms" : f[owner]
                let n = try count(db, """
                    SELECT count(*) FROM statistics_overview WHERE metric = 'ai_compute_h100e' AND date = ? AND company = ? AND value = ? AND source = 'Epoch AI'
                    """, [iso, company, Double(f[median])!])
                #expect(n == 1, "\(file): \(line)")
                checked += 1
            }
        }
        #expect(checked == 185)
    }

    /// Issue 21, item 8: each value cites what it comes from, the research's documented choices
    /// win, qualifiers are as the text states them, a contradicted membership has no joining date.
    @Test func theSeedSlipsAreCorrected() throws {
        let db = try AppDatabase.inMemory(seed: true)
        // xAI's 2024 holding is no row of Epoch's xAI list, which starts later
        let csv = try String(contentsOf: EmbeddedResourcesTests.root.appendingPathComponent("data/epoch-ai-chip-counts/xai_chip_quantities.csv"), encoding: .utf8)
        let first = csv.split(separator: "\n").dropFirst().compactMap { $0.split(separator: ",").dropFirst(2).first.map(String.init) }.min()!
        #expect(first == "2025-07-22")
        let xai = try db.reader.read { try Row.fetchOne($0, sql: "SELECT source, qualifier FROM statistics_overview WHERE metric = 'ai_compute_h100e' AND company = 'xAI' AND date < ?", arguments: [first]) }
        #expect(xai?["source"] as String? == "xAI (Elon Musk on X)" && xai?["qualifier"] as String? == "at_least")
        #expect(try count(db, "SELECT count(*) FROM statistics_overview WHERE source LIKE 'Epoch AI (xAI%' AND date < ?", [first]) == 0)
        // cloud 2024-Q3: the research chose Synergy's release text (13 %) over a list's 12 % (its conflict 8)
        let q3 = try db.concentration(metric: "cloud_market_share", period: Period(try EntryDate.parse("2024-Q3")))
        #expect(q3.firms.first { $0.company == "Alphabet" }?.value == 13)
        // "rund 60 %" is about 60 %
        #expect(try count(db, "SELECT count(*) FROM statistics WHERE metric = 'ai_training_multicloud_share' AND value = 60 AND qualifier = 'approx'") == 1)
        // the contradicted membership is no event of any year
        #expect(try count(db, "SELECT count(*) FROM alliance_members WHERE verification = 'contradicted' AND date IS NOT NULL") == 0)
        let report = try db.report(.year(2025))
        #expect(report.memberships.allSatisfy { $0.verification != "contradicted" })
    }
}
