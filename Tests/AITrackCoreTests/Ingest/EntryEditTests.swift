import Foundation
import GRDB
import Testing
@testable import AITrackCore

/// Edit and remove on the seed: one transaction each, history and tombstones kept, and an
/// ingest of the file an entry came from does not bring back what was removed or edited.
struct EntryEditTests {
    static let deal = #"{"type":"deal","date":"2025-09-08","kind":"cloud_contract","parties":["Microsoft:customer","Nebius:provider"],"value":"17.4 bn","currency":"USD","source":"Analyst note"}"#

    static func database() throws -> AppDatabase {
        let db = try AppDatabase.inMemory(seed: false)
        _ = try db.ingest([ndjson(Self.deal)], options: IngestOptions())
        return db
    }

    @Test func editingADealsDateMovesItAndKeepsTheOldIdentityOut() throws {
        let db = try Self.database()
        let id = try count(db, "SELECT id FROM deals")
        let change = try db.edit(.deal, id: String(id), set: [("date", "2025-09-09")], dryRun: false)
        #expect(change.identityChanged)
        #expect(change.fields.map(\.field) == ["date"] && change.fields[0].old == "2025-09-08" && change.fields[0].new == "2025-09-09")
        #expect(try count(db, "SELECT count(*) FROM deals") == 1)
        #expect(try count(db, "SELECT id FROM deals WHERE date = '2025-09-09'") == id)
        #expect(try count(db, "SELECT count(*) FROM entry_history WHERE entry_table = 'deals' AND field = 'date'") == 1)
        // the file again: left out, counted, not a second deal
        let again = try db.ingest([ndjson(Self.deal)], options: IngestOptions())
        #expect(again.removedEarlier == 1 && again.added == 0)
        #expect(try count(db, "SELECT count(*) FROM deals") == 1)
        #expect(SummaryFormatter.text(again).hasSuffix("1 removed earlier (left out)"))
        // a replacing ingest brings it back, and takes the tombstone away
        var replace = IngestOptions()
        replace.policy = .replace
        #expect(try db.ingest([ndjson(Self.deal)], options: replace).added == 1)
        #expect(try count(db, "SELECT count(*) FROM removed_entries") == 0)
    }

    @Test func aDryRunWritesNothing() throws {
        let db = try Self.database()
        let before = try snapshot(db)
        _ = try db.edit(.deal, id: "1", set: [("value", "20 bn")], dryRun: true)
        _ = try db.remove(.deal, ids: ["1"], cascade: false, dryRun: true)
        #expect(try snapshot(db) == before)
    }

    @Test func aValueEditIsInTheHistoryAndNoTombstone() throws {
        let db = try Self.database()
        let change = try db.edit(.deal, id: "1", set: [("value", "20 bn"), ("qualifier", "estimate")], dryRun: false)
        #expect(!change.identityChanged)
        #expect(Set(change.fields.map(\.field)) == ["value", "qualifier"])
        #expect(try count(db, "SELECT count(*) FROM removed_entries") == 0)
        #expect(try count(db, "SELECT count(*) FROM deals WHERE value = 2e10 AND qualifier = 'estimate' AND entry_key IS NULL") == 1)
    }

