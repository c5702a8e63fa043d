import Foundation
import GRDB

/// What a command that only reads may do: every listing, report and query. `AppDatabase` has
/// it and the writes; `ReadOnlyDatabase`, what a read command opens, has it alone.
public protocol DatabaseReading: Sendable {
    var reader: any DatabaseReader { get }
}

/// A database opened by a command that only reads: no write methods, a read-only (or
/// immutable) connection where the file allows no more.
public struct ReadOnlyDatabase: DatabaseReading {
    public let reader: any DatabaseReader
}

/// Owns the database connection, like GRDB's demo `AppDatabase`: opens and configures it,
/// refuses files that are not aitrack's or are newer, creates and migrates in one transaction
/// (with the seed a caller gives: `Ingest/Seed.swift`), and exposes writes that keep the data rules. The writer stays inside the
/// library; everyone else reads through `reader`.
public struct AppDatabase: DatabaseReading {
    let dbWriter: any DatabaseWriter

    public var reader: any DatabaseReader { dbWriter }

    /// Fills a new database inside the transaction that creates it (`AppDatabase.seed`, in
    /// Ingest/Seed.swift: the bundled data); the path names the file in messages.
    public typealias Seeding = @Sendable (Database, _ path: String) throws -> WriteSummary

    /// Wraps a connection whose schema is current (or that `migrate` brings up to date).
    init(unchecked writer: any DatabaseWriter) {
        self.dbWriter = writer
    }

    /// Wraps a connection and migrates it to the current schema, in one transaction.
    public init(_ writer: any DatabaseWriter) throws {
        self.dbWriter = writer
        _ = try Self.createOrMigrate(writer, seeding: nil)
    }

    /// How long a connection waits for another's write lock, in seconds, unless the caller of
    /// `open` or `openForReading` says otherwise.
    public static let defaultBusyTimeout = 30

    static func configuration(readonly: Bool = false, busyTimeout: Int = defaultBusyTimeout) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(TimeInterval(busyTimeout))
        config.readonly = readonly
        config.prepareDatabase { db in
            // Statement journals (one per insert, because of the unit-check triggers) stay in
            // memory: on disk they were 17 writes per ingested entry (BENCHMARKS.md).
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        return config
    }

    /// An in-memory database with the current schema (tests), filled by `seeding`.
    public static func inMemory(seeding: Seeding?) throws -> AppDatabase {
        let queue = try DatabaseQueue(configuration: configuration())
        _ = try createOrMigrate(queue, seeding: seeding)
        return AppDatabase(unchecked: queue)
    }

    /// The result of opening a file: the database, and what opening it did.
    public struct Opened: Sendable {
        public let database: AppDatabase
        /// This run created the database (a concurrent first user may have beaten it to it).
        public let created: Bool
        public let seed: WriteSummary?
        /// The schema version an existing database had before it was upgraded (nil: none needed).
        public var migratedFrom: Int? = nil
    }

    /// Opens the database file at `path` for a command that writes.
    ///
    /// - A file that is not an aitrack database (not SQLite, or SQLite with another program's
    ///   tables) or one from a newer aitrack is refused, and left as it was.
    /// - A missing (or empty) file is created and an older one upgraded; creating, migrating and
    ///   loading the seed is one transaction, so a killed or concurrent first use never leaves
    ///   a half-made database and the seed is loaded exactly once.
    /// - `openForReading` is the other door: it never changes the file.
    public static func open(path: String, seeding: Seeding?, busyTimeout: Int = defaultBusyTimeout) throws -> Opened {
        let state = try DatabaseFileState.inspect(path)
        if case .aitrack(let applied, let userVersion) = state { try refuseNewer(path, applied: applied, userVersion: userVersion) }
        if state == .unstamped { throw DatabaseFileProblem.stampMissing(path: path) }
        try requireFolder(path)
        let queue = try writableQueue(path, busyTimeout: busyTimeout)
        let done = try createOrMigrate(queue, seeding: seeding, path: path)
        return Opened(database: AppDatabase(unchecked: queue), created: done.created, seed: done.seed, migratedFrom: done.migratedFrom)
    }

    /// What opening for a read did: the database, and whether it had to be created (only when
    /// `create`: the default path).
    public struct OpenedForReading: Sendable {
        public let database: ReadOnlyDatabase
        public let created: Bool
        public let seed: WriteSummary?
    }

