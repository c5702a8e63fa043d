import Foundation
import GRDB

/// What can be wrong with a database file or with writing to it. The library names the file
/// and the cause; the executable turns each case into one sentence with what to do.
public enum DatabaseFileProblem: Error, Equatable, Sendable {
    /// A read was asked of a file that does not exist (an explicit path: nothing is created).
    case missing(path: String)
    /// A read was asked of a file that holds no database yet (0 bytes, or no tables).
    case empty(path: String)
    case isDirectory(path: String)
    case folderMissing(path: String)
    /// Not an SQLite file at all.
    case notSQLite(path: String)
    /// An SQLite file with tables, but none of aitrack's migrations: another program's data.
    case foreign(path: String, tables: Int)
    /// Written by a newer aitrack.
    case newer(path: String, version: Int, unknownMigrations: [String])
    /// aitrack's own tables (this version's, column for column) without a version stamp that
    /// says so (a `.dump` restored: `user_version` 0; `grdb_migrations` emptied): `db repair`.
    case stampMissing(path: String)
    /// Written by an older aitrack; only a writing command or `db upgrade` upgrades it.
    case older(path: String, version: Int, current: Int)
    /// SQLite says the file is damaged (truncated, overwritten).
    case damaged(path: String, detail: String)
    /// The file or its folder cannot be opened (permissions, a read-only file system).
    case cannotOpen(path: String, detail: String)
    /// A write to a file (or folder) that is read-only, and which one blocks it.
    case readOnly(path: String, cause: ReadOnlyCause = .unknown)
    /// The disk is full or a file-size limit was reached while writing.
    case diskFull(path: String, at: String?)
    /// Another process held the write lock for the whole busy timeout.
    case busy(path: String)
    /// Any other input/output failure of the file system.
    case io(path: String, detail: String)

    /// The file the problem is about.
    public var path: String {
        switch self {
        case .missing(let p), .empty(let p), .isDirectory(let p), .folderMissing(let p), .notSQLite(let p), .readOnly(let p, _), .stampMissing(let p):
            return p
        case .foreign(let p, _), .newer(let p, _, _), .older(let p, _, _), .damaged(let p, _), .cannotOpen(let p, _),
             .diskFull(let p, _), .busy(let p), .io(let p, _):
            return p
        }
    }

    /// For errors that reach the executable from SQLite: the storage problem behind it, if any.
    public static func classify(_ error: Error, path: String) -> DatabaseFileProblem? {
        (error as? DatabaseError).flatMap { from($0, path: path) }
    }

    /// SQLite's own message of an SQLite error (never the SQL it ran), nil for other errors.
    public static func sqliteMessage(_ error: Error) -> String? {
        (error as? DatabaseError).map { $0.message ?? "SQLite error \($0.resultCode.rawValue)" }
    }

    /// The storage problem behind an SQLite error, or nil when the error is about the data
    /// (a constraint, a syntax error) rather than the file.
    public static func from(_ e: DatabaseError, path: String, at location: String? = nil) -> DatabaseFileProblem? {
        let detail = e.message ?? "SQLite error \(e.resultCode.rawValue)"
        switch e.resultCode {
        case .SQLITE_FULL: return .diskFull(path: path, at: location)
        case .SQLITE_IOERR:
            // a write past `ulimit -f` (EFBIG) comes back as an I/O error of the write
            if e.extendedResultCode == .SQLITE_IOERR_WRITE || e.extendedResultCode == .SQLITE_IOERR_FSYNC
                || e.extendedResultCode == .SQLITE_IOERR_TRUNCATE {
                return .diskFull(path: path, at: location)
            }
            return .io(path: path, detail: detail)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path)
        case .SQLITE_READONLY: return .readOnly(path: path)
        case .SQLITE_CORRUPT: return .damaged(path: path, detail: detail)
        case .SQLITE_NOTADB: return .notSQLite(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: return .cannotOpen(path: path, detail: detail)
        case .SQLITE_NOMEM: return .io(path: path, detail: "out of memory")
        default: return nil
        }
    }
}

