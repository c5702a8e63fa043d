import AITrackCore
import ArgumentParser
import Foundation

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load files of dated entries (NDJSON, JSON array, CSV, a data package's datapackage.json) in one transaction.",
        discussion: """
            Examples:
              aitrack ingest examples/entries.ndjson examples/deals.csv
              cat entries.ndjson | aitrack ingest -
              aitrack ingest deals.csv --type deal --dry-run
              aitrack ingest --recipe epoch_tpu tpu_owners_cumulative_totals.csv
              aitrack ingest nvidia_owners_cumulative_totals.csv --type statistic \\
                --map company=Owner --map "date=End date" \\
                --map "value=Compute estimate in H100e (median)" \\
                --set metric=ai_compute_h100e --set unit=H100e \\
                --set "source=Epoch AI" --date-format M/d/yyyy

            Nothing is written when any entry is wrong; every problem is listed as FILE:LINE: field: …. Re-ingesting a file \
            changes nothing; a changed entry with the same identity is an error unless --replace (take the new) or --ignore \
            (keep the old). Several files are one run, read in the order their references need.
            """)

    @Argument(help: ArgumentHelp("Entry files; - reads standard input.", valueName: "file")) var files: [String]
    @Option(help: ArgumentHelp("The entry type of records without a type field (CSV).", valueName: "type")) var type: EntryType?
    @Option(name: .customLong("input-format"), help: ArgumentHelp("The files' format (default: by extension, else by content).", valueName: "format"))
    var inputFormat: InputFormat?
    @Option(name: .customLong("map"), help: ArgumentHelp("Take FIELD from the CSV column COLUMN (repeatable).", valueName: "field=column"))
    var maps: [String] = []
    @Option(name: .customLong("set"), help: ArgumentHelp("FIELD is VALUE in every entry that has none (repeatable).", valueName: "field=value"))
    var sets: [String] = []
    @Option(name: .customLong("date-format"), help: ArgumentHelp("How the file writes dates, e.g. M/d/yyyy or dd.MM.yyyy.", valueName: "pattern"))
    var dateFormat: String?
    @Option(help: ArgumentHelp("Read the files by an import recipe: a bundled name (aitrack recipes) or a recipe file.", valueName: "name|file"))
    var recipe: String?
    @OptionGroup var write: WriteOptions
    @OptionGroup var db: DatabaseOptions

    static func pairs(_ items: [String], option: String) throws -> [(String, String)] {
        try items.map { item in
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw AITrackError("--\(option): '\(item)' is not FIELD=\(option == "map" ? "COLUMN" : "VALUE"); "
                                   + "e.g. --\(option) \(option == "map" ? "\"date=End date\"" : "unit=H100e").")
            }
            let field = item[..<eq].trimmingCharacters(in: .whitespaces)
            guard EntryDecoder.allFieldNames.contains(field) else {
                throw AITrackError("--\(option): '\(field)' is not an entry field; "
                                   + "valid: \(EntryDecoder.allFieldNames.sorted().joined(separator: ", ")).")
            }
            return (field, String(item[item.index(after: eq)...]))
        }
    }

    func validate() throws {
        if recipe != nil, let given = [("--map", !maps.isEmpty), ("--set", !sets.isEmpty), ("--type", type != nil),
                                        ("--date-format", dateFormat != nil), ("--input-format", inputFormat != nil)].first(where: { $0.1 }) {
            throw ValidationError("--recipe gives the mapping and the fixed fields; leave out \(given.0) (or write your own recipe file)")
        }
    }

    func run() throws {
        var options = IngestOptions()
        options.policy = try write.policy()
        options.strictNames = write.strictNames
        options.dryRun = write.dryRun
        options.type = type
        options.format = inputFormat
        options.dateFormat = dateFormat
        options.maps = try Self.pairs(maps, option: "map").map { (field: $0.0, column: $0.1) }
        options.sets = try Self.pairs(sets, option: "set").map { (field: $0.0, value: $0.1) }
        if let recipe { options = try Recipe.named(recipe).apply(to: options) }
        if files.filter({ $0 == "-" }).count > 1 { throw AITrackError("standard input (-) can be read once; name it once.") }
        let showProgress = Terminal.stderrIsTerminal && !db.quiet
        if showProgress {
            let start = Date()
            // after a second by default; AITRACK_PROGRESS_AFTER (seconds) changes it, for tests
            let after = ProcessInfo.processInfo.environment["AITRACK_PROGRESS_AFTER"].flatMap(Double.init) ?? 1
            options.progress = { n in
                if Date().timeIntervalSince(start) >= after { Terminal.progress("aitrack: \(NumberText.grouped(Double(n))) entries read…") }
            }
        }
        let database = try db.open()
        let summary: WriteSummary
        do {
            defer { if showProgress { Terminal.clearProgress() } }   // before the summary or the error
            summary = try database.ingest(files.map(IngestInput.init(path:)), options: options)
        }
        if !db.quiet {
            Terminal.err("aitrack: " + SummaryFormatter.text(summary, dryRun: write.dryRun))
            for line in SummaryNotes.lines(summary) { Terminal.err("aitrack: " + line) }
        }
    }
}
