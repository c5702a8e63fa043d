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
}
