import GRDB
import GRDBSQLite

/// The one way a row is written: found by its identity, then added, left, replaced or ignored.
extension EntryWriter {
    // MARK: - Generic upsert

    struct Columns {
        var pairs: [(String, DatabaseValue)] = []
        /// Columns the entry leaves out, by position: stored with their default when new, and
        /// no difference from a stored row (an entry that does not state a note does not remove
        /// one). Bits, not a set of names: hashing the names cost more than the comparison.
        private var unstated: UInt64 = 0
        func isUnstated(_ k: Int) -> Bool { unstated & (1 << UInt64(k)) != 0 }

        private mutating func append(_ name: String, _ value: DatabaseValue, stated: Bool) {
            precondition(pairs.count < 64, "a table of more than 64 columns")
            if !stated { unstated |= 1 << UInt64(pairs.count) }
            pairs.append((name, value))
        }
        mutating func add(_ name: String, _ v: (any DatabaseValueConvertible)?) {
            append(name, v?.databaseValue ?? .null, stated: true)
        }
        mutating func add(_ name: String, given v: (any DatabaseValueConvertible)?, default d: (any DatabaseValueConvertible)? = nil) {
            append(name, (v ?? d)?.databaseValue ?? .null, stated: v != nil)
        }
        // The same for the concrete types a statistic has: no existential box per value (a
        // re-ingest builds nineteen of them for every entry it compares).
        mutating func add(_ name: String, _ v: String?) { append(name, v?.databaseValue ?? .null, stated: true) }
        mutating func add(_ name: String, _ v: Int64?) { append(name, v?.databaseValue ?? .null, stated: true) }
        mutating func add(_ name: String, _ v: Double?) { append(name, v?.databaseValue ?? .null, stated: true) }
        mutating func add(_ name: String, given v: String?, default d: String? = nil) {
            append(name, (v ?? d)?.databaseValue ?? .null, stated: v != nil)
        }
        mutating func add(_ name: String, given v: Int64?) { append(name, v?.databaseValue ?? .null, stated: v != nil) }
        mutating func add(_ name: String, given v: Double?) { append(name, v?.databaseValue ?? .null, stated: v != nil) }
        /// A value given with its default when the entry leaves it out (`stated: false`).
        mutating func add(_ name: String, _ v: String?, stated: Bool) { append(name, v?.databaseValue ?? .null, stated: stated) }
        mutating func add(_ name: String, _ v: Int64?, stated: Bool) { append(name, v?.databaseValue ?? .null, stated: stated) }
        mutating func add(_ name: String, _ v: Double?, stated: Bool) { append(name, v?.databaseValue ?? .null, stated: stated) }
    }

    /// Finds the row by `lookup`, then adds, leaves, replaces or ignores it.
    func upsert(table: String, lookup: (sql: String, args: StatementArguments), columns: Columns,
                        describe: @autoclosure () -> String, onlyGiven: Bool = false) throws -> (Int64, Outcome) {
        let names = columns.pairs.map(\.0)
        let sqlKey = table + "\u{1F}" + lookup.sql
        let statements: (names: [String], select: Statement, insert: Statement, exists: Statement)
        if let cached = upsertStatements[sqlKey], cached.names == names {
            statements = cached
        } else {
            let list = names.map(quoteIdent).joined(separator: ", ")
            statements = (names,
                          try db.makeStatement(sql: "SELECT id, \(list) FROM \(table) WHERE \(lookup.sql)"),
                          try db.makeStatement(sql: "INSERT INTO \(table) (\(list), ingest_id) "
                                                   + "VALUES (\(Array(repeating: "?", count: names.count + 1).joined(separator: ", ")))"),
                          try db.makeStatement(sql: "SELECT 1 FROM \(table) WHERE \(lookup.sql)"))
            upsertStatements[sqlKey] = statements
        }
        // most entries of a large ingest are new: a cheap existence test first, the whole row only when found
        let found = try Int64.fetchOne(statements.exists, arguments: lookup.args) != nil
        if found, let row = try Row.fetchOne(statements.select, arguments: lookup.args) {
            let id: Int64 = row["id"]
            lastRowID = id
            var diffs: [(String, DatabaseValue, DatabaseValue)] = []
            for (k, (name, new)) in columns.pairs.enumerated() {
                let old: DatabaseValue = row[k + 1]   // by position: a copied row lowercases every name it looks up
                if onlyGiven && new.isNull || columns.isUnstated(k) { continue }
                if sameValue(old, new) { continue }
                if name == "source_id", try sameOriginator(old, new) { continue }
                diffs.append((name, old, new))
            }
            if diffs.isEmpty { return (id, .unchanged) }
            switch policy {
            case .ignore:
                return (id, .ignored)
            case .fail:
                let d = diffs[0]
                throw FieldProblem(field: fieldName(d.0),
                                   problem: "\(describe()) is stored with \(show(d.1)), this entry has \(show(d.2))"
                                       + (diffs.count > 1 ? " (and \(diffs.count - 1) more field\(diffs.count > 2 ? "s" : "") differ)" : ""),
                                   valid: "valid: the stored content", remedy: .replaceOrIgnore)
            case .replace:
                try keepHistory(table: table, id: id, diffs)
                let set = diffs.map { "\(quoteIdent($0.0)) = ?" }.joined(separator: ", ")
                var args = StatementArguments(diffs.map(\.2))
                args += [ingestID, id]
                try db.execute(sql: "UPDATE \(table) SET \(set), ingest_id = ? WHERE id = ?", arguments: args)
                if table == "companies" { companyNames[id] = nil }
                return (id, .replaced)
            }
        }
        var args = StatementArguments(columns.pairs.map(\.1))
        args += [ingestID]
        do {
            try statements.insert.execute(arguments: args)
        } catch let e as DatabaseError {
            // a statement that failed reports its error again on its next reset: reset it now, so
            // that the next entry of the run is not refused for this one
            sqlite3_reset(statements.insert.sqliteStatement)
            guard e.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE else { throw e }
            // found by its id, but its natural identity (or another unique key) is taken by another row
            throw FieldProblem(field: "id", problem: "\(describe()) already exists under another id (\(e.message ?? "unique constraint"))",
                               valid: "valid: the stored entry's id, or no id to match it by its identity")
        }
        lastRowID = db.lastInsertedRowID
        return (db.lastInsertedRowID, .added)
    }

