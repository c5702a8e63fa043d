import Foundation
import GRDB
import Testing
@testable import AITrackCore

/// `supersedes` and `expands`: stored with the deal, resolved in any order within a run,
/// exported and read back, and a superseded deal counted in no total.
@Suite struct DealRelationsTests {
    static func deal(_ id: String, _ date: String, _ value: Int, _ extra: String = "") -> String {
        #"{"type":"deal","id":"\#(id)","date":"\#(date)","kind":"investment","title":"\#(id)","parties":["Lab:investee","Fund \#(id):investor"],"value":\#(value),"currency":"USD","source":"S","source_url":"https://s.example/\#(id)"\#(extra)}"#
    }

    @Test func aSupersededDealCountsInNoTotalAndRelationsResolveInAnyOrder() throws {
        let db = try AppDatabase.inMemory()
        // the superseding deal comes first in the file: resolved at the end of the run
        let lines = [Self.deal("close", "2025-03-31", 122, #","supersedes":["round"]"#), Self.deal("round", "2025-02-27", 110),
                     Self.deal("more", "2025-05-01", 4, #","expands":["round"]"#)].joined(separator: "\n") + "\n"
        let s = try db.ingest([input("r.ndjson", lines)], options: IngestOptions())
        #expect(s.added == 3)
        let t = try db.report(.year(2025)).dealTotals
        #expect(t.usdTotal == 126 && t.withValue == 2)
        #expect(t.superseded == ["round (2025-02-27), superseded by close (2025-03-31)"])
        #expect(try db.report(.year(2025)).largestDeals.map(\.title) == ["close", "more"])
        // export → ingest into an empty database → export: the same, relations included
        var first = ""
        try db.exportNDJSON { first += $0 }
        #expect(first.contains(#""supersedes":["round"]"#) && first.contains(#""expands":["round"]"#))
        let copy = try AppDatabase.inMemory()
        _ = try copy.ingest([input("e.ndjson", first)], options: IngestOptions())
        var second = ""
        try copy.exportNDJSON { second += $0 }
        #expect(first == second)
        // again: unchanged
        #expect(try db.ingest([input("r.ndjson", lines)], options: IngestOptions()).unchanged == 3)
    }

    @Test func datesLeftOutOfTheTotalReadAsTheyWereWritten() throws {
        let db = try AppDatabase.inMemory()
        let lines = [Self.deal("round", "2025-02", 110), Self.deal("close", "2025-Q2", 122, #","supersedes":["round"]"#),
                     Self.deal("rumour", "2025-06", 5, #","verification":"contradicted""#)].joined(separator: "\n") + "\n"
        _ = try db.ingest([input("r.ndjson", lines)], options: IngestOptions())
        let t = try db.report(.year(2025)).dealTotals
        #expect(t.superseded == ["round (2025-02), superseded by close (2025-Q2)"])
        #expect(t.contradicted == ["rumour (2025-06)"])
    }

    @Test func aRelationToNothingIsRefusedAndALoopIsFound() throws {
        let db = try AppDatabase.inMemory()
        let bad = Self.deal("a", "2025-01-01", 1, #","supersedes":["nowhere"]"#) + "\n"
        do {
            _ = try db.ingest([input("b.ndjson", bad)], options: IngestOptions())
            Issue.record("accepted")
        } catch let e as IngestFailure {
            #expect(e.firstLine == "b.ndjson:1: supersedes: 'nowhere' is not the id of a stored deal; valid: the id of a deal stored before, or given in the same run")
        }
        _ = try db.ingest([IngestInput(name: "ok.ndjson", data: Data((Self.deal("x", "2025-01-01", 1) + "\n" + Self.deal("y", "2025-02-01", 2, #","supersedes":["x"]"#) + "\n").utf8))],
                          options: IngestOptions())
        #expect(try db.check().isEmpty)
        // a loop written behind aitrack's back
        try db.dbWriter.write { try $0.execute(sql: "INSERT INTO deal_relations (deal_id, relation, other_id) SELECT x.id, 'supersedes', y.id FROM deals x, deals y WHERE x.entry_key = 'x' AND y.entry_key = 'y'") }
        #expect(try db.check().map(\.rule).contains("a chain of superseding deals that loops"))
    }
}
