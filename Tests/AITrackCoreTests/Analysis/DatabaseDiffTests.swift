import Foundation
import GRDB
import Testing
@testable import AITrackCore

@Suite struct DatabaseDiffTests {
    static func seeded() throws -> AppDatabase { try AppDatabase.inMemory(seed: true) }

    /// Alphabet's TPU estimate for the end of 2025 revised up by a tenth (value and high).
    static let alphabetTPURevised = """
        UPDATE statistics SET value = value * 1.1, high = high * 1.1 WHERE metric = 'ai_compute_h100e' AND date = '2025-12-31' AND segment = 'TPU'
          AND company_id = (SELECT id FROM companies WHERE name = 'Alphabet')
        """

    /// A database diffed with itself (or with another seeded one) reports nothing.
    @Test func theSameDataGiveNoDifferences() throws {
        let a = try Self.seeded(), b = try Self.seeded()
        #expect(try DatabaseDiff.compute(old: a, new: a).isEmpty)
        #expect(try DatabaseDiff.compute(old: a, new: b).isEmpty)
    }

    /// A revised value is one changed entry naming the field; a new owner one added entry; a
    /// dropped row one removed; and the CR5 and HHI they move are listed, compared with the
    /// figures each database's view gives.
    @Test func aRevisionIsNamedWithTheFiguresItMoves() throws {
        let old = try Self.seeded(), new = try Self.seeded()
        try new.dbWriter.write { db in
            try db.execute(sql: Self.alphabetTPURevised)
            try db.execute(sql: "DELETE FROM statistics WHERE metric = 'ai_compute_h100e' AND date = '2022-03-31' AND company_id = "
                           + "(SELECT id FROM companies WHERE name = 'Oracle')")
        }
        _ = try new.ingest([IngestInput(name: "n.ndjson", data: Data(#"""
            {"type":"statistic","metric":"ai_compute_h100e","date":"2025-12-31","company":"Nebius","segment":"Nvidia","value":90000,"unit":"H100e","source":"Epoch AI","source_url":"https://github.com/epoch-research/ai-chip-counts"}
            """#.utf8))], options: IngestOptions())
        let d = try DatabaseDiff.compute(old: old, new: new)
        let stats = try #require(d.entries.first { $0.type == .statistic })
        #expect(stats.added == ["ai_compute_h100e | value | 2025-12-31 | nebius | nvidia |  | epoch ai | https://github.com/epoch-research/ai-chip-counts"])
        #expect(stats.removed.count == 1 && stats.removed[0].hasPrefix("ai_compute_h100e | value | 2022-03-31 | oracle | nvidia"))
        #expect(stats.changed.count == 1 && stats.changed[0].fields.map(\.field) == ["high", "value"])
        let others = d.entries.filter { $0.type != .statistic }.filter { !$0.isEmpty }.map(\.type)
        #expect(others.isEmpty, "\(others)")
        func cr5(_ db: AppDatabase) throws -> String {
            DatabaseDiff.text(try db.reader.read { try Double.fetchOne($0, sql: """
                SELECT top5_share FROM metric_year_concentration WHERE metric = 'ai_compute_h100e' AND year = 2025
                """)! })
        }
        let moved = DatabaseDiff.Figure(figure: "ai_compute_h100e 2025 CR5", old: try cr5(old), new: try cr5(new))
        #expect(moved.old != moved.new && d.figures.contains(moved), "\(d.figures)")
        #expect(!d.figures.contains { $0.figure.hasPrefix("foundry") || $0.figure.hasPrefix("deals") })
    }

    /// A revision dated in a quarter moves that quarter's figures too, each equal to what
    /// `concentration` computes for the quarter in either database; a claim whose verdict
    /// changed is listed with the old and new verdict.
    @Test func quartersAndClaimVerdicts() throws {
        let old = try Self.seeded(), new = try Self.seeded()
        try new.dbWriter.write { db in
            try db.execute(sql: Self.alphabetTPURevised)
            try db.execute(sql: "UPDATE statistics SET verification = 'verified' WHERE id = 232")
        }
        let d = try DatabaseDiff.compute(old: old, new: new)
        let q4 = Period(EntryDate(year: 2025, month: 10, precision: .quarter))
        let a = try #require(try old.concentration(metric: "ai_compute_h100e", period: q4).topShare5)
        let b = try #require(try new.concentration(metric: "ai_compute_h100e", period: q4).topShare5)
        let moved = DatabaseDiff.Figure(figure: "ai_compute_h100e 2025-Q4 CR5", old: DatabaseDiff.text(a), new: DatabaseDiff.text(b))
        #expect(a < b && d.figures.contains(moved), "\(d.figures.map(\.figure))")
        // the quarter before holds no change
        #expect(!d.figures.contains { $0.figure.hasPrefix("ai_compute_h100e 2025-Q3") })
        let claim = try #require(d.figures.first { $0.figure.hasSuffix("verdict") && $0.figure.contains("cr3 of cloud_market_share 2022-Q2") })
        #expect(claim.old == "unverified" && claim.new == "verified", "\(claim)")
        // and the article's CR5 claim has a new computed figure beside it: the year's new CR5
        let cr5 = try #require(try new.concentration(metric: "ai_compute_h100e", period: .year(2025)).topShare5)
        let article = try #require(d.figures.first { $0.figure == "claim (2025, news article, 2025) “cr5 of ai_compute_h100e 2025: at least 70 %” check" })
        #expect(article.new == "computed \(NumberText.fixed(cr5, 2)) %: the data agree with the number", "\(article)")
        #expect(d.figures.filter { $0.figure.hasPrefix("claim ") }.count == 2)
    }

    /// A deal is the same deal whatever order its parties are listed in.
    @Test func aDealsKeyIgnoresThePartiesOrder() {
        func deal(_ parties: [String]) -> [(String, JSONValue)] {
            [("date", .string("2025-08-21")), ("kind", .string("cloud_contract")), ("source", .string("Reuters")),
             ("parties", .array(parties.map { .object([("company", .string($0)), ("role", .string("customer"))]) }))]
        }
        #expect(DatabaseDiff.key(deal(["Meta", "Google"]), type: .deal) == DatabaseDiff.key(deal(["Google", "Meta"]), type: .deal))
        #expect(DatabaseDiff.key(deal(["Meta", "Google"]), type: .deal) != DatabaseDiff.key(deal(["Meta", "Oracle"]), type: .deal))
    }
}
