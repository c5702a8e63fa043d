import AITrackCore
import ArgumentParser
import Foundation

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
              aitrack diff backup/ aitrack.db        # an export folder, or an NDJSON file

            Entries are matched by identity (a statistic by metric, measure, date, company, segment, region and source; \
            a deal by date, kind, parties and source; the others by name); a changed entry lists the fields that differ, \
            numbers with the change in percent. Then every computed figure that moved: each market's CR5, HHI bounds and \
            band per year and per quarter of dated values (by more than --tolerance), each year's deal count and USD \
            total, and each claim's verdict and the figure computed beside it. OLD and NEW are databases, \
            export folders (aitrack export --dir) or entry files (NDJSON, JSON, CSV), read into memory. Both are only read.
            """)

    @Argument(help: ArgumentHelp("The older database, export folder or entry file.", valueName: "old")) var old: String
    @Argument(help: ArgumentHelp("The newer database, export folder or entry file.", valueName: "new")) var new: String
    @Option(help: ArgumentHelp("How far a CR5 (points) or HHI may move before it is listed (default 0.005).", valueName: "x"))
    var tolerance: Double = 0.005
    @Option(help: ArgumentHelp("table or text (default), markdown (a changelog), json.", valueName: "format")) var format: DiffFormat = .table

    @OptionGroup var layout: WidthOptions

    func validate() throws {
        guard tolerance >= 0, tolerance.isFinite else {
            throw ValidationError("--tolerance: \(tolerance) is not a tolerance; valid: a number 0 or more (points)")
        }
    }

    /// A database file, or entry files (an export folder, an NDJSON, JSON or CSV file) read into
    /// a database in memory.
    static func open(_ path: String) throws -> any DatabaseReading {
        var folder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &folder), folder.boolValue || !isSQLite(path) {
            var files = [path]
            if folder.boolValue {
                let kinds: Set<String> = ["ndjson", "jsonl", "json", "csv"]
                files = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
                    .filter { kinds.contains(($0 as NSString).pathExtension.lowercased()) }
                    .map { (path as NSString).appendingPathComponent($0) }
                // a data package is read through its descriptor (which leaves out its empty resources)
                if let descriptor = files.first(where: { ($0 as NSString).lastPathComponent.lowercased() == DataPackage.descriptorName }) {
                    files = [descriptor]
                }
                guard !files.isEmpty else {
                    throw AITrackError("diff: '\(path)' holds no entry files (.ndjson, .json, .csv); "
                                       + "give a database, an export folder or an entry file.")
                }
            }
            let db = try AppDatabase.inMemory(seed: false)
            _ = try db.ingest(files.map(IngestInput.init(path:)), options: IngestOptions())
            return db
        }
        Terminal.databasePath = path
        let db = try AppDatabase.openForReading(path: path, create: false, seeding: nil, busyTimeout: DatabaseOptions.busyTimeout).database
        try db.requireIntactViewsAndTriggers()
        return db
    }

    /// Whether the file begins as every SQLite database does.
    static func isSQLite(_ path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return true }   // the database door says why it cannot be read
        defer { try? h.close() }
        return (try? h.read(upToCount: 16)) == Data("SQLite format 3\u{0}".utf8)
    }

    func run() throws {
        let a = try Self.open(old), b = try Self.open(new)
        let d = try DatabaseDiff.compute(old: a, new: b, tolerance: tolerance)
        switch format {
        case .json: Terminal.out(JSONWriter.prettyString(DiffFormatter.json(d)) + "\n")
        case .markdown: Terminal.out(DiffFormatter.markdown(d, old: old, new: new))
        case .table, .text: Terminal.out(Terminal.fitted(DiffFormatter.text(d, old: old, new: new), layout))
        }
    }
}
