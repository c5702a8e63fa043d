import AITrackCore
import ArgumentParser

/// Shared by the add-* commands: the options become an entry record, validated by the same
/// decoder as `ingest`, so that a command and a file obey the same rules and messages.
struct EntryRecord {
    var fields: [(String, JSONValue)] = []

    /// The given options as entry fields: text, lists (repeatable options) and flags.
    init(_ values: [String: String?], lists: [String: [String]] = [:], flags: [String: Bool] = [:]) {
        for (k, v) in values { if let v { fields.append((k, .string(v))) } }
        for (k, v) in lists where !v.isEmpty { fields.append((k, .array(v.map(JSONValue.string)))) }
        for (k, v) in flags where v { fields.append((k, .bool(true))) }
    }

    /// Validates, writes in one transaction, and prints what happened.
    func add(_ type: EntryType, command: String, _ entry: EntryOptions, source: SourceOptions? = nil) throws {
        var record = self
        record.fields += entry.common.fields + (source?.fields ?? [])
        let decoded: Entry
        do {
            decoded = try EntryDecoder(defaultType: type).decode(record.fields)
        } catch let p {
            throw AITrackError(ErrorText.commandMessage(p, command: command))
        }
        let database = try entry.db.open()
        let write = entry.write
        let summary: WriteSummary
        do {
            summary = try database.add(decoded, command: command, policy: try write.policy(), strictNames: write.strictNames, dryRun: write.dryRun)
        } catch let p as FieldProblem {
            throw AITrackError(ErrorText.commandMessage(p, command: command))
        }
        if !entry.db.quiet {
            Terminal.err("aitrack: " + SummaryFormatter.oneEntry(type, summary, dryRun: write.dryRun))
            for line in SummaryNotes.lines(summary) { Terminal.err("aitrack: " + line) }
        }
    }
}
