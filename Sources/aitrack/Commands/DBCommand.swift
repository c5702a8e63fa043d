import AITrackCore
import ArgumentParser

struct DBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "About the database file.",
        subcommands: [DBStatus.self])
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
