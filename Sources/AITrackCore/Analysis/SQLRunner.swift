import Foundation
import GRDB
import GRDBSQLite

/// A named parameter of `aitrack sql` and how to bind it.
public struct SQLParameter: Equatable, Sendable {
    public enum Kind: Sendable { case auto, integer, text }
    public var name: String
    public var value: String
    public var kind: Kind

    public init(name: String, value: String, kind: Kind = .auto) {
        let bare = name.first.map { ":@$".contains($0) } == true ? String(name.dropFirst()) : name
        self.name = bare
        self.value = value
        self.kind = kind
    }

    /// Text, unless the value is a number written the one way it reads back (`42`, `-7`,
    /// `2.5`): `007`, `1e400` or `99999999999999999999` stay text, so nothing is silently
    /// changed. `.integer` insists on a whole number.
    public func bound() throws(SQLProblem) -> DatabaseValue {
        switch kind {
        case .text: return value.databaseValue
        case .integer:
            guard let i = Int64(value) else { throw .notAnInteger(name: name, value: value) }
            return i.databaseValue
        case .auto:
            if let i = Int64(value), String(i) == value { return i.databaseValue }
            if let d = Double(value), d.isFinite, value.contains("."), "\(d)" == value { return d.databaseValue }
            return value.databaseValue
        }
    }
}

/// What is wrong with a SQL run, for the executable to put into words.
public enum SQLProblem: Error, Equatable, Sendable {
    /// A statement writes, and the run was read-only.
    case writes(statement: String)
    /// BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, ATTACH, DETACH or VACUUM: a run is one
    /// transaction that aitrack owns.
    case transactionControl(keyword: String, statement: String)
    case unusedParameter(name: String, used: [String])
    case missingParameter(name: String, statement: String)
    case positionalParameter(statement: String)
    case notAnInteger(name: String, value: String)
    /// SQLite refused a statement: its message and the statement.
    case failed(message: String, statement: String, wrote: Bool)
}

/// The result of `aitrack sql`: one table per statement that returns rows, and the number of
/// rows changed by writes.
public struct SQLResult: Sendable {
    public var tables: [ResultTable] = []
    public var changes = 0
}

extension AppDatabase {
    /// `aitrack sql --write`: all statements in one transaction, all or nothing.
    public func runSQL(_ sql: String, parameters: [SQLParameter] = [], write: Bool) throws -> SQLResult {
        guard write else { return try runSQL(sql, parameters: parameters) }
        return try dbWriter.write { db in try Self.runSQL(db, sql, parameters: parameters, write: true, path: dbWriter.path) }
    }
}

/// What `aitrack sql` refuses to run.
public enum SQLGuard {
    /// Statements that would end or escape the run's one transaction, or touch other files.
    public static let refusedKeywords: Set<String> = ["BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE", "ATTACH", "DETACH", "VACUUM"]
}

extension DatabaseReading {
    /// Runs one or more SQL statements. Read-only unless `write`: a statement that would write
    /// is refused before anything runs. With `write`, all statements are one transaction:
    /// all or nothing.
    public func runSQL(_ sql: String, parameters: [SQLParameter] = []) throws -> SQLResult {
        try reader.read { db in try Self.runSQL(db, sql, parameters: parameters, write: false, path: reader.path) }
    }

    static func runSQL(_ db: Database, _ sql: String, parameters: [SQLParameter], write: Bool, path: String) throws -> SQLResult {
        var values: [String: DatabaseValue] = [:]
        for p in parameters { values[p.name] = try p.bound() }
        do {
            var result = SQLResult()
            var prepared: [(Statement, [String])] = []
            do {
                let statements = try db.allStatements(sql: sql)
                while let s = try statements.next() { prepared.append((s, Self.parameterNames(s))) }
            } catch let e as DatabaseError {
                throw SQLProblem.failed(message: e.message ?? "syntax error", statement: Self.shorten(e.sql ?? sql), wrote: false)
            }
            for (s, names) in prepared {
                let keyword = Self.leadingKeyword(s.sql)
                if SQLGuard.refusedKeywords.contains(keyword) { throw SQLProblem.transactionControl(keyword: keyword, statement: Self.shorten(s.sql)) }
                if !write && !s.isReadonly { throw SQLProblem.writes(statement: Self.shorten(s.sql)) }
                if names.contains("") { throw SQLProblem.positionalParameter(statement: Self.shorten(s.sql)) }
                if let missing = names.first(where: { values[$0] == nil }) {
                    throw SQLProblem.missingParameter(name: missing, statement: Self.shorten(s.sql))
                }
            }
            let used = Set(prepared.flatMap(\.1))
            if let unused = parameters.first(where: { !used.contains($0.name) }) {
                throw SQLProblem.unusedParameter(name: unused.name, used: used.sorted())
            }
            for (s, names) in prepared {
                do {
                    s.arguments = StatementArguments(Dictionary(uniqueKeysWithValues: names.map { ($0, values[$0]!) }))
                    if s.columnCount > 0 {
                        var t = ResultTable(columns: s.columnNames)
                        let rows = try Row.fetchCursor(s)
                        while let row = try rows.next() { t.rows.append(row.databaseValues.map(Self.cell)) }
                        result.tables.append(t)
                    } else {
                        try s.execute()
                        result.changes += db.changesCount
                    }
                } catch let e as DatabaseError {
                    if DatabaseFileProblem.from(e, path: path) != nil { throw e }
                    throw SQLProblem.failed(message: e.message ?? "SQLite error \(e.resultCode.rawValue)", statement: Self.shorten(s.sql), wrote: write)
                }
            }
            return result
        }
    }

    /// The named parameters of a statement, without their `:`, `@` or `$` ("" for `?`).
    static func parameterNames(_ s: Statement) -> [String] {
        let n = sqlite3_bind_parameter_count(s.sqliteStatement)
        guard n > 0 else { return [] }
        var names: [String] = []
        for k in 1...n {
            guard let c = sqlite3_bind_parameter_name(s.sqliteStatement, k) else { names.append(""); continue }
            let name = String(cString: c)
            if !names.contains(String(name.dropFirst())) { names.append(String(name.dropFirst())) }
        }
        return names
    }

    /// The first keyword of a statement, after white space and comments, in upper case.
    static func leadingKeyword(_ sql: String) -> String {
        var s = Substring(sql)
        while true {
            s = s.drop(while: { $0.isWhitespace })
            if s.hasPrefix("--") {
                s = s.drop(while: { $0 != "\n" })
            } else if s.hasPrefix("/*") {
                guard let end = s.range(of: "*/") else { return "" }
                s = s[end.upperBound...]
            } else {
                break
            }
        }
        return String(s.prefix(while: { $0.isLetter })).uppercased()
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
