import AITrackCore
import ArgumentParser
import Foundation

/// `--db`, `--no-seed`, `--quiet`: how every command finds and opens the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file (default: $AITRACK_DB, else ./aitrack.db).", valueName: "path")) var db: String?

    @Flag(name: .customLong("no-seed"), help: "If the database does not exist yet, create it empty instead of loading the bundled seed data.") var noSeed = false

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

    /// Opens the database for a command that writes (creating or upgrading it), and says on
    /// stderr what opening it did.
    func open() throws -> AppDatabase {
        Terminal.databasePath = path
        let opened = try AppDatabase.open(path: path, seed: !noSeed)
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
        let opened = try AppDatabase.openForReading(path: path, create: !isExplicit, seed: !noSeed)
        if opened.created { noticeCreated(opened.seed) }
        return opened.database
    }

    private func noticeCreated(_ seed: WriteSummary?) {
        guard !quiet else { return }
        if let s = seed {
            Terminal.err("aitrack: created \(path) and loaded the bundled seed data (\(s.added) entries: the article's claims with their checks, and Epoch AI chip-owner estimates); --no-seed creates it empty.")
        } else {
            Terminal.err("aitrack: created \(path), empty (schema version \(Migrations.currentVersion)).")
        }
    }
}

/// `--format`, for listings.
struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Output format (default: table on a terminal, csv otherwise).", valueName: "format")) var format: ListingFormat?

    /// The format asked for, else table on a terminal and CSV on a pipe (or `def`).
    func resolve(default def: OutputFormat? = nil) -> OutputFormat {
        format?.output ?? def ?? (Terminal.stdoutIsTerminal ? .table : .csv)
    }
}

/// The formats of the listings.
enum ListingFormat: String, Vocabulary, ExpressibleByArgument {
    case table, json, csv, markdown
    static let noun = "a listing format"
    var output: OutputFormat { OutputFormat(rawValue: rawValue)! }
    init?(argument: String) { self.init(word: argument) }
}

/// The formats of `report`.
enum ReportFormat: String, Vocabulary, ExpressibleByArgument {
    case table, json, csv, markdown, html
    static let noun = "a report format"
    var output: OutputFormat { OutputFormat(rawValue: rawValue)! }
    init?(argument: String) { self.init(word: argument) }
}

/// The formats of `concentration`: the listings' and a standalone SVG chart.
enum ConcentrationFormat: String, Vocabulary, ExpressibleByArgument {
    case table, json, csv, markdown, svg
    static let noun = "a concentration format"
    var output: OutputFormat { OutputFormat(rawValue: rawValue)! }
    init?(argument: String) { self.init(word: argument) }
}

/// The formats of `sql`.
enum SQLFormat: String, Vocabulary, ExpressibleByArgument {
    case table, json, csv, tsv, markdown, nl
    static let noun = "an sql output format"
    var output: OutputFormat { OutputFormat(rawValue: rawValue)! }
    init?(argument: String) { self.init(word: argument) }
}

/// `--year`, `--period`, `--from`, `--to`.
struct PeriodOptions: ParsableArguments {
    // unconditional: `--year -1` is a year to refuse as one, not an option (the same for the dates)
    @Option(parsing: .unconditional, help: "Only this calendar year, e.g. 2025.") var year: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Only this period: 2025, 2025-Q3, 2025-08 or 2025-08-21.", valueName: "period")) var period: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("From this date on (2025, 2025-Q3, 2025-08, 2025-08-21).", valueName: "date")) var from: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Up to the end of this date (2025, 2025-Q3, 2025-08, 2025-08-21).", valueName: "date")) var to: String?

    /// Checks across the options, before the command runs.
    func validate() throws {
        if let year, !(1...9999).contains(year) {
            throw ValidationError("--year: \(year) is not a year; valid: 1 to 9999")
        }
        if [year != nil, period != nil, from != nil || to != nil].filter({ $0 }).count > 1 {
            throw ValidationError("give one of --year, --period, or --from/--to, not several")
        }
    }

    /// The period of `--year`, `--period` or `--from`/`--to` (nil: none given).
    func resolve() throws -> Period? {
        if let year { return .year(year) }
        do {
            if let period { return Period(try EntryDate.parse(period, field: "--period")) }
            if from != nil || to != nil {
                // an open end is the first or last year a date may name (1 and 9999): the range
                // then covers whatever the database holds on that side
                let f = try from.map { try EntryDate.parse($0, field: "--from") } ?? EntryDate(year: 1, precision: .year)
                let t = try to.map { try EntryDate.parse($0, field: "--to") } ?? EntryDate(year: 9999, precision: .year)
                guard f.iso <= t.endISO else { throw AITrackError("--from \(f) is after --to \(t); give a --from on or before --to.") }
                return Period(from: f, to: t)
            }
        } catch let p as FieldProblem {
            throw AITrackError("\(p.text).")
        }
        return nil
    }
}

/// `--dry-run`, `--replace`, `--ignore`, `--strict-names`: how a write treats what exists.
struct WriteOptions: ParsableArguments {
    @Flag(name: .customLong("dry-run"), help: "Validate and print the summary without writing.") var dryRun = false

    @Flag(help: "When an entry with the same identity exists with other content, take the new one.") var replace = false

    @Flag(help: "When an entry with the same identity exists with other content, keep the stored one.") var ignore = false

    @Flag(name: .customLong("strict-names"), help: "Refuse company names that are neither a company nor an alias, instead of creating them.") var strictNames = false

    func validate() throws {
        if replace && ignore { throw ValidationError("give --replace or --ignore, not both") }
    }

    func policy() throws -> ConflictPolicy {
        replace ? .replace : ignore ? .ignore : .fail
    }
}

/// `--verification` and `--source`, for the listings of sourced entries.
struct VerificationOption: ParsableArguments {
    @Option(help: ArgumentHelp("Only this verification.", valueName: "verification")) var verification: Verification?

    @Option(help: ArgumentHelp("Only entries this source reports or relays (cited_by), by name.", valueName: "name")) var source: String?

}

/// What the listings of deals, statistics and alliances share: the period, a company (with its
/// subsidiaries), the output format and the database; `print` runs the query and writes it.
struct ListingOptions: ParsableArguments {
    @OptionGroup var period: PeriodOptions
    @Option(help: "Only entries of this company (name or alias) or a subsidiary.") var company: String?
    @OptionGroup var format: FormatOptions
    @OptionGroup var db: DatabaseOptions

    /// The filter with the period and company given, for the listing to add its own.
    func filter() throws -> ListFilter { ListFilter(period: try period.resolve(), company: company) }

    func print(_ list: (ReadOnlyDatabase) throws -> ResultTable) throws {
        let f = format.resolve()
        Terminal.out(TableFormatter.render(try list(try db.openForReading()), as: f))
    }
}
