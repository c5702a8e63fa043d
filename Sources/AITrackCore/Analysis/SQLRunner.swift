import Foundation
import GRDB

extension AppDatabase {
    /// The result of `aitrack sql`: one table per statement that returns rows, and the number
    /// of rows changed by writes.
    public struct SQLResult: Sendable {
        public var tables: [ResultTable] = []
        public var changes = 0
    }

    /// Runs one or more SQL statements. Read-only unless `write`: a statement that would write
    /// is refused before anything runs. With `write`, all statements are one transaction.
    public func runSQL(_ sql: String, parameters: [(String, String)] = [], write: Bool = false) throws -> SQLResult {
        var args: StatementArguments?
        if !parameters.isEmpty {
            var named: [String: (any DatabaseValueConvertible)?] = [:]
            for (k, v) in parameters {
                let name = k.hasPrefix(":") || k.hasPrefix("@") || k.hasPrefix("$") ? String(k.dropFirst()) : k
                if let i = Int64(v) { named[name] = i } else if let d = Double(v), v.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) { named[name] = d } else { named[name] = v }
            }
            args = StatementArguments(named)
        }
        func run(_ db: Database) throws -> SQLResult {
            var result = SQLResult()
            let statements = try db.allStatements(sql: sql, arguments: args)
            var prepared: [Statement] = []
            while let s = try statements.next() { prepared.append(s) }
            if !write, let writer = prepared.first(where: { !$0.isReadonly }) {
                throw AITrackError("sql: the statement writes to the database (\(Self.shorten(writer.sql))); nothing was run; add --write to allow writes.")
            }
            for s in prepared {
                if s.columnCount > 0 {
                    var t = ResultTable(columns: s.columnNames)
                    let rows = try Row.fetchCursor(s)
                    while let row = try rows.next() {
                        t.rows.append(row.databaseValues.map(Self.cell))
                    }
                    result.tables.append(t)
                } else {
                    try s.execute()
                    result.changes += db.changesCount
                }
            }
            return result
        }
        do {
            if write {
                return try writer.write { db in try run(db) }
            }
            return try writer.read { db in try run(db) }
        } catch let e as DatabaseError {
            let statement = e.sql ?? sql
            throw AITrackError("sql: \(e.message ?? "\(e)"), in: \(Self.shorten(statement)); nothing was written.")
        }
    }

    static func shorten(_ sql: String) -> String {
        let one = sql.split(whereSeparator: \.isNewline).map { $0.trimmed }.joined(separator: " ")
        return one.count > 120 ? String(one.prefix(117)) + "…" : one
    }

    static func cell(_ v: DatabaseValue) -> Cell {
        switch v.storage {
        case .null: return .null
        case .int64(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .text(s)
        case .blob(let b): return .text("x'" + b.map { String(format: "%02x", $0) }.joined() + "'")
        }
    }
}
