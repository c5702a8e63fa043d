import GRDB

/// One table, view, trigger or index as `sqlite_master` keeps it, its SQL with every run of
/// whitespace made one space.
public struct SchemaObject: Sendable, Hashable {
    public let type: String
    public let name: String
    let table: String
    let sql: String
}

/// How a file's schema compares with the one this version defines.
public struct SchemaComparison: Sendable {
    /// aitrack's objects the file lacks.
    public var missing: [SchemaObject] = []
    /// aitrack's objects whose SQL (or table) differs in the file, as this version defines them.
    public var differing: [SchemaObject] = []
    /// Objects of the file that aitrack does not define: a user's tables, views, indexes, FTS tables.
    public var added: [SchemaObject] = []

    /// aitrack's objects that are not as this version defines them, in the reference's order.
    public var changed: [SchemaObject] {
        SchemaReference.objects.filter { o in missing.contains(o) || differing.contains(o) }
    }
}

/// A schema object of aitrack's that is not as this version defines it.
public enum SchemaProblem: Error, Equatable, Sendable {
    /// A view or trigger differs or is missing: figures computed through it cannot be trusted.
    case changed(path: String, type: String, name: String, missing: Bool)
    /// Tables differ or are missing: `db repair` restores no table.
    case tablesChanged(path: String, names: [String])
}

/// The schema this version defines: what the migrations make of an empty database, written
/// down by `scripts/schema-reference.sh` (`expected`), so that a report compares the file with
/// it without migrating a database in memory first (which cost a quarter of a seeded report;
/// BENCHMARKS.md). A test checks it against the migrations.
enum SchemaReference {
    static var objects: [SchemaObject] { expected }

    /// Each table's column names, in order.
    static let columns: [String: [String]] = {
        guard let queue = try? DatabaseQueue(), (try? AppDatabase.createOrMigrate(queue, seeding: nil)) != nil else { return [:] }
        return (try? queue.read { db in
            try Dictionary(uniqueKeysWithValues: objects.filter { $0.type == "table" }.map { ($0.name, try tableColumns(db, $0.name)) })
        }) ?? [:]
    }()

    /// The migrations run on an empty in-memory database, the way a new file is made.
    static func build() throws -> [SchemaObject] {
        let queue = try DatabaseQueue()
        _ = try AppDatabase.createOrMigrate(queue, seeding: nil)
        return try queue.read { try read($0) }
    }

    /// The stamp (`grdb_migrations`) and SQLite's own objects are not compared.
    static func read(_ db: Database) throws -> [SchemaObject] {
        try Row.fetchAll(db, sql: """
            SELECT type, name, tbl_name, sql FROM sqlite_master
            WHERE name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations' ORDER BY rowid
            """).map { r in
            SchemaObject(type: r[0], name: r[1], table: r[2], sql: normalised(r[3] as String? ?? ""))
        }
    }

    /// Runs of whitespace (space, tab, CR, LF) made one space, none at either end; on the bytes
    /// (a String's split and join cost more than the rest of the comparison).
    static func normalised(_ sql: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(sql.utf8.count)
        var space = false
        for b in sql.utf8 {
            if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D { space = !out.isEmpty; continue }
            if space { out.append(0x20); space = false }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func tableColumns(_ db: Database, _ table: String) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table])
    }

    /// The file's schema against this version's (one read of `sqlite_master`).
    static func compare(_ db: Database) throws -> SchemaComparison {
        let file = try read(db)
        var byKey: [String: SchemaObject] = [:]
        for o in file { byKey["\(o.type) \(o.name)"] = o }
        var result = SchemaComparison()
        var known = Set<String>()
        for o in objects {
            let key = "\(o.type) \(o.name)"
            known.insert(key)
            guard let mine = byKey[key] else { result.missing.append(o); continue }
            if mine.sql != o.sql || mine.table != o.table { result.differing.append(o) }
        }
        result.added = file.filter { !known.contains("\($0.type) \($0.name)") }
        return result
    }

    /// Whether the file has every table of this version with exactly its columns: aitrack's
    /// own schema, whatever its version stamp says.
    static func hasOwnTables(_ db: Database) throws -> Bool {
        guard !columns.isEmpty else { return false }
        for (table, names) in columns where try tableColumns(db, table) != names { return false }
        return true
    }
}

extension DatabaseReading {
    /// How the file's schema compares with this version's.
    public func schemaComparison() throws -> SchemaComparison {
        try reader.read { try SchemaReference.compare($0) }
    }

    /// Throws when a view or trigger of aitrack's differs or is missing (what `report` and
    /// `concentration` compute through); one read of `sqlite_master`.
    public func requireIntactViewsAndTriggers() throws {
        let c = try schemaComparison()
        if let o = c.changed.first(where: { $0.type == "view" || $0.type == "trigger" }) {
            throw SchemaProblem.changed(path: reader.path, type: o.type, name: o.name, missing: c.missing.contains(o))
        }
    }
}
