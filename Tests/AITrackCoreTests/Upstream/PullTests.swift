import Foundation
import GRDB
import Testing
@testable import AITrackCore

@Suite struct PullTests {
    static let tpu = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data/epoch-ai-chip-counts/tpu_owners_cumulative_totals.csv")

    func item(_ text: String) throws -> PullItem {
        PullItem(recipe: try Recipe.named("epoch_tpu"), file: PullFile(origin: "tpu.csv", data: Data(text.utf8)))
    }

    /// The seed's own file: an empty review, and a pull that writes nothing (no run, no snapshot).
    @Test func theSeedsFileIsNoChange() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let text = try String(contentsOf: Self.tpu, encoding: .utf8)
        let review = try Pull.review(db, [try item(text)])
        #expect(review.isEmpty && review.files[0].unchanged == 13 && review.files[0].added == 0)
        let runs = try db.reader.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM ingests") }
        #expect(try db.pull([try item(text)]).changed == false)
        #expect(try db.reader.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM ingests") } == runs)
        #expect(try db.reader.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM snapshots") } == 0)
    }

    /// An owner dropped from a file that is the only one of its source, metric and segment (AMD):
    /// all its rows are marked; from a file that shares them (Epoch's Nvidia owners, CoreWeave,
    /// "Other"), only the rows of the owners the file names.
    @Test func anOwnerDroppedEntirely() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let amd = Self.tpu.deletingLastPathComponent().appendingPathComponent("amd_owners_cumulative_totals.csv")
        let lines = try String(contentsOf: amd, encoding: .utf8).split(separator: "\n").map(String.init)
        let text = lines.filter { !$0.contains(",Oracle,") }.joined(separator: "\n") + "\n"
        let item = PullItem(recipe: try Recipe.named("epoch_amd"), file: PullFile(origin: "amd.csv", data: Data(text.utf8)))
        let oracle = try db.reader.read { db in
            try String.fetchAll(db, sql: """
                SELECT st.identity FROM statistics st JOIN companies c ON c.id = st.company_id
                WHERE c.name = 'Oracle' AND st.segment = 'AMD' ORDER BY st.identity
                """)
        }
        #expect(oracle.count == lines.filter { $0.contains(",Oracle,") }.count && !oracle.isEmpty)
        let review = try Pull.review(db, [item])
        #expect(review.files[0].dropped == oracle.map(AppDatabase.key), "\(review.files[0].dropped)")
        #expect(try Recipe.named("epoch_nvidia").sharesItsScope && !(try Recipe.named("epoch_amd").sharesItsScope))
        // the Nvidia owners' file without CoreWeave's file: CoreWeave's rows are not its to drop
        let nvidia = Self.tpu.deletingLastPathComponent().appendingPathComponent("nvidia_owners_cumulative_totals.csv")
        let own = PullItem(recipe: try Recipe.named("epoch_nvidia"), file: PullFile(origin: "n.csv", data: try Data(contentsOf: nvidia)))
        #expect(try Pull.review(db, [own]).isEmpty)
    }

    /// A row dropped: reviewed as dropped, marked when applied, out of the concentration figures
    /// but kept; the review computed on a copy leaves the database as it was.
    @Test func aDroppedRowIsMarkedAndLeftOutOfTheFigures() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let lines = try String(contentsOf: Self.tpu, encoding: .utf8).split(separator: "\n").map(String.init)
        let last = lines.filter { $0.contains(",12/31/2025,") }
        #expect(last.count == 1)
        let text = lines.filter { !$0.contains(",12/31/2025,") }.joined(separator: "\n") + "\n"
        let before = try DatabaseDiff.figures(db)
        let review = try Pull.review(db, [try item(text)])
        #expect(review.files[0].dropped == ["ai_compute_h100e | value | 2025-12-31 | alphabet | tpu |  | epoch ai | https://github.com/epoch-research/ai-chip-counts"])
        #expect(try DatabaseDiff.figures(db) == before, "the review changed the database")
        try db.pull([try item(text)])
        let (kept, marked) = try db.reader.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM statistics WHERE segment = 'TPU' AND date = '2025-12-31'"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM upstream_drops"))
        }
        #expect(kept == 1 && marked == 1)
        // the figure without Alphabet's TPUs: the view and the command agree, and both moved
        let after = try DatabaseDiff.figures(db)
        let cr5 = try db.concentration(metric: "ai_compute_h100e", period: .year(2025)).cr[5] ?? -1
        #expect(after["ai_compute_h100e 2025"]?.numbers["CR5"].map { abs($0 - cr5) < 1e-6 } == true)
        #expect(after["ai_compute_h100e 2025"] != before["ai_compute_h100e 2025"])
    }
}
