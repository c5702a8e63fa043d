import AITrackCore
import ArgumentParser

/// The formats `diff` writes.
enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    case table, text, markdown, json
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed from one aitrack database to another: entries added, removed and changed, and the figures that moved.",
        discussion: """
            Examples:
              aitrack diff old.db aitrack.db
              aitrack diff old.db aitrack.db --format markdown > CHANGES.md
              aitrack diff old.db aitrack.db --format json | jq '.figures'

            Entries are matched by identity (a statistic by metric, measure, date, company, segment, region and source; \
            a deal by date, kind, parties and source; the others by name); a changed entry lists the fields that differ, \
            numbers with the change in percent. Then every computed figure that moved: each market's CR5, HHI bounds and \
            band per year (by more than --tolerance), and each year's deal count and USD total. Both files are only read.
            """)

    @Argument(help: ArgumentHelp("The older database.", valueName: "old")) var old: String
    @Argument(help: ArgumentHelp("The newer database.", valueName: "new")) var new: String
    @Option(help: ArgumentHelp("How far a CR5 (points) or HHI may move before it is listed (default 0.005).", valueName: "x"))
    var tolerance: Double = 0.005
    @Option(help: ArgumentHelp("table or text (default), markdown (a changelog), json.", valueName: "format")) var format: DiffFormat = .table

    func validate() throws {
        guard tolerance >= 0, tolerance.isFinite else {
            throw ValidationError("--tolerance: \(tolerance) is not a tolerance; valid: a number 0 or more (points)")
        }
    }

    func run() throws {
        func open(_ path: String) throws -> ReadOnlyDatabase {
            Terminal.databasePath = path
            return try AppDatabase.openForReading(path: path, create: false, seeding: nil, busyTimeout: DatabaseOptions.busyTimeout).database
        }
        let a = try open(old), b = try open(new)
        try a.requireIntactViewsAndTriggers()
        try b.requireIntactViewsAndTriggers()
        let d = try DatabaseDiff.compute(old: a, new: b, tolerance: tolerance)
        switch format {
        case .json: Terminal.out(JSONWriter.prettyString(DiffFormatter.json(d)) + "\n")
        case .markdown: Terminal.out(DiffFormatter.markdown(d, old: old, new: new))
        case .table, .text: Terminal.out(DiffFormatter.text(d, old: old, new: new))
        }
    }
}