    /// The values a replace overwrites, one row of `entry_history` per field, with the run that
    /// wrote them and this one (issue 24, item 4).
    func keepHistory(table: String, id: Int64, _ diffs: [(String, DatabaseValue, DatabaseValue)]) throws {
        let previous = try Int64.fetchOne(db.cachedStatement(sql: "SELECT ingest_id FROM \(table) WHERE id = ?"), arguments: [id])
        let insert = try db.cachedStatement(sql: """
            INSERT INTO entry_history (entry_table, entry_id, field, old_value, new_value, old_ingest_id, ingest_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (field, old, new) in diffs {
            try insert.execute(arguments: [table, id, field, old, new, previous, ingestID])
        }
    }

    /// Whether two sources are one document read on two pages: the same originator (name, case
    /// aside, and URL) with another `via`. An entry's source is its originator, so the stored
    /// entry keeps the page it was first read on (issue 28, item 5).
    func sameOriginator(_ a: DatabaseValue, _ b: DatabaseValue) throws -> Bool {
        guard let x = Int64.fromDatabaseValue(a), let y = Int64.fromDatabaseValue(b) else { return false }
        return try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT x.name = y.name COLLATE NOCASE AND x.url IS y.url FROM sources x, sources y WHERE x.id = ? AND y.id = ?
            """), arguments: [x, y]) ?? false
    }

    func sameValue(_ a: DatabaseValue, _ b: DatabaseValue) -> Bool {
        switch (a.storage, b.storage) {
        case let (.double(x), .int64(y)): return x == Double(y)
        case let (.int64(x), .double(y)): return Double(x) == y
        default: return a == b
        }
    }

    func fieldName(_ column: String) -> String {
        switch column {
        case "entry_key": return "id"
        case "source_id": return "source"
        case "cited_by_id": return "cited_by"
        case "parent_id": return "parent"
        case "precision": return "date"
        default: return column
        }
    }

    func show(_ v: DatabaseValue) -> String {
        switch v.storage {
        case .null: return "nothing"
        case .int64(let i): return String(i)
        case .double(let d): return NumberText.plain(d)
        case .string(let s): return "'\(s)'"
        case .blob: return "a blob"
        }
    }

    func lookup(key: String?, else natural: (String, StatementArguments)) -> (sql: String, args: StatementArguments) {
        if let key { return ("entry_key = ?", [key]) }
        return natural
    }
}

extension FieldProblem {
    /// An entry the schema refused (a CHECK constraint, a trigger, a foreign key).
    static func refused(by e: DatabaseError) -> FieldProblem {
        FieldProblem(field: "entry", problem: "the database refused it (\(e.message ?? "a constraint failed"))")
    }
}

