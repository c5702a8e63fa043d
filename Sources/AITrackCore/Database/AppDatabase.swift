import Foundation
import GRDB

/// Owns the database connection: opens and configures it, refuses a newer schema, runs the
/// migrations, loads the seed, and exposes writes that keep the data rules.
public struct AppDatabase: Sendable {
    public let writer: any DatabaseWriter

    /// Wraps a connection and migrates it to the current schema.
    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.refuseNewerSchema(writer)
        // Only a database that needs it is written to: opening for a read must not wait for
        // (or block) a writer such as a long ingest.
        let migrator = Migrations.migrator
        let current = try writer.read { db in
            try migrator.hasCompletedMigrations(db)
                && (try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0) == Migrations.currentVersion
        }
        if !current {
            try migrator.migrate(writer)
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA user_version = \(Migrations.currentVersion)")
            }
        }
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            // Statement journals (one per insert, because of the unit-check triggers) stay in
            // memory: on disk they were 17 writes per ingested entry (BENCHMARKS.md).
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        return config
    }

    /// An empty in-memory database with the current schema (tests).
    public static func inMemory(seed: Bool = false) throws -> AppDatabase {
        let db = try AppDatabase(DatabaseQueue(configuration: configuration()))
        if seed { _ = try db.loadSeed() }
        return db
    }

    /// The result of opening a file: the database, and whether it was just created.
    public struct Opened: Sendable {
        public let database: AppDatabase
        public let created: Bool
        public let seed: WriteSummary?
        /// The schema version an existing database had before it was migrated (nil: none needed).
        public var migratedFrom: Int? = nil
    }

    /// Wraps a read-only connection to a database already at the current schema.
    private init(readOnly writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// Opens (WAL, busy timeout, foreign keys) the file at `path`. A missing file is created,
    /// migrated and, unless `seed` is false, loaded with the bundled seed data.
    /// With `readOnly`, an existing database at the current schema is opened read-only: no
    /// write lock is ever taken, so reading works while another process writes (a long ingest).
    public static func open(path: String, seed: Bool = true, readOnly: Bool = false) throws -> Opened {
        if readOnly && FileManager.default.fileExists(atPath: path) {
            var config = configuration()
            config.readonly = true
            do {
                let queue = try DatabaseQueue(path: path, configuration: config)
                try refuseNewerSchema(queue)
                let current = try queue.read { db in
                    try Migrations.migrator.hasCompletedMigrations(db)
                        && (try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0) == Migrations.currentVersion
                }
                if current { return Opened(database: AppDatabase(readOnly: queue), created: false, seed: nil) }
                try queue.close()
            } catch let e as DatabaseError where e.resultCode == .SQLITE_NOTADB {
                throw AITrackError("'\(path)' is not an aitrack database (SQLite: file is not a database); give another --db PATH.")
            }
            // an older schema: open for writing below, which migrates it
        }
        return try openWritable(path: path, seed: seed)
    }

    private static func openWritable(path: String, seed: Bool) throws -> Opened {
        var isDir: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
        if exists && isDir.boolValue {
            throw AITrackError("the database path '\(path)' is a directory; give a file with --db PATH or $AITRACK_DB.")
        }
        if !exists {
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty && !FileManager.default.fileExists(atPath: dir) {
                throw AITrackError("the folder of the database '\(path)' does not exist; create it or give another --db PATH.")
            }
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration())
            let before = exists ? try pool.read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 } : nil
            let db = try AppDatabase(pool)
            var seeded: WriteSummary?
            if !exists && seed { seeded = try db.loadSeed() }
            let migrated = before.flatMap { $0 < Migrations.currentVersion ? $0 : nil }
            return Opened(database: db, created: !exists, seed: seeded, migratedFrom: migrated)
        } catch let e as DatabaseError where e.resultCode == .SQLITE_NOTADB {
            throw AITrackError("'\(path)' is not an aitrack database (SQLite: file is not a database); give another --db PATH.")
        } catch let e as DatabaseError where e.resultCode == .SQLITE_CANTOPEN {
            throw AITrackError("cannot open the database '\(path)' (SQLite: \(e.message ?? "unable to open")); check the path and its permissions.")
        }
    }

    private static func refuseNewerSchema(_ writer: any DatabaseWriter) throws {
        let (applied, userVersion): ([String], Int) = try writer.read { db in
            let applied = try db.tableExists("grdb_migrations")
                ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
            let v = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            return (applied, v)
        }
        let known = Set(Migrations.all.map(\.name))
        let unknown = applied.filter { !known.contains($0) }.sorted()
        if !unknown.isEmpty || userVersion > Migrations.currentVersion {
            let theirs = max(userVersion, applied.count)
            throw AITrackError("this database has schema version \(theirs), newer than this aitrack's \(Migrations.currentVersion)"
                + (unknown.isEmpty ? "" : " (unknown migration \(unknown.joined(separator: ", ")))")
                + "; use a newer aitrack to open it.")
        }
    }

    /// The schema version stored in the file (`PRAGMA user_version`).
    public func schemaVersion() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
    }

    public struct Status: Sendable {
        public var schemaVersion: Int
        public var migrations: [String]
        public var journalMode: String
        public var counts: [(String, Int)]
    }

    /// What `aitrack db status` prints.
    public func status() throws -> Status {
        try writer.read { db in
            let tables = ["companies", "company_aliases", "sources", "deals", "deal_parties", "alliances", "alliance_members",
                          "statistics", "fx_rates", "ingests"]
            return Status(schemaVersion: try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
                          migrations: try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"),
                          journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                          counts: try tables.map { ($0, try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? 0) })
        }
    }

    // MARK: - Writes

    /// Runs `body` with an `EntryWriter` in one transaction, recorded as one row of `ingests`.
    /// With `dryRun` the transaction is rolled back and only the summary remains.
    func write(command: String, inputs: [String] = [], policy: ConflictPolicy = .fail, strictNames: Bool = false,
               dryRun: Bool = false, _ body: (EntryWriter) throws -> Void) throws -> WriteSummary {
        var summary = WriteSummary()
        try writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                let stamp = ISO8601DateFormatter().string(from: Date())
                try db.execute(sql: "INSERT INTO ingests (at, command, inputs) VALUES (?, ?, ?)",
                               arguments: [stamp, command, inputs.isEmpty ? nil : inputs.joined(separator: ";")])
                let w = EntryWriter(db: db, ingestID: db.lastInsertedRowID, policy: policy, strictNames: strictNames)
                try body(w)
                summary = w.summary
                return dryRun ? .rollback : .commit
            }
        }
        return summary
    }

    /// Adds one entry (the add-* commands). Errors name the command-line option.
    @discardableResult
    public func add(_ entry: Entry, command: String, policy: ConflictPolicy = .fail, strictNames: Bool = false,
                    dryRun: Bool = false) throws -> WriteSummary {
        do {
            return try write(command: command, policy: policy, strictNames: strictNames, dryRun: dryRun) { w in
                _ = try w.apply(entry)
            }
        } catch let p as FieldProblem {
            throw AITrackError(p.commandMessage(command))
        }
    }

    /// Loads the bundled seed data (a database created without `--no-seed` gets it).
    @discardableResult
    public func loadSeed() throws -> WriteSummary {
        let inputs = SeedData.files.map { IngestInput(name: "seed-data/\($0.name)", data: Data($0.text.utf8)) }
        return try ingest(inputs, options: IngestOptions(), command: "seed")
    }
}
