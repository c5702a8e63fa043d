import AITrackCore
import ArgumentParser

struct DBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "About the database file.",
        subcommands: [DBStatus.self, DBUpgrade.self, DBRepair.self])
}

struct DBStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print the database's path, schema version, migrations and row counts.",
        discussion: """
            Examples:
              aitrack db status
              aitrack db status --db archive.db --format json
            """)

    @OptionGroup var format: FormatOptions
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let f = format.resolve()
        var status = try db.openForReading().status()
        status.path = db.path
        switch f {
        case .json: Terminal.out(JSONWriter.prettyString(status.json) + "\n")
        case .table: Terminal.out(TableFormatter.table(status.table, groupNumbers: false, width: format.width))
        default: Terminal.out(TableFormatter.render(status.table, as: f))
        }
    }
}

struct DBUpgrade: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade",
        abstract: "Upgrade a database written by an older aitrack to the current schema, in one transaction.",
        discussion: """
            Example:
              aitrack db upgrade --db archive.db

            Commands that only read never upgrade a file; they say when one needs this. Writing commands (init, add-*, ingest, \
            sql --write) upgrade it too.
            """)

    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let opened = try db.open()
        Terminal.out("\(db.path): schema version \(try opened.schemaVersion())\n")
    }
}

struct DBRepair: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Restore aitrack's views, triggers, indexes and version stamp as this version defines them, in one transaction; "
            + "never tables or rows.",
        discussion: """
            Examples:
              aitrack db repair --dry-run
              aitrack db repair --db restored-from-dump.db

            A table that differs (a CHECK weakened by another program) is not repaired: nothing is written, and the way out is \
            to export the data and ingest it into a new file.
            """)

    @Flag(name: .customLong("dry-run"), help: "List what would be restored; write nothing.") var dryRun = false
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let steps = try AppDatabase.repair(path: db.path, dryRun: dryRun)
        guard !steps.isEmpty else {
            Terminal.out("\(db.path): nothing needs repair.\n")
            return
        }
        for s in steps {
            let what: String
            switch s.kind {
            case .recreate: what = "the \(s.type) \(s.name) (it differed from this version's definition)"
            case .create: what = "the \(s.type) \(s.name) (it was missing)"
            case .stamp: what = "the version stamp (\(s.name))"
            }
            Terminal.out("\(dryRun ? "would restore" : "restored") \(what)\n")
        }
    }
}
