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
    /// One of `SQLGuard.refusedKeywords` (BEGIN, COMMIT, END, …): a run is one transaction
    /// that aitrack owns.
    case transactionControl(keyword: String, statement: String)
    /// A PRAGMA that is not one of the few that only read (`SQLGuard`): its name.
    case pragma(name: String, statement: String)
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
    public static let refusedKeywords = ["BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE", "ATTACH", "DETACH", "VACUUM"]

    /// The PRAGMAs a run may use: those that only read, with the argument that names what they
    /// read (a table, an index, a number of errors). Every other PRAGMA, and any of these with
    /// a value to set, is refused: a setting could switch off the connection's guards
    /// (`ignore_check_constraints`, `writable_schema`, `foreign_keys`), change the file's stamps
    /// (`user_version`, `application_id`) or its journal, and an allow-list cannot miss one.
    public static let readingPragmas: Set<String> = [
        "table_info", "table_xinfo", "table_list", "index_info", "index_xinfo", "index_list", "foreign_key_list",
        "foreign_key_check", "integrity_check", "quick_check",
    ]
    /// PRAGMAs that report a setting or a number, allowed only without a value.
    public static let reportingPragmas: Set<String> = [
        "user_version", "application_id", "schema_version", "data_version", "page_size", "page_count", "freelist_count",
        "encoding", "journal_mode", "foreign_keys", "compile_options", "database_list", "collation_list", "function_list",
        "module_list", "pragma_list", "auto_vacuum", "synchronous", "temp_store", "cache_size", "busy_timeout",
    ]

    /// The PRAGMA a statement runs, when it is one that is refused: its name (lowercased, as
    /// written when it cannot be read). nil for any other statement.
    /// `EXPLAIN PRAGMA …` counts: SQLite switches a flag PRAGMA while it prepares the statement.
    static func refusedPragma(_ sql: String) -> String? {
        var s = Substring(sql)
        guard skipSpace(&s), var first = word(&s)?.uppercased() else { return nil }
        if first == "EXPLAIN" {
            guard skipSpace(&s), let w = word(&s)?.uppercased() else { return nil }
            first = w
            if first == "QUERY" {
                guard skipSpace(&s), word(&s)?.uppercased() == "PLAN", skipSpace(&s), let w = word(&s)?.uppercased() else { return nil }
                first = w
            }
        }
        guard first == "PRAGMA" else { return nil }
        guard skipSpace(&s), var name = word(&s) else { return "?" }
        if skipSpace(&s), s.first == "." {   // a schema name: main.table_info
            s = s.dropFirst()
            guard skipSpace(&s), let n = word(&s) else { return name }
            name = n
        }
        name = name.lowercased()
        _ = skipSpace(&s)
        let hasValue = !(s.isEmpty || s.first == ";")
        if readingPragmas.contains(name) || (reportingPragmas.contains(name) && !hasValue) { return nil }
        return name
    }

    /// The file's stamps before a run: `user_version` and `application_id`.
    static func stamps(_ db: Database) throws -> [Int] {
        [try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0, try Int.fetchOne(db, sql: "PRAGMA application_id") ?? 0]
    }

    /// The guard or stamp a run changed, if any: CHECKs and foreign keys enforced, the schema
    /// not writable, the stamps as they were.
    static func changedGuard(_ db: Database, stamps before: [Int]) throws -> String? {
        if try Int.fetchOne(db, sql: "PRAGMA ignore_check_constraints") != 0 { return "ignore_check_constraints" }
        if try Int.fetchOne(db, sql: "PRAGMA writable_schema") != 0 { return "writable_schema" }
        if try Int.fetchOne(db, sql: "PRAGMA foreign_keys") != 1 { return "foreign_keys" }
        let now = try stamps(db)
        if now[0] != before[0] { return "user_version" }
        if now[1] != before[1] { return "application_id" }
        return nil
    }

    /// Skips white space and comments; false when a comment is not closed.
    private static func skipSpace(_ s: inout Substring) -> Bool {
        while true {
            s = s.drop(while: { $0.isWhitespace })
            if s.hasPrefix("--") {
                s = s.drop(while: { $0 != "\n" })
            } else if s.hasPrefix("/*") {
                guard let end = s.range(of: "*/") else { s = ""; return false }
                s = s[end.upperBound...]
            } else {
                return true
            }
        }
    }

    /// A name, bare or quoted ("x", [x], `x`, 'x'), without its quotes.
    private static func word(_ s: inout Substring) -> String? {
        let quotes: [Character: Character] = ["\"": "\"", "[": "]", "`": "`", "'": "'"]
        if let open = s.first, let close = quotes[open] {
            guard let end = s.dropFirst().firstIndex(of: close) else { return nil }
            let w = String(s[s.index(after: s.startIndex)..<end])
            s = s[s.index(after: end)...]
            return w
        }
        let w = s.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" })
        guard !w.isEmpty else { return nil }
        s = s[w.endIndex...]
        return String(w)
    }
}