    /// Opens for a command that only reads, and never changes the file: an older schema is
    /// refused (a writing command or `db upgrade` upgrades it), a missing or empty file is
    /// created only when `create` is true (the default path), and the connection is read-only
    /// where the file or its folder is (immutable when SQLite could not otherwise read it).
    public static func openForReading(path: String, create: Bool, seeding: Seeding?,
                                      busyTimeout: Int = defaultBusyTimeout) throws -> OpenedForReading {
        let state = try DatabaseFileState.inspect(path)
        switch state {
        case .missing, .empty:
            guard create else { throw state == .missing ? DatabaseFileProblem.missing(path: path) : DatabaseFileProblem.empty(path: path) }
            try requireFolder(path)
            let queue = try writableQueue(path, busyTimeout: busyTimeout)
            let done = try createOrMigrate(queue, seeding: seeding, path: path)
            try queue.close()
            return OpenedForReading(database: try reader(path, busyTimeout: busyTimeout), created: done.created, seed: done.seed)
        case .aitrack(let applied, let userVersion):
            try refuseNewer(path, applied: applied, userVersion: userVersion)
            guard Migrations.isCurrent(applied: applied, userVersion: userVersion) else {
                throw DatabaseFileProblem.older(path: path, version: max(userVersion, applied.count), current: Migrations.currentVersion)
            }
            return OpenedForReading(database: try reader(path, busyTimeout: busyTimeout), created: false, seed: nil)
        case .unstamped:
            throw DatabaseFileProblem.stampMissing(path: path)
        }
    }

    static func refuseNewer(_ path: String, applied: Set<String>, userVersion: Int) throws {
        let unknown = applied.filter { id in !Migrations.all.contains { $0.name == id } }.sorted()
        if !unknown.isEmpty || userVersion > Migrations.currentVersion {
            throw DatabaseFileProblem.newer(path: path, version: max(userVersion, applied.count), unknownMigrations: unknown)
        }
    }

    /// The page size of a new database file: 16 KiB instead of SQLite's 4 KiB: fewer pages to
    /// split, write and read back in a large ingest, and a report reads as fast (BENCHMARKS.md,
    /// "Page size").
    static let pageSize = 16_384

    private static func requireFolder(_ path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty && !FileManager.default.fileExists(atPath: dir) { throw DatabaseFileProblem.folderMissing(path: path) }
    }

