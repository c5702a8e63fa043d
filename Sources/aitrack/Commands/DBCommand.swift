import AITrackCore
import ArgumentParser

struct DBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "About the database file.",
        subcommands: [DBStatus.self, DBUpgrade.self])
}

struct DBStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print the database's path, schema version, migrations and row counts.",
        discussion: """
            Example:
              aitrack db status
              aitrack db status --db archive.db --format json
            """)

    @OptionGroup var format: FormatOptions
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let f = try format.resolve(default: .table)
        let status = try db.open(readOnly: true).status()
        var t = ResultTable(columns: ["item", "value"])
        t.rows.append([.text("path"), .text(db.path)])
        t.rows.append([.text("schema_version"), .int(Int64(status.schemaVersion))])
        t.rows.append([.text("binary_schema_version"), .int(Int64(Migrations.currentVersion))])
        t.rows.append([.text("migrations"), .text(status.migrations.joined(separator: ", "))])
        t.rows.append([.text("journal_mode"), .text(status.journalMode)])
        for (table, n) in status.counts { t.rows.append([.text("rows.\(table)"), .int(Int64(n))]) }
        Terminal.out(f == .table ? TableFormatter.table(t, groupNumbers: false) : TableFormatter.render(t, as: f))
    }
}

struct DBUpgrade: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade",
        abstract: "Upgrade a database written by an older aitrack to the current schema, in one transaction.",
        discussion: """
            Example:
              aitrack db upgrade --db archive.db
            Commands that only read never upgrade a file; they say when one needs this. Writing commands
            (init, add-*, ingest, sql --write) upgrade it too.
            """)

    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let opened = try db.open()
        Terminal.out("\(db.path): schema version \(try opened.schemaVersion())\n")
    }
}