/// What keeps a write from a database file.
public enum ReadOnlyCause: Equatable, Sendable {
    /// The database file itself has no write permission.
    case file
    /// Its folder has none, and SQLite must create a file there (the database, or its `-wal`/`-shm`).
    case folder
    /// The file system is mounted read-only.
    case fileSystem
    /// A `-wal` or `-shm` file beside it (left by another program or user) has no write permission.
    case sideFile(String)
    /// SQLite said so, for no cause seen beforehand.
    case unknown

    /// Why a connection could not write to `path`, seen before opening it (nil: nothing seen),
    /// so that a refused write creates no `-wal` or `-shm` file that would block a later one.
    static func of(_ path: String) -> ReadOnlyCause? {
        let files = FileManager.default
        let dir = (path as NSString).deletingLastPathComponent
        if files.fileExists(atPath: path) && access(path, W_OK) != 0 { return errno == EROFS ? .fileSystem : .file }
        let sides = [path + "-wal", path + "-shm"]
        if let side = sides.first(where: { files.fileExists(atPath: $0) && access($0, W_OK) != 0 }) {
            return errno == EROFS ? .fileSystem : .sideFile(side)
        }
        // a missing database, `-wal` or `-shm` must be created in the folder
        if !([path] + sides).allSatisfy(files.fileExists) && access(dir.isEmpty ? "." : dir, W_OK) != 0 {
            return errno == EROFS ? .fileSystem : .folder
        }
        return nil
    }
}

/// What a file on disk is, seen without changing it.
enum DatabaseFileState: Equatable {
    case missing
    /// 0 bytes, or an SQLite file without a single table (a creation that was killed).
    case empty
    /// An aitrack database: the migrations it has applied and its `user_version`.
    case aitrack(applied: Set<String>, userVersion: Int)
    /// This version's tables, column for column, with a version stamp that does not agree
    /// with itself (neither the first n migrations with `user_version` n).
    case unstamped

    /// Looks at `path` through a read-only connection (immutable when there is no WAL file, or
    /// when nothing else can open it, as in a read-only folder).
    static func inspect(_ path: String) throws -> DatabaseFileState {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return .missing }
        if isDir.boolValue { throw DatabaseFileProblem.isDirectory(path: path) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        if size == 0 && !FileManager.default.fileExists(atPath: path + "-wal") { return .empty }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw DatabaseFileProblem.cannotOpen(path: path, detail: "permission denied")
        }
        // Without a WAL file nothing is pending outside the main file: read it as immutable, so
        // that looking leaves no `-wal`/`-shm` beside a file that is then refused.
        let queue = try AppDatabase.readOnlyQueue(path, immutable: !FileManager.default.fileExists(atPath: path + "-wal"))
        defer { try? queue.close() }
        return try queue.read { db in
            let tables: [String]
            do {
                tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            } catch let e as DatabaseError {
                throw DatabaseFileProblem.from(e, path: path) ?? DatabaseFileProblem.damaged(path: path, detail: e.message ?? "unreadable")
            }
            if tables.isEmpty { return .empty }
            let applied = tables.contains("grdb_migrations") ? try Migrations.migrator.appliedIdentifiers(db) : []
            let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            let known = applied.allSatisfy { id in Migrations.all.contains { $0.name == id } } && userVersion <= Migrations.currentVersion
            let consistent = userVersion == applied.count && Set(Migrations.all.prefix(applied.count).map(\.name)) == applied
            if known && !consistent, try SchemaReference.hasOwnTables(db) { return .unstamped }
            guard let first = Migrations.all.first?.name, applied.contains(first) else {
                throw DatabaseFileProblem.foreign(path: path, tables: tables.filter { !$0.hasPrefix("sqlite_") }.count)
            }
            return .aitrack(applied: applied, userVersion: userVersion)
        }
    }
}
