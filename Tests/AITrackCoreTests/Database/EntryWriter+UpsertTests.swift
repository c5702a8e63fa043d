import Foundation
import GRDB
import Testing
@testable import AITrackCore

@Suite struct EntryWriterUpsertTests {
    static let stat = #"{"type":"statistic","metric":"m_units","date":"2025","company":"A","value":%@,"unit":"units","source":"S"}"#

    func ingest(_ db: AppDatabase, value: String, policy: ConflictPolicy) throws -> WriteSummary {
        var o = IngestOptions()
        o.policy = policy
        return try db.ingest([IngestInput(name: "s.ndjson", data: Data(Self.stat.replacingOccurrences(of: "%@", with: value).utf8))], options: o)
    }

    /// A replace keeps every overwritten field in entry_history with both runs; a deal's too; an
    /// unchanged entry, an ignored one and a refused one keep nothing.
    @Test func aReplaceKeepsTheOldValues() throws {
        let db = try AppDatabase.inMemory(seed: false)
        _ = try ingest(db, value: "10", policy: .fail)
        _ = try ingest(db, value: "10", policy: .replace)
        _ = try ingest(db, value: "11", policy: .ignore)
        #expect(throws: IngestFailure.self) { try ingest(db, value: "12", policy: .fail) }
        #expect(try db.reader.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM entry_history") } == 0)
        _ = try ingest(db, value: "13", policy: .replace)
        _ = try ingest(db, value: "14", policy: .replace)
        let rows = try db.reader.read { db in
            try Row.fetchAll(db, sql: "SELECT entry_table, field, CAST(old_value AS TEXT), CAST(new_value AS TEXT), old_ingest_id, ingest_id FROM entry_history ORDER BY id")
        }
        #expect(rows.map { [$0[0], $0[1], $0[2], $0[3]] as [String] } == [["statistics", "value", "10.0", "13.0"], ["statistics", "value", "13.0", "14.0"]])
        // each row names the run that wrote the old value and the one that replaced it
        #expect((rows[0][5] as Int64) == (rows[1][4] as Int64) && (rows[0][4] as Int64) < (rows[0][5] as Int64))
        let deal = #"{"type":"deal","date":"2025-05","kind":"cloud_contract","parties":[{"company":"A","role":"customer"},{"company":"B","role":"provider"}],"value":%@,"currency":"USD","source":"S"}"#
        for (v, p) in [("1e9", ConflictPolicy.fail), ("2e9", .replace)] {
            var o = IngestOptions()
            o.policy = p
            _ = try db.ingest([IngestInput(name: "d.ndjson", data: Data(deal.replacingOccurrences(of: "%@", with: v).utf8))], options: o)
        }
        let dealRow = try db.reader.read { try Row.fetchOne($0, sql: "SELECT field, CAST(old_value AS TEXT), CAST(new_value AS TEXT) FROM entry_history WHERE entry_table = 'deals'") }
        #expect(dealRow.map { [$0[0], $0[1], $0[2]] as [String] } == ["value", "1000000000.0", "2000000000.0"])
    }
}
