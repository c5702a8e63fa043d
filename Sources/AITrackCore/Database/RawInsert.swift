import GRDB
import GRDBSQLite

/// One prepared INSERT whose values are bound with SQLite's C functions, for the hot path of a
/// large ingest: GRDB's `StatementArguments` box every value (7 % of an ingest in a profile).
/// Used for rows that are almost always new: rows a statement leaves out (a conflict on the table's
/// identity, `ON CONFLICT … DO NOTHING`) are for the caller to find and take the full path.
final class RawInsert {
    enum Value {
        case null, integer(Int64), real(Double), text(String)
    }

    private let statement: Statement
    private let db: Database

    init(_ db: Database, sql: String) throws {
        self.db = db
        self.statement = try db.makeStatement(sql: sql)
    }

    /// Binds `values` (in parameter order), runs the statement, and returns how many rows it changed.
    func run(_ values: [Value]) throws -> Int {
        let s = statement.sqliteStatement
        defer { sqlite3_reset(s) }
        for (k, v) in values.enumerated() {
            let i = Int32(k + 1)
            switch v {
            case .null: sqlite3_bind_null(s, i)
            case .integer(let n): sqlite3_bind_int64(s, i, n)
            case .real(let d): sqlite3_bind_double(s, i, d)
            case .text(var t):
                t.withUTF8 { b in _ = sqlite3_bind_text(s, i, b.baseAddress, Int32(b.count), Self.transient) }
            }
        }
        let rc = sqlite3_step(s)
        guard rc == SQLITE_DONE else { throw lastError(db) }
        return Int(sqlite3_changes(db.sqliteConnection))
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

extension RawInsert.Value {
    init(_ s: String?) { self = s.map { .text($0) } ?? .null }
    init(_ d: Double?) { self = d.map { .real($0) } ?? .null }
    init(_ n: Int64?) { self = n.map { .integer($0) } ?? .null }
}
