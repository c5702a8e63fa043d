import Foundation
import GRDB
import GRDBSQLite

/// The rows of a query read with SQLite's C functions, for the report's passes over hundreds of
/// thousands of statistics: GRDB's row cursor spent several thousand instructions a row there
/// (callgrind: 6,400 a holding, most of it boxing values), these a few hundred.
enum RawRows {
    /// The current row's columns, by position. Valid only inside the `forEach` body.
    struct Columns {
        fileprivate let statement: OpaquePointer

        func int(_ i: Int32) -> Int64 { sqlite3_column_int64(statement, i) }
        func double(_ i: Int32) -> Double { sqlite3_column_double(statement, i) }
        func isNull(_ i: Int32) -> Bool { sqlite3_column_type(statement, i) == SQLITE_NULL }
        func optionalInt(_ i: Int32) -> Int64? { isNull(i) ? nil : int(i) }

        func text(_ i: Int32) -> String {
            guard let p = sqlite3_column_text(statement, i) else { return "" }
            return String(decoding: UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(statement, i))), as: UTF8.self)
        }

        /// A column as GRDB's value (what the upsert compares).
        func value(_ i: Int32) -> DatabaseValue { DatabaseValue(sqliteStatement: statement, index: i) }

        /// A text column's bytes, without making a String (valid until the next column call).
        func bytes(_ i: Int32) -> UnsafeBufferPointer<UInt8> {
            let p = sqlite3_column_text(statement, i)
            return UnsafeBufferPointer(start: p, count: p == nil ? 0 : Int(sqlite3_column_bytes(statement, i)))
        }
    }

    /// Whether a column's bytes are exactly these ASCII bytes.
    static func equal(_ b: UnsafeBufferPointer<UInt8>, _ ascii: StaticString) -> Bool {
        b.count == ascii.utf8CodeUnitCount && (b.isEmpty || memcmp(b.baseAddress!, ascii.utf8Start, b.count) == 0)
    }

    static func forEach(_ db: Database, sql: String, arguments: StatementArguments, _ body: (Columns) throws -> Void) throws {
        try forEach(try db.makeStatement(sql: sql), arguments: arguments, body)
    }

    /// The same with a statement made already (a cached one).
    static func forEach(_ statement: Statement, arguments: StatementArguments, _ body: (Columns) throws -> Void) throws {
        try statement.setArguments(arguments)
        let s = statement.sqliteStatement
        defer { sqlite3_reset(s) }
        while true {
            let code = sqlite3_step(s)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw lastError(connection: sqlite3_db_handle(s))
            }
            try body(Columns(statement: s))
        }
    }
}

/// The connection's last error, for a statement stepped with SQLite's C functions.
func lastError(_ db: Database) -> DatabaseError {
    lastError(connection: db.sqliteConnection)
}

func lastError(connection: OpaquePointer?) -> DatabaseError {
    DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
                  message: sqlite3_errmsg(connection).map { String(cString: $0) })
}
