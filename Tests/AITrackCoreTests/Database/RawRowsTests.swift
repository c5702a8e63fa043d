import GRDB
import Testing
@testable import AITrackCore

/// Rows read with SQLite's C functions give what GRDB's rows give (text with a NUL whole), and an
/// error while stepping is thrown, not swallowed.
@Suite struct RawRowsTests {
    @Test func readsWhatGRDBReads() throws {
        let queue = try DatabaseQueue()
        let sql = """
            SELECT 7, -0.5, NULL, 'plain', 'Münchén', 'a' || char(0) || 'b', '' UNION ALL
            SELECT 9223372036854775807, 1e300, 3, 'x', 'e' || char(769), 'tab' || char(9), NULL
            """
        try queue.read { db in
            var raw: [[DatabaseValue]] = []
            try RawRows.forEach(db, sql: sql, arguments: []) { r in
                raw.append([r.int(0).databaseValue, r.double(1).databaseValue, r.optionalInt(2).databaseValue, r.text(3).databaseValue,
                            r.text(4).databaseValue, r.text(5).databaseValue, r.value(6)])
            }
            let grdb = try Row.fetchAll(db, sql: sql).map { row in
                let values: [DatabaseValue] = [(row[0] as Int64).databaseValue, (row[1] as Double).databaseValue, (row[2] as Int64?).databaseValue,
                                               (row[3] as String).databaseValue, (row[4] as String).databaseValue, (row[5] as String).databaseValue,
                                               (row[6] as String?).databaseValue]
                return values
            }
            // the same values, except that text holding a NUL keeps its bytes after it (SQLite's
            // length; GRDB's String stops at the NUL), so that groups are told apart as SQL does
            var cut = raw
            cut[0][5] = "a".databaseValue
            #expect(cut == grdb)
            #expect(raw.count == 2)
            #expect(raw[0][5] == "a\u{0}b".databaseValue)
        }
    }

    @Test func anErrorWhileSteppingIsThrown() throws {
        let queue = try DatabaseQueue()
        try queue.read { db in
            var rows = 0
            #expect(throws: DatabaseError.self) {
                try RawRows.forEach(db, sql: "SELECT json(x) FROM (SELECT '[1]' AS x UNION ALL SELECT '{')", arguments: []) { _ in rows += 1 }
            }
            #expect(rows == 1)
        }
    }
}
