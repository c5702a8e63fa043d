import GRDB
import Testing
@testable import AITrackCore

@Suite struct EntryWriterTests {
    /// `quoteIdent` doubles a name's double quotes, so a name another tool gave a column is one
    /// identifier, never SQL of its own.
    @Test(arguments: ["value", "a\"b", "x\" FROM sqlite_master; --", "\"\"", "ü ñ"])
    func quotedNamesAreOneIdentifier(_ name: String) throws {
        let q = try DatabaseQueue()
        try q.write { db in
            try db.execute(sql: "CREATE TABLE t (\(quoteIdent(name)) TEXT)")
            try db.execute(sql: "INSERT INTO t VALUES ('kept')")
            #expect(try String.fetchAll(db, sql: "SELECT \(quoteIdent(name)) FROM t") == ["kept"])
            #expect(try Row.fetchAll(db, sql: "PRAGMA table_info(t)").map { $0["name"] as String } == [name])
        }
    }

    /// "A metric has one unit" is kept in four places: the trigger (migration 0008), `prepare`
    /// (each entry, one by one or staged), the end of a large run (set-based, the trigger
    /// dropped) and `aitrack check` (`CheckRules`). Each must find a second unit exactly when
    /// the others do: units of `value` rows only, a metric's rows stored before or added now.
    @Test(arguments: [
        ([], [("value", "u")]), ([("value", "u")], [("value", "u")]), ([("value", "u")], [("value", "v")]),
        ([], [("value", "u"), ("value", "v")]), ([("value", "u")], [("cr5", "percent")]), ([("cr5", "percent")], [("value", "u")]),
        ([("hhi", "points")], [("value", "u"), ("cr3", "percent")]), ([("value", "u"), ("value", "u")], [("value", "U")]),
    ] as [([(String, String)], [(String, String)])])
    func theUnitRuleIsOneRuleInFourPlaces(stored: [(String, String)], added: [(String, String)]) throws {
        let twoUnits = Set((stored + added).filter { $0.0 == "value" }.map(\.1)).count > 1
        func rows(_ db: Database, _ list: [(String, String)], from k: Int) throws {
            for (n, (measure, unit)) in list.enumerated() {
                let value = measure == "hhi" ? 10 : 1
                try db.execute(sql: "INSERT INTO statistics (identity, metric, measure, date, value, unit, source_id) VALUES (?, 'm', ?, ?, ?, ?, 1)",
                               arguments: ["r\(k + n)", measure, "\(2000 + k + n)-01-01", value, unit])
            }
        }
        func storeBefore(_ db: Database) throws {
            try db.execute(sql: "INSERT INTO sources (id, name) VALUES (1, 'S')")
            try rows(db, stored, from: 0)
        }
        // the trigger
        let triggered = try AppDatabase.inMemory()
        let refusedByTrigger = try triggered.dbWriter.write { db in
            try storeBefore(db)
            return (try? rows(db, added, from: 100)) == nil
        }
        // prepare, as ingest and the add commands call it
        let prepared = try AppDatabase.inMemory()
        try prepared.dbWriter.write { try storeBefore($0) }
        let lines = added.enumerated().map { n, a in
            #"{"type":"statistic","metric":"m","measure":"\#(a.0)","date":"\#(2100 + n)-01-01","value":\#(a.0 == "hhi" ? 10 : 1),"unit":"\#(a.1)","source":"S"}"#
        }
        let refusedByPrepare = (try? prepared.ingest([ndjson(lines.joined(separator: "\n"))], options: IngestOptions())) == nil
        // the end of a large run, and check
        let ended = try AppDatabase.inMemory()
        let refusedAtTheEnd = try ended.dbWriter.write { db in
            try storeBefore(db)
            let writer = try EntryWriter(db: db, ingestID: 0, policy: .fail, strictNames: false)
            try writer.suspendUnitTrigger()
            try rows(db, added, from: 100)
            let refused = (try? writer.restoreUnitTrigger()) == nil
            try db.execute(sql: "DROP TRIGGER IF EXISTS \(EntryWriter.unitTrigger)")   // left as the run wrote it, for check
            return refused
        }
        let foundByCheck = try ended.check().contains { $0.rule == "one unit per metric" }
        #expect(refusedByTrigger == twoUnits)
        #expect(refusedByPrepare == twoUnits)
        #expect(refusedAtTheEnd == twoUnits)
        #expect(foundByCheck == twoUnits)
    }
}
