import AITrackCore
import ArgumentParser

/// Shared by the add-* commands: the options become an entry record, validated by the same
/// decoder as `ingest`, so that a command and a file obey the same rules and messages.
struct EntryRecord {
    var fields: [(String, JSONValue)] = []

    mutating func set(_ name: String, _ value: String?) {
        if let value { fields.append((name, .string(value))) }
    }

    mutating func set(_ name: String, list: [String]) {
        if !list.isEmpty { fields.append((name, .array(list.map(JSONValue.string)))) }
    }

    mutating func set(_ name: String, bool: Bool) {
        if bool { fields.append((name, .bool(true))) }
    }

    /// Validates, writes in one transaction, and prints what happened.
    func add(_ type: EntryType, command: String, db: DatabaseOptions, write: WriteOptions) throws {
        let entry: Entry
        do {
            entry = try EntryDecoder(defaultType: type).decode(fields)
        } catch let p {
            throw AITrackError(ErrorText.commandMessage(p, command: command))
        }
        let database = try db.open()
        let summary: WriteSummary
        do {
            summary = try database.add(entry, command: command, policy: try write.policy(), strictNames: write.strictNames, dryRun: write.dryRun)
        } catch let p as FieldProblem {
            throw AITrackError(ErrorText.commandMessage(p, command: command))
        }
        if !db.quiet {
            Terminal.err("aitrack: " + SummaryFormatter.oneEntry(type, summary, dryRun: write.dryRun))
            for line in SummaryNotes.lines(summary) { Terminal.err("aitrack: " + line) }
        }
    }
}

/// Options every entry may carry.
struct CommonEntryOptions: ParsableArguments {
    @Option(help: "A note kept with the entry.")
    var note: String?

    @Option(help: ArgumentHelp("What the sources say of it (default unverified).", valueName: "verification"))
    var verification: Verification?

    @Option(name: .customLong("id"), help: ArgumentHelp("Your own stable key for the entry (its identity in later ingests).", valueName: "key"))
    var key: String?

    func apply(to r: inout EntryRecord) {
        r.set("note", note)
        r.set("verification", verification?.rawValue)
        r.set("id", key)
    }
}

/// `--source`, `--source-url`, `--source-published`, `--cited-by`.
struct SourceOptions: ParsableArguments {
    @Option(help: "The source that reports it, e.g. Reuters.")
    var source: String?

    @Option(name: .customLong("source-url"), help: "The source document's URL.")
    var sourceURL: String?

    @Option(name: .customLong("source-published"), help: ArgumentHelp("When the source was published.", valueName: "date"))
    var sourcePublished: String?

    @Option(name: .customLong("cited-by"), help: ArgumentHelp("The secondary source that relayed it (e.g. a news article).", valueName: "source"))
    var citedBy: String?

    func apply(to r: inout EntryRecord) {
        r.set("source", source)
        r.set("source_url", sourceURL)
        r.set("source_published", sourcePublished)
        r.set("cited_by", citedBy)
    }
}
