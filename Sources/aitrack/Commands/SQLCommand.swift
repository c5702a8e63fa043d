import AITrackCore
import ArgumentParser
import Foundation

struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Run SQL against the database: read-only unless --write.",
        discussion: """
            Examples:
              aitrack sql "SELECT company, share FROM metric_year_shares
                WHERE metric = 'ai_compute_h100e' AND year = 2025 ORDER BY rank"
              aitrack sql "SELECT * FROM deals_overview WHERE date >= :from" \\
                --param from 2025-01-01 --format json
              aitrack sql --file examples/top5.sql --format csv > top5.csv
              echo "SELECT count(*) FROM statistics" | aitrack sql -
              aitrack sql --write "UPDATE deals SET status = 'signed' WHERE id = 7"

            A statement that would write is refused (and nothing runs) unless --write; with --write the statements run in order \
            in one transaction, all or nothing, and \(ErrorText.refusedSQLKeywords) are refused. A PRAGMA may only read: \
            table_info, index_list, foreign_key_list, integrity_check and the like, or a setting such as user_version without a \
            value; every PRAGMA that sets something (ignore_check_constraints, writable_schema, foreign_keys, user_version, \
            journal_mode, …) is refused. Parameters are text unless written as a number that reads back the same (42, 2.5); \
            --param-int and --param-text say which. Formats: table (default on a terminal), json, csv (default on a pipe), tsv, \
            markdown, nl (newline-delimited JSON). docs/SCHEMA.md lists the tables and views.
            """)

    @Argument(help: ArgumentHelp("The SQL; - reads it from standard input.", valueName: "sql")) var query: String?
    @Option(help: ArgumentHelp("Read the SQL from this file.", valueName: "path")) var file: String?
    @Option(name: .customLong("param"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("A named parameter: --param name value (repeatable); the SQL uses :name. "
                               + "Bound as text unless the value is a number written the one way it reads back (42, 2.5).",
                               valueName: "name value"))
    var params: [String] = []
    @Option(name: .customLong("param-int"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("A named parameter bound as a whole number: --param-int limit 10.", valueName: "name value"))
    var intParams: [String] = []
    @Option(name: .customLong("param-text"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("A named parameter bound as text whatever it looks like: --param-text code 007.", valueName: "name value"))
    var textParams: [String] = []
    @Flag(help: "Allow statements that write (one transaction).") var write = false
    @Option(help: ArgumentHelp("Output format (default: table on a terminal, csv otherwise).", valueName: "format")) var format: SQLFormat?
    @OptionGroup var layout: WidthOptions
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let f = format?.output ?? (Terminal.stdoutIsTerminal ? .table : .csv)
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
        var parameters: [SQLParameter] = []
        for (list, kind, option) in [(params, SQLParameter.Kind.auto, "--param"), (intParams, .integer, "--param-int"),
                                     (textParams, .text, "--param-text")] {
            for item in list {
                // `--param name value` arrives as `name=value` (see Arguments.normalize)
                guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                    throw AITrackError("sql: \(option) takes a name and a value (e.g. \(option) year 2025); '\(item)' has no value.")
                }
                parameters.append(SQLParameter(name: String(item[..<eq]), value: String(item[item.index(after: eq)...]), kind: kind))
            }
        }
        let result: SQLResult
        do {
            result = write ? try db.open().runSQL(sql, parameters: parameters, write: true)
                : try db.openForReading().runSQL(sql, parameters: parameters)
        } catch let p as SQLProblem {
            throw AITrackError(ErrorText.sentence(p, write: write))
        }
        for (k, t) in result.tables.enumerated() {
            if k > 0 && (f == .table || f == .markdown) { Terminal.out("\n") }
            Terminal.out(f == .table ? TableFormatter.table(t, groupNumbers: false, width: layout.width) : TableFormatter.render(t, as: f))
        }
        if write && !db.quiet { Terminal.err("aitrack: \(result.changes) row\(result.changes == 1 ? "" : "s") changed") }
    }
}
