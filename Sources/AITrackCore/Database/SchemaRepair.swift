import Foundation
import GRDB

/// One thing `aitrack db repair` restores.
public struct RepairStep: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case recreate, create, stamp }
    public let kind: Kind
    /// "view", "trigger", "index"; "stamp" for the version stamp.
    public let type: String
    public let name: String
}

extension AppDatabase {
    /// Restores aitrack's views, triggers and indexes (those that differ or are missing, from
    /// this version's SQL) and the version stamp, in one transaction; never a table or a row.
    /// Returns the steps (done, or only planned with `dryRun`); none: the file is left as it was.
    /// Changed tables are refused before anything is written.
    public static func repair(path: String, dryRun: Bool) throws -> [RepairStep] {
        switch try DatabaseFileState.inspect(path) {
        case .missing: throw DatabaseFileProblem.missing(path: path)
        case .empty: throw DatabaseFileProblem.empty(path: path)
        case .unstamped: break
        case .aitrack(let applied, let userVersion):
            try refuseNewer(path, applied: applied, userVersion: userVersion)
            guard Migrations.isCurrent(applied: applied, userVersion: userVersion) else {
                throw DatabaseFileProblem.older(path: path, version: max(userVersion, applied.count), current: Migrations.currentVersion)
            }
        }
        let look = try readOnlyQueue(path, immutable: !FileManager.default.fileExists(atPath: path + "-wal"))
        let planned = try look.read { try repairPlan($0, path: path) }
        try look.close()
        if planned.isEmpty || dryRun { return planned }
        let queue = try writableQueue(path)
        defer { try? queue.close() }
        return try queue.writeWithoutTransaction { db in
            var steps: [RepairStep] = []
            try db.inTransaction(.immediate) {
                steps = try repairPlan(db, path: path)
                try apply(steps, db)
                return .commit
            }
            return steps
        }
    }

    static func repairPlan(_ db: Database, path: String) throws -> [RepairStep] {
        let c = try SchemaReference.compare(db)
        let tables = c.changed.filter { $0.type == "table" }.map(\.name)
        if !tables.isEmpty { throw SchemaProblem.tablesChanged(path: path, names: tables) }
        var steps = c.changed.map { RepairStep(kind: c.missing.contains($0) ? .create : .recreate, type: $0.type, name: $0.name) }
        let hasStamp = try db.tableExists("grdb_migrations")
        let applied = hasStamp ? Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")) : []
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if !Migrations.isCurrent(applied: applied, userVersion: version) {
            steps.append(RepairStep(kind: .stamp, type: "stamp", name: "schema version \(Migrations.currentVersion)"))
        }
        return steps
    }

    private static func apply(_ steps: [RepairStep], _ db: Database) throws {
        // triggers before views: dropping a view drops its triggers, which are then made again
        for s in steps where s.kind == .recreate {
            try db.execute(sql: "DROP \(s.type.uppercased()) IF EXISTS \(quoteIdent(s.name))")
        }
        let present = Set(try SchemaReference.read(db).map { "\($0.type) \($0.name)" })
        let sql = try referenceSQL()
        for o in SchemaReference.objects where o.type != "table" && !present.contains("\(o.type) \(o.name)") {
            guard let text = sql["\(o.type) \(o.name)"] else { continue }
            try db.execute(sql: text)
        }
        if steps.contains(where: { $0.kind == .stamp }) {
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            for m in Migrations.all {
                try db.execute(sql: "INSERT OR IGNORE INTO grdb_migrations (identifier) VALUES (?)", arguments: [m.name])
            }
            try db.execute(sql: "PRAGMA user_version = \(Migrations.currentVersion)")
        }
    }

    /// The SQL of this version's objects as written (not normalised), by "type name".
    private static func referenceSQL() throws -> [String: String] {
        let queue = try DatabaseQueue()
        _ = try createOrMigrate(queue, seeding: nil)
        return try queue.read { db in
            var out: [String: String] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL") {
                out["\(r[0] as String) \(r[1] as String)"] = r[2]
            }
            return out
        }
    }
}