extension DatabaseReading {
    /// Runs one or more SQL statements. Read-only unless `write`: a statement that would write
    /// is refused before anything runs. With `write`, all statements are one transaction:
    /// all or nothing.
    public func runSQL(_ sql: String, parameters: [SQLParameter] = []) throws -> SQLResult {
        try reader.read { db in try Self.runSQL(db, sql, parameters: parameters, write: false, path: reader.path) }
    }

    /// A read-only run prepares and checks every statement before the first runs; a writing
    /// run checks and runs each statement when it is reached (so that `CREATE TABLE t(x);
    /// INSERT INTO t …` works), inside the caller's one transaction, which a refusal or error
    /// anywhere rolls back whole.
    static func runSQL(_ db: Database, _ sql: String, parameters: [SQLParameter], write: Bool, path: String) throws -> SQLResult {
        var values: [String: DatabaseValue] = [:]
        for p in parameters { values[p.name] = try p.bound() }
        var result = SQLResult()
        var used = Set<String>()
        let statements: SQLStatementCursor
        do {
            statements = try db.allStatements(sql: sql)
        } catch let e as DatabaseError {
            throw SQLProblem.failed(message: e.message ?? "syntax error", statement: Self.shorten(e.sql ?? sql), wrote: false)
        }
        func next() throws -> (Statement, [String])? {
            do {
                guard let s = try statements.next() else { return nil }
                let names = Self.parameterNames(s)
                try Self.check(s, names, values: values, write: write)
                used.formUnion(names)
                return (s, names)
            } catch let e as DatabaseError {
                if DatabaseFileProblem.from(e, path: path) != nil { throw e }
                throw SQLProblem.failed(message: e.message ?? "syntax error", statement: Self.shorten(e.sql ?? sql), wrote: write)
            }
        }
        func checkUnused() throws {
            if let unused = parameters.first(where: { !used.contains($0.name) }) {
                throw SQLProblem.unusedParameter(name: unused.name, used: used.sorted())
            }
        }
        if write {
            // SQLite switches a flag PRAGMA while it prepares one, before it is refused: the
            // connection gets its checks back whatever happens
            defer { try? db.execute(sql: "PRAGMA ignore_check_constraints = OFF; PRAGMA writable_schema = OFF") }
            let stamps = try SQLGuard.stamps(db)
            while let (s, names) = try next() { try Self.run(s, names, values: values, db: db, into: &result, path: path, write: true) }
            try checkUnused()
            // a second line of defence: whatever way a run found, it commits only with the
            // connection's guards on and the file's stamps as they were
            if let changed = try SQLGuard.changedGuard(db, stamps: stamps) { throw SQLProblem.pragma(name: changed, statement: "") }
        } else {
            var prepared: [(Statement, [String])] = []
            while let p = try next() { prepared.append(p) }
            try checkUnused()
            for (s, names) in prepared { try Self.run(s, names, values: values, db: db, into: &result, path: path, write: false) }
        }
        return result
    }

    /// What a statement may not do, checked before it runs.
    static func check(_ s: Statement, _ names: [String], values: [String: DatabaseValue], write: Bool) throws {
        let keyword = Self.leadingKeyword(s.sql)
        if SQLGuard.refusedKeywords.contains(keyword) { throw SQLProblem.transactionControl(keyword: keyword, statement: Self.shorten(s.sql)) }
        if keyword == "PRAGMA" || keyword == "EXPLAIN", let pragma = SQLGuard.refusedPragma(s.sql) {
            throw SQLProblem.pragma(name: pragma, statement: Self.shorten(s.sql))
        }
        if !write && !s.isReadonly { throw SQLProblem.writes(statement: Self.shorten(s.sql)) }
        if names.contains("") { throw SQLProblem.positionalParameter(statement: Self.shorten(s.sql)) }
        if let missing = names.first(where: { values[$0] == nil }) {
            throw SQLProblem.missingParameter(name: missing, statement: Self.shorten(s.sql))
        }
    }

    /// Runs one checked statement: its rows as a table, or the rows it changed counted.
    static func run(_ s: Statement, _ names: [String], values: [String: DatabaseValue], db: Database, into result: inout SQLResult,
                    path: String, write: Bool) throws {
        do {
            s.arguments = StatementArguments(Dictionary(uniqueKeysWithValues: names.map { ($0, values[$0]!) }))
            if s.columnCount > 0 {
                var t = ResultTable(columns: s.columnNames)
                let rows = try Row.fetchCursor(s)
                while let row = try rows.next() { t.rows.append(row.databaseValues.map(Self.cell)) }
                result.tables.append(t)
            } else {
                try s.execute()
                // the rows the statement itself changed; `changes()` keeps the last INSERT's,
                // UPDATE's or DELETE's count through a CREATE or DROP
                if ["INSERT", "UPDATE", "DELETE", "REPLACE", "WITH"].contains(Self.leadingKeyword(s.sql)) { result.changes += db.changesCount }
            }
        } catch let e as DatabaseError {
            if DatabaseFileProblem.from(e, path: path) != nil { throw e }
            throw SQLProblem.failed(message: e.message ?? "SQLite error \(e.resultCode.rawValue)", statement: Self.shorten(s.sql), wrote: write)
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
