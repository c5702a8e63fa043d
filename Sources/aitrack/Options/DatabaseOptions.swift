import AITrackCore
import ArgumentParser
import Foundation

/// `--db`, `--no-seed`, `--quiet`: how every command finds and opens the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file (default: $AITRACK_DB, else ./aitrack.db, else the nearest aitrack.db in a parent "
                                            + "folder).", valueName: "path")) var db: String?

    @Flag(name: .customLong("no-seed"), help: "If the database does not exist yet, create it empty instead of loading the bundled seed data.")
    var noSeed = false

    @Flag(name: [.short, .long], help: "Print no notices or summaries, only results and errors.") var quiet = false

    var path: String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["AITRACK_DB"], !env.isEmpty { return env }
        return DatabaseLocation.forThisProcess().path
    }

    /// Says on stderr which file is used when it is the nearest one in a parent folder.
    private func noticeFoundAbove() {
        guard !isExplicit, !quiet else { return }
        let location = DatabaseLocation.forThisProcess()
        if location.foundAbove {
            Terminal.err("aitrack: using \(location.path), the nearest aitrack.db in a parent folder (--db PATH or AITRACK_DB chooses another).")
        }
    }

    /// The user named the file (`--db` or `$AITRACK_DB`): a read command then creates nothing.
    var isExplicit: Bool {
        db != nil || !(ProcessInfo.processInfo.environment["AITRACK_DB"] ?? "").isEmpty
    }

    /// How long a writer waits for another's lock, in seconds: AITRACK_BUSY_TIMEOUT (1 to 3,600;
    /// for tests) or the library's default.
    static var busyTimeout: Int {
        ProcessInfo.processInfo.environment["AITRACK_BUSY_TIMEOUT"].flatMap(Int.init).flatMap { (1...3600).contains($0) ? $0 : nil }
            ?? AppDatabase.defaultBusyTimeout
    }

    /// Opens the database for a command that writes (creating or upgrading it), and says on
    /// stderr what opening it did.
    func open() throws -> AppDatabase {
        Terminal.databasePath = path
        noticeFoundAbove()
        let opened = try AppDatabase.open(path: path, seed: !noSeed, busyTimeout: Self.busyTimeout)
        if let from = opened.migratedFrom, !quiet {
            Terminal.err("aitrack: upgraded \(path) from schema version \(from) to \(Migrations.currentVersion); its data are unchanged.")
        }
        if opened.created { try noticeCreated(opened.seed != nil, opened.database) }
        return opened.database
    }

    /// Opens the database for a command that only reads: the file is never changed; only the
    /// default ./aitrack.db is created when missing (the quick start).
    func openForReading() throws -> ReadOnlyDatabase {
        Terminal.databasePath = path
        noticeFoundAbove()
        let opened = try AppDatabase.openForReading(path: path, create: !isExplicit, seed: !noSeed, busyTimeout: Self.busyTimeout)
        if opened.created { try noticeCreated(opened.seed != nil, opened.database) }
        return opened.database
    }

    /// One line on stderr: the file made, what it holds (counted as `db status` counts), and
    /// how to choose another.
    private func noticeCreated(_ seeded: Bool, _ database: some DatabaseReading) throws {
        guard !quiet else { return }
        let choose = isExplicit ? "" : "; --db PATH or AITRACK_DB uses another file"
        if seeded {
            Terminal.err("aitrack: created \(path) with the bundled seed data, \(try database.status().contents) "
                         + "(\(DatabaseStatus.seedDescription)); --no-seed creates it empty\(choose).")
        } else {
            Terminal.err("aitrack: created \(path), empty (schema version \(Migrations.currentVersion))\(choose).")
        }
    }
}
