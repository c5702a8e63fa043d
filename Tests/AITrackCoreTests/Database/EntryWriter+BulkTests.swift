import Foundation
import GRDB
import Testing
@testable import AITrackCore

/// The bulk path of ingest (chunks of statistics inserted by one statement, the unit trigger
/// dropped during a large run) must store and report exactly what the one-by-one path does.
@Suite struct EntryWriterBulkTests {
    /// Line k of a generated file: `n` distinct statistics over a few metrics and companies,
    /// every column of `statistics` set on some lines and left out on others, so that a column
    /// the bulk insert binds in the wrong place stores something the one-by-one path does not.
    static func line(_ k: Int, value: Int? = nil, unit: String = "H100e", metric: String? = nil) -> String {
        let v = value ?? (1000 + k)
        let qualifier = ["exact", "at_least", "at_most", "approx", "estimate"][k % 5]
        let verification = ["unverified", "verified", "disputed", "contradicted"][k % 4]
        let region = k % 4 == 0 ? "null" : #""R\#(k % 5)""#
        let high = k % 3 == 0 ? "null" : "\(v * 2)"
        let citedBy = k % 6 == 0 ? "null" : #""Relay \#(k % 4)""#
        let url = k % 5 == 0 ? "null" : #""https://example.org/\#(k % 3)""#
        return #"{"type":"statistic","metric":"\#(metric ?? "bulk_m\(k % 3)")","date":"2024-\#(String(format: "%02d", k % 12 + 1))-01","company":"Firm \#(k % 50)","segment":"S\#(k / 300)","region":\#(region),"value":\#(v),"low":\#(v / 2),"high":\#(high),"unit":"\#(unit)","qualifier":"\#(qualifier)","forecast":\#(k % 7 == 0),"source":"Bulk","source_url":\#(url),"cited_by":\#(citedBy),"verification":"\#(verification)","note":"line \#(k)"}"#
    }

    static func file(_ n: Int, _ change: (Int) -> String? = { _ in nil }) -> String {
        (0..<n).map { change($0) ?? line($0) }.joined(separator: "\n") + "\n"
    }

