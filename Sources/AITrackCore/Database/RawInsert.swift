import GRDB
import GRDBSQLite

/// One prepared INSERT whose values are bound with SQLite's C functions, for the hot path of a
/// large ingest: GRDB's `StatementArguments` box every value (7 % of an ingest in a profile), and
/// an array of values in between cost a copy, a retain and a release of each (5 % of the writing
/// thread). Used for rows that are almost always new: rows a statement leaves out (a conflict on
/// the table's identity, `ON CONFLICT … DO NOTHING`) are for the caller to find and take the full path.
final class RawInsert {
    /// Binds values in parameter order, from the first.
    struct Binder {
        fileprivate let statement: OpaquePointer
        fileprivate var index: Int32 = 1

        mutating func text(_ t: String) {
            var t = t
            t.withUTF8 { b in _ = sqlite3_bind_text(statement, index, b.baseAddress, Int32(b.count), RawInsert.transient) }
            index += 1
        }
        mutating func text(_ t: String?) {
            if let t { text(t) } else { null() }
        }
        mutating func integer(_ n: Int64?) {
            if let n { sqlite3_bind_int64(statement, index, n) } else { sqlite3_bind_null(statement, index) }
            index += 1
        }
        mutating func real(_ d: Double?) {
            if let d { sqlite3_bind_double(statement, index, d) } else { sqlite3_bind_null(statement, index) }
            index += 1
        }
        mutating func null() {
            sqlite3_bind_null(statement, index)
            index += 1
        }
    }

    private let statement: Statement
    private let db: Database

    init(_ db: Database, sql: String) throws {
        self.db = db
        self.statement = try db.makeStatement(sql: sql)
    }

    /// Binds the values `bind` gives, runs the statement, and returns how many rows it changed.
    func run(_ bind: (inout Binder) -> Void) throws -> Int {
        let s = statement.sqliteStatement
        defer { sqlite3_reset(s) }
        var binder = Binder(statement: s)
        bind(&binder)
        let rc = sqlite3_step(s)
        guard rc == SQLITE_DONE else { throw lastError(db) }
        return Int(sqlite3_changes(db.sqliteConnection))
    }

    fileprivate static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
