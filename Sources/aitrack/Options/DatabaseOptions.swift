import AITrackCore
import ArgumentParser
import Foundation

/// `--db`, `--no-seed`, `--quiet`: how every command finds and opens the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file (default: $AITRACK_DB, else ./aitrack.db).", valueName: "path")) var db: String?

    @Flag(name: .customLong("no-seed"), help: "If the database does not exist yet, create it empty instead of loading the bundled seed data.")
    var noSeed = false

    @Flag(name: [.short, .long], help: "Print no notices or summaries, only results and errors.") var quiet = false

    var path: String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["AITRACK_DB"], !env.isEmpty { return env }
        return "aitrack.db"
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
        let opened = try AppDatabase.open(path: path, seed: !noSeed, busyTimeout: Self.busyTimeout)
        if let from = opened.migratedFrom, !quiet {
            Terminal.err("aitrack: upgraded \(path) from schema version \(from) to \(Migrations.currentVersion); its data are unchanged.")
        }
        if opened.created { noticeCreated(opened.seed) }
        return opened.database
    }

    /// Opens the database for a command that only reads: the file is never changed; only the
    /// default ./aitrack.db is created when missing (the quick start).
    func openForReading() throws -> ReadOnlyDatabase {
        Terminal.databasePath = path
        let opened = try AppDatabase.openForReading(path: path, create: !isExplicit, seed: !noSeed, busyTimeout: Self.busyTimeout)
        if opened.created { noticeCreated(opened.seed) }
        return opened.database
    }

    private func noticeCreated(_ seed: WriteSummary?) {
        guard !quiet else { return }
        if let s = seed {
            Terminal.err("aitrack: created \(path) and loaded the bundled seed data (\(s.added) entries: "
                         + "the article's claims with their checks, and Epoch AI chip-owner estimates); --no-seed creates it empty.")
        } else {
            Terminal.err("aitrack: created \(path), empty (schema version \(Migrations.currentVersion)).")
        }
    }
}
