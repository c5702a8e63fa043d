import AITrackCore
import ArgumentParser
import Foundation

struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Run SQL against the database: read-only unless --write.",
        discussion: """
            Examples:
              aitrack sql "SELECT company, share FROM metric_year_shares WHERE metric = 'ai_compute_h100e' AND year = 2025 ORDER BY rank"
              aitrack sql "SELECT * FROM deals_overview WHERE date >= :from" --param from 2025-01-01 --format json
              aitrack sql --file queries/top5.sql --format csv > top5.csv
              echo "SELECT count(*) FROM statistics" | aitrack sql -
              aitrack sql --write "UPDATE deals SET status = 'signed' WHERE id = 7"
            A statement that would write is refused (and nothing runs) unless --write; with --write all
            statements run in one transaction. Parameters that look like numbers are bound as numbers.
            Formats: table (default on a terminal), json, csv (default on a pipe), tsv, markdown, nl
            (newline-delimited JSON). docs/SCHEMA.md lists the tables and views.
            """)

    @Argument(help: ArgumentHelp("The SQL; - reads it from standard input.", valueName: "sql"))
    var query: String?
    @Option(help: ArgumentHelp("Read the SQL from this file.", valueName: "path"))
    var file: String?
    @Option(name: .customLong("param"), parsing: .upToNextOption, help: ArgumentHelp("A named parameter: --param name value (repeatable); the SQL uses :name.", valueName: "name value"))
    var params: [String] = []
    @Flag(help: "Allow statements that write (one transaction).")
    var write = false
    @Option(help: ArgumentHelp("table, json, csv, tsv, markdown or nl.", valueName: "format"))
    var format: String?
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let f = try FormatOptions.resolve(format, allowed: [.table, .json, .csv, .tsv, .markdown, .nl])
        let sql: String
        switch (query, file) {
        case (nil, nil): throw AITrackError("sql needs a statement: give it as an argument, --file PATH, or - for standard input.")
        case (_?, _?): throw AITrackError("give the SQL as an argument or --file, not both.")
        case ("-"?, nil): sql = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        case (let q?, nil): sql = q
        case (nil, let path?):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw AITrackError("cannot read '\(path)'; give a path to a file of SQL.")
            }
            sql = String(decoding: data, as: UTF8.self)
        }
        guard params.count % 2 == 0 else {
            throw AITrackError("--param takes a name and a value (e.g. --param year 2025); '\(params.last!)' has no value.")
        }
        let pairs = stride(from: 0, to: params.count, by: 2).map { (params[$0], params[$0 + 1]) }
        let result = try db.open(readOnly: !write).runSQL(sql, parameters: pairs, write: write)
        for (k, t) in result.tables.enumerated() {
            if k > 0 && (f == .table || f == .markdown) { Terminal.out("\n") }
            Terminal.out(f == .table ? TableFormatter.table(t, groupNumbers: false) : TableFormatter.render(t, as: f))
        }
        if write && !db.quiet { Terminal.err("aitrack: \(result.changes) row\(result.changes == 1 ? "" : "s") changed") }
    }
}