    /// A connection for writing, in WAL mode (readers go on reading while a long ingest writes).
    /// A new file gets pages of `pageSize` bytes.
    static func writableQueue(_ path: String, busyTimeout: Int = defaultBusyTimeout) throws -> DatabaseQueue {
        // SQLite would open a file it may not write read-only and make a `-wal` and a `-shm`
        // with the file's permissions beside it: a 0444 `-shm` then blocks every later write,
        // even once the file is writable again
        if let cause = ReadOnlyCause.of(path) { throw DatabaseFileProblem.readOnly(path: path, cause: cause) }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(busyTimeout: busyTimeout))
            try queue.writeWithoutTransaction { db in
                if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                    // fixed when the first page is written (here, by the switch to WAL): a file
                    // with pages already keeps its size
                    if try Int.fetchOne(db, sql: "PRAGMA page_count") == 0 {
                        try db.execute(sql: "PRAGMA page_size = \(pageSize)")
                    }
                    try db.execute(sql: "PRAGMA journal_mode = WAL")
                }
            }
            return queue
        } catch let e as DatabaseError {
            throw DatabaseFileProblem.from(e, path: path) ?? DatabaseFileProblem.cannotOpen(path: path, detail: e.message ?? "unable to open")
        }
    }

    /// A read-only connection; immutable (no locks, no side files) when the folder or file is
    /// read-only and SQLite cannot read it otherwise.
    static func readOnlyQueue(_ path: String, immutable: Bool = false, busyTimeout: Int = defaultBusyTimeout) throws -> DatabaseQueue {
        func probe(_ queue: DatabaseQueue) throws -> DatabaseQueue {
            _ = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") }
            return queue
        }
        do {
            return try probe(try DatabaseQueue(path: immutable ? immutableURI(path) : path,
                                               configuration: configuration(readonly: true, busyTimeout: busyTimeout)))
        } catch let e as DatabaseError where [.SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM].contains(e.resultCode) {
            do {
                return try probe(try DatabaseQueue(path: immutableURI(path), configuration: configuration(readonly: true, busyTimeout: busyTimeout)))
            } catch let e as DatabaseError {
                throw DatabaseFileProblem.from(e, path: path) ?? DatabaseFileProblem.cannotOpen(path: path, detail: e.message ?? "unable to open")
            }
        } catch let e as DatabaseError {
            throw DatabaseFileProblem.from(e, path: path) ?? DatabaseFileProblem.damaged(path: path, detail: e.message ?? "unreadable")
        }
    }

    static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    /// The connection of a read command. Where the file, its folder and SQLite allow it, a
    /// read-write connection that only reads: on close SQLite then removes the `-wal` and
    /// `-shm` files it made. It is used only when no write is pending in the WAL, so that
    /// closing it never checkpoints anything into the file.
    static func reader(_ path: String, busyTimeout: Int) throws -> ReadOnlyDatabase {
        let dir = (path as NSString).deletingLastPathComponent
        let wal = path + "-wal"
        let walSize = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? NSNumber)?.intValue
        let cleanWAL = walSize == nil || walSize == 0
        if cleanWAL && access(path, W_OK) == 0 && access(dir.isEmpty ? "." : dir, W_OK) == 0 {
            if let queue = try? DatabaseQueue(path: path, configuration: configuration(busyTimeout: busyTimeout)) {
                return ReadOnlyDatabase(reader: queue)
            }
        }
        // A file it may not write, with neither `-wal` nor `-shm` beside it, is open in no other
        // connection (one in WAL mode keeps both while it is open) and has nothing pending:
        // read it as immutable. A read-only connection would make a `-wal` and a `-shm` with
        // the file's permissions that it may not remove, and a read-only `-shm` blocks the
        // writes of everyone after it.
        let sides = [wal, path + "-shm"].contains { FileManager.default.fileExists(atPath: $0) }
        return ReadOnlyDatabase(reader: try readOnlyQueue(path, immutable: !sides, busyTimeout: busyTimeout))
    }

    /// Creates the schema (and loads the seed) or applies the missing migrations, in one
    /// immediate transaction: concurrent first users wait for each other, and whoever comes
    /// second finds the work done.
    static func createOrMigrate(_ writer: any DatabaseWriter, seeding: Seeding?,
                                path: String = ":memory:") throws -> (created: Bool, seed: WriteSummary?, migratedFrom: Int?) {
        try writer.writeWithoutTransaction { db in
            var result: (created: Bool, seed: WriteSummary?, migratedFrom: Int?) = (false, nil, nil)
            // An upgrade may copy and index a large table: SQLite sorts through temporary files,
            // which temp_store = MEMORY (set for the statement journals of ordinary writes) would
            // keep in memory, the whole table's worth. Not for a new database: its seed is many
            // small writes, each with a statement journal.
            let upgrading = (try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0) > 0
            if upgrading { try db.execute(sql: "PRAGMA temp_store = FILE") }
            defer { if upgrading { try? db.execute(sql: "PRAGMA temp_store = MEMORY") } }
            // A migration that makes a referenced table again (0015: sources) must run with
            // foreign keys off, SQLite's documented procedure; they are checked before the commit
            // and on again after it. The setting cannot change inside a transaction.
            if upgrading { try db.execute(sql: "PRAGMA foreign_keys = OFF") }
            defer { if upgrading { try? db.execute(sql: "PRAGMA foreign_keys = ON") } }
            try db.inTransaction(.immediate) {
                let migrator = Migrations.migrator
                if try migrator.hasBeenSuperseded(db) {
                    let applied = try migrator.appliedIdentifiers(db)
                    throw DatabaseFileProblem.newer(path: path, version: applied.count,
                                                    unknownMigrations: applied.filter { id in !Migrations.all.contains { $0.name == id } }.sorted())
                }
                let applied = try migrator.appliedIdentifiers(db)
                let pending = Migrations.all.filter { !applied.contains($0.name) }
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                if pending.isEmpty && version == Migrations.currentVersion { return .commit }
                let fresh = applied.isEmpty
                if fresh {
                    let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
                    if tables > 0 { throw DatabaseFileProblem.foreign(path: path, tables: tables) }
                }
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
                for m in pending {
                    try db.execute(sql: m.sql)
                    try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [m.name])
                }
                try db.execute(sql: "PRAGMA user_version = \(Migrations.currentVersion)")
                if try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") != nil {
                    throw DatabaseError(resultCode: .SQLITE_CONSTRAINT_FOREIGNKEY, message: "FOREIGN KEY constraint failed")
                }
                if fresh {
                    result.created = true
                    if let seeding { result.seed = try seeding(db, path) }
                } else {
                    result.migratedFrom = max(version, applied.count)
                }
                return .commit
            }
            return result
        }
    }

    /// Applies any missing migration (`aitrack db upgrade`); the version it had, nil if current.
    public func upgrade() throws -> Int? {
        try Self.createOrMigrate(dbWriter, seeding: nil).migratedFrom
    }

    // MARK: - Writes

    /// The one door of every write of entries: `body` in one immediate transaction, committed
    /// when it changed something and is no dry run, else rolled back (so that a run that changes
    /// nothing leaves the file as it was).
    func transaction(dryRun: Bool, _ body: (Database) throws -> WriteSummary) throws -> WriteSummary {
        try dbWriter.writeWithoutTransaction { db in
            var summary = WriteSummary()
            try db.inTransaction(.immediate) {
                summary = try body(db)
                return dryRun || !summary.changed ? .rollback : .commit
            }
            return summary
        }
    }

    /// Runs `body` with an `EntryWriter` in one transaction, recorded as one row of `ingests`.
    /// With `dryRun` the transaction is rolled back and only the summary remains; so it is when
    /// nothing changed, so that a run that changes nothing leaves the file as it was.
    func write(command: String, inputs: [String] = [], policy: ConflictPolicy = .fail, strictNames: Bool = false,
               dryRun: Bool = false, _ body: (EntryWriter) throws -> Void) throws -> WriteSummary {
        try transaction(dryRun: dryRun) { db in
            try Self.write(db, command: command, inputs: inputs, policy: policy, strictNames: strictNames, body)
        }
    }

    /// The body of `write` inside a transaction that the caller owns.
    static func write(_ db: Database, command: String, inputs: [String] = [], policy: ConflictPolicy = .fail, strictNames: Bool = false,
                      _ body: (EntryWriter) throws -> Void) throws -> WriteSummary {
        let stamp = ISO8601DateFormatter().string(from: Date())
        try db.execute(sql: "INSERT INTO ingests (at, command, inputs) VALUES (?, ?, ?)",
                       arguments: [stamp, command, inputs.isEmpty ? nil : inputs.joined(separator: ";")])
        let changesBefore = db.totalChangesCount
        let w = try EntryWriter(db: db, ingestID: db.lastInsertedRowID, policy: policy, strictNames: strictNames)
        defer { w.abandon() }   // the connection checks every later write, with its own cache, whatever happens here
        try body(w)
        var summary = w.summary
        summary.undefinedMetrics = try w.undefinedMetrics()
        summary.changed = db.totalChangesCount != changesBefore
        return summary
    }

    /// Adds one entry (the add-* commands).
    @discardableResult
    public func add(_ entry: Entry, command: String, policy: ConflictPolicy = .fail, strictNames: Bool = false,
                    dryRun: Bool = false) throws -> WriteSummary {
        try write(command: command, policy: policy, strictNames: strictNames, dryRun: dryRun) { w in
            do {
                _ = try w.apply(entry)
            } catch let u as UnresolvedReference {
                throw u.problem
            }
        }
    }
}

/// The schema version and the state of the file, for `init`, `db status` and `db upgrade`.
public struct DatabaseStatus: Sendable {
    public var path: String
    public var schemaVersion: Int
    public var migrations: [String]
    public var journalMode: String
    public var counts: [(String, Int)]
}

extension DatabaseReading {
    /// The schema version stored in the file (`PRAGMA user_version`).
    public func schemaVersion() throws -> Int {
        try reader.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
    }

    /// What `aitrack db status` prints.
    public func status() throws -> DatabaseStatus {
    try reader.read { db in
        let tables = ["companies", "company_aliases", "sources", "deals", "deal_parties", "alliances", "alliance_members",
                      "statistics", "metrics", "fx_rates", "ingests", "entry_history", "snapshots", "upstream_drops"]
        return DatabaseStatus(path: reader.path, schemaVersion: try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
                      migrations: try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"),
                      journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                      counts: try tables.map { ($0, try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? 0) })
    }
    }
}