    @Test func removingACompanyWithDealsIsRefusedUnlessCascadeAndThenOnlyItsParties() throws {
        let db = try Self.database()
        let before = try snapshot(db)
        #expect {
            _ = try db.remove(.company, ids: ["Nebius"], cascade: false, dryRun: false)
        } throws: { e in
            guard case EditProblem.referenced(_, _, let name, let by, let cascadable) = e else { return false }
            return name.hasPrefix("company") && name.hasSuffix("(Nebius)") && cascadable && by.first?.hasPrefix("1 deal (deal 1 ") == true
        }
        #expect(try snapshot(db) == before)
        let removed = try db.remove(.company, ids: ["nebius"], cascade: true, dryRun: false)
        #expect(removed.first?.cascaded.count == 1)
        #expect(try count(db, "SELECT count(*) FROM deals") == 1)
        #expect(try count(db, "SELECT count(*) FROM deal_parties") == 1)
        #expect(try count(db, "SELECT count(*) FROM companies WHERE name = 'Nebius'") == 0)
    }

    @Test func aCompanyWithStatisticsAndACitedSourceAreAlwaysRefused() throws {
        let db = try Self.database()
        _ = try db.ingest([ndjson(#"{"type":"statistic","metric":"m","date":"2025","company":"Nebius","value":1,"unit":"USD","source":"Analyst note"}"#)],
                          options: IngestOptions())
        for (type, id) in [(EditableType.company, "Nebius"), (.source, "Analyst note")] {
            #expect {
                _ = try db.remove(type, ids: [id], cascade: true, dryRun: false)
            } throws: { e in
                guard case EditProblem.referenced(_, _, _, _, let cascadable) = e else { return false }
                return !cascadable
            }
        }
    }

    @Test func aRemovedDealStaysOutOfAReingestAndIsKeptWhole() throws {
        let db = try Self.database()
        _ = try db.remove(.deal, ids: ["1"], cascade: false, dryRun: false)
        #expect(try count(db, "SELECT count(*) FROM deals") == 0)
        let kept = try db.reader.read { try String.fetchOne($0, sql: "SELECT record FROM removed_entries WHERE reason = 'removed'") }
        #expect(kept?.contains("\"value\":17400000000") == true)
        #expect(try count(db, "SELECT count(*) FROM entry_history WHERE field = 'entry' AND new_value IS NULL") == 1)
        #expect(try db.ingest([ndjson(Self.deal)], options: IngestOptions()).removedEarlier == 1)
        #expect(try count(db, "SELECT count(*) FROM deals") == 0)
    }

    @Test func renamingACompanyKeepsTheOldNameAsAnAliasAndDealIdentitiesCurrent() throws {
        let db = try Self.database()
        let change = try db.edit(.company, id: "Nebius", set: [("name", "Nebius Group")], dryRun: false)
        #expect(change.identityChanged)
        #expect(try count(db, "SELECT count(*) FROM company_aliases WHERE alias = 'Nebius'") == 1)
        #expect(try count(db, "SELECT count(*) FROM deals WHERE identity LIKE '%nebius group%'") == 1)
        // the deal file again names "Nebius": the alias resolves it, no second deal
        let again = try db.ingest([ndjson(Self.deal)], options: IngestOptions())
        #expect(again.added == 0)
        #expect(try count(db, "SELECT count(*) FROM deals") == 1)
        #expect(try count(db, "SELECT count(*) FROM companies") == 2)
    }

    @Test func unknownIdsAndFieldsAreRefusedByName() throws {
        let db = try Self.database()
        #expect(throws: EditProblem.notFound(type: .deal, id: "99")) { try db.edit(.deal, id: "99", set: [("value", "1")], dryRun: false) }
        #expect(throws: EditProblem.unknownField(type: .deal, field: "vaule", closest: "value")) {
            try db.edit(.deal, id: "1", set: [("vaule", "1")], dryRun: false)
        }
        #expect(throws: EditProblem.nothingToSet) { try db.edit(.deal, id: "1", set: [], dryRun: false) }
        // a bad value is the entry format's own problem, and nothing is written
        let before = try snapshot(db)
        #expect(throws: FieldProblem.self) { try db.edit(.deal, id: "1", set: [("date", "2025-13-01")], dryRun: false) }
        #expect(try snapshot(db) == before)
    }

    /// A large file after a removal: the removed statistic stays out, the rest still go in by chunks.
    @Test func aRemovedStatisticStaysOutOfALargeIngest() throws {
        let db = try AppDatabase.inMemory(seed: false)
        let lines = (0..<2_000).map { #"{"type":"statistic","metric":"m","date":"2025-01-01","company":"C\#($0)","value":\#($0),"unit":"USD","source":"S"}"# }
        _ = try db.ingest([ndjson(lines[0])], options: IngestOptions())
        _ = try db.remove(.statistic, ids: ["1"], cascade: false, dryRun: false)
        let s = try db.ingest([ndjson(lines.joined(separator: "\n"))], options: IngestOptions())
        #expect(s.removedEarlier == 1 && s.added == 1_999)
        #expect(try count(db, "SELECT count(*) FROM statistics WHERE company_id = (SELECT id FROM companies WHERE name = 'C0')") == 0)
    }
}