    /// The statistics table as text, without the ingest each row came from.
    static func statistics(_ db: some DatabaseReading) throws -> [String] {
        try db.reader.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM statistics ORDER BY id").map { row in
                row.description.replacingOccurrences(of: #"ingest_id:\d+"#, with: "", options: .regularExpression)
            }
        }
    }

    @Test func aLargeRunStoresWhatTheOneByOnePathStores() throws {
        // duplicates inside a chunk, across chunks, and the same identity with another note
        let text = Self.file(5000) { k in k % 700 == 699 ? Self.line(k - 3) : nil }
        let bulk = try AppDatabase.inMemory()
        let summary = try bulk.ingest([ndjson(text)], options: IngestOptions())
        let single = try AppDatabase.inMemory()
        let entries = try text.split(separator: "\n").map { try entry(String($0)) }
        let one = try single.write(command: "test") { w in for e in entries { _ = try w.apply(e) } }
        #expect(summary.added == one.added && summary.unchanged == one.unchanged)
        #expect(summary.added == 5000 - 7 && summary.unchanged == 7)
        #expect(try Self.statistics(bulk) == Self.statistics(single))
    }

    @Test func theUnitTriggerIsBackAfterALargeRun() throws {
        let db = try AppDatabase.inMemory()
        _ = try db.ingest([ndjson(Self.file(EntryWriter.largeRunRows + 300))], options: IngestOptions())
        #expect(try count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'statistics_one_unit_insert'") == 1)
        // the schema still refuses a second unit for a metric, whoever writes
        #expect(throws: DatabaseError.self) {
            try db.dbWriter.write { db in
                try db.execute(sql: "INSERT INTO statistics (identity, metric, date, value, unit, source_id) VALUES ('x', 'bulk_m0', '2024-01-01', 1, 'GW', 1)")
            }
        }
    }

    @Test func aSecondUnitInALargeRunIsRefusedAtItsLine() throws {
        let db = try AppDatabase.inMemory()
        let text = Self.file(6000) { k in k == 5500 ? Self.line(k, unit: "GW") : nil }
        let before = try snapshot(db)
        do {
            _ = try db.ingest([ndjson(text)], options: IngestOptions())
            Issue.record("a second unit was accepted")
        } catch let e as IngestFailure {
            #expect(e.errors.map(\.location.description) == ["test.ndjson:5501"])
            #expect(e.errors.first?.problem.field == "unit")
        }
        #expect(try snapshot(db) == before)
    }

    @Test func conflictsAreReportedInInputOrderWithTheirLines() throws {
        let db = try AppDatabase.inMemory()
        _ = try db.ingest([ndjson(Self.file(1000))], options: IngestOptions())
        let before = try snapshot(db)
        // changed values (conflicts found when a chunk is written) and a bad date (found when read,
        // before the chunk that holds line 281 is written)
        let text = Self.file(1000) { k in
            switch k {
            case 10, 280: return Self.line(k, value: 7)
            case 300: return Self.line(k).replacingOccurrences(of: "2024-", with: "2024-13-")
            default: return nil
            }
        }
        do {
            _ = try db.ingest([ndjson(text)], options: IngestOptions())
            Issue.record("conflicting entries were accepted")
        } catch let e as IngestFailure {
            #expect(e.errors.map(\.location.description) == ["test.ndjson:11", "test.ndjson:281", "test.ndjson:301"])
            #expect(e.errors[0].problem.text.contains("is stored with 1010, this entry has 7"))
        }
        #expect(try snapshot(db) == before)
        var replace = IngestOptions()
        replace.policy = .replace
        let replaced = try db.ingest([ndjson(Self.file(1000) { k in k == 10 || k == 500 ? Self.line(k, value: 7) : nil })], options: replace)
        #expect(replaced.replaced == 2 && replaced.unchanged == 998 && replaced.added == 0)
        #expect(try count(db, "SELECT count(*) FROM statistics WHERE value = 7") == 2)
    }

    @Test func aReIngestIsUnchangedAndLeavesTheDatabaseAsItWas() throws {
        let db = try AppDatabase.inMemory()
        let text = Self.file(EntryWriter.largeRunRows + 500)
        _ = try db.ingest([ndjson(text)], options: IngestOptions())
        let before = try snapshot(db)
        let again = try db.ingest([ndjson(text)], options: IngestOptions())
        #expect(again.unchanged == EntryWriter.largeRunRows + 500 && again.added == 0 && !again.changed)
        #expect(try snapshot(db) == before)
        // new entries after stored ones: the run turns back to inserting chunks
        let more = try db.ingest([ndjson(Self.file(EntryWriter.largeRunRows + 2500))], options: IngestOptions())
        #expect(more.unchanged == EntryWriter.largeRunRows + 500 && more.added == 2000)
    }

    /// A row the schema refuses (here a trigger of the user's own) fails its whole chunk; each of
    /// the chunk's rows is then tried alone, and the problem is reported at its line.
    @Test(arguments: [false, true])
    func aRowTheSchemaRefusesIsReportedAtItsLine(withIDs: Bool) throws {
        let db = try AppDatabase.inMemory()
        try db.dbWriter.write { db in
            try db.execute(sql: "CREATE TRIGGER no_999 BEFORE INSERT ON statistics WHEN NEW.value = 999 BEGIN SELECT RAISE(ABORT, 'no 999 here'); END")
        }
        let before = try snapshot(db)
        do {
            // with ids every entry takes the one-by-one path: the row after the refused one is fine too
            let text = Self.file(300) { k in k == 150 ? Self.line(k, value: 999) : nil }
            let lines = !withIDs ? text : text.split(separator: "\n").enumerated().map { k, line in
                line.replacingOccurrences(of: #"{"type":"statistic","#, with: #"{"type":"statistic","id":"s\#(k)","#)
            }.joined(separator: "\n") + "\n"
            _ = try db.ingest([ndjson(lines)], options: IngestOptions())
            Issue.record("the refused row was accepted")
        } catch let e as IngestFailure {
            #expect(e.errors.map(\.description) == ["test.ndjson:151: entry: the database refused it (no 999 here)"])
        }
        #expect(try snapshot(db) == before)
    }

    /// A chunk reports its conflicts at once; the run still lists at most the limit, the first ones.
    @Test func aChunkFullOfConflictsListsNoMoreThanTheLimit() throws {
        let db = try AppDatabase.inMemory()
        _ = try db.ingest([ndjson(Self.file(300))], options: IngestOptions())
        do {
            _ = try db.ingest([ndjson(Self.file(300) { k in Self.line(k, value: 7) })], options: IngestOptions())
            Issue.record("conflicting entries were accepted")
        } catch let e as IngestFailure {
            #expect(e.errors.count == Limits.errorsListed && e.limitReached)
            #expect(e.errors.map(\.location.line) == (1...Limits.errorsListed).map { Optional($0) })
        }
    }
}

