import AITrackCore
import ArgumentParser

struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change fields of one stored entry, those of its identity too, in one transaction.",
        discussion: """
            Examples:
              aitrack edit deal 7 --date 2023-01-24 --dry-run
              aitrack edit deal 7 --value "10 bn" --qualifier estimate
              aitrack edit company Nebius --country NL

            TYPE is deal, statistic, company, alliance, membership or source; ID is the row_id \
            the listings print, the entry's own id, or the name of a company, alliance or source. \
            Each --FIELD VALUE sets a field of the entry format (docs/INGEST.md; "" removes an \
            optional one); parties as "Microsoft:customer;Nebius:provider". The values replaced \
            are kept in entry_history. When the edit changes what identifies the entry (a deal's \
            date, kind, parties or source), an ingest of the file it came from does not bring \
            the old one back: its summary counts it as removed earlier; --replace restores it.
            """)

    @Argument(help: ArgumentHelp("deal, statistic, company, alliance, membership or source.", valueName: "type"))
    var type: EditableType
    @Argument(help: ArgumentHelp("The row_id a listing prints, the entry's id, or a name.", valueName: "id")) var id: String
    @Flag(name: .customLong("dry-run"), help: "Show what would change; write nothing.") var dryRun = false
    @OptionGroup var db: DatabaseOptions
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("--FIELD VALUE pairs: the fields to set.", valueName: "--field value"))
    var pairs: [String] = []

    func run() throws {
        var fields: [(String, String)] = []
        var rest = pairs[...]
        while let flag = rest.popFirst() {
            guard flag.hasPrefix("--"), flag.count > 2 else {
                throw AITrackError("edit: '\(flag)' is not a --FIELD VALUE pair; valid fields of a \(type.rawValue): "
                                   + type.fields.joined(separator: ", ") + ".")
            }
            var name = String(flag.dropFirst(2)), value: String
            if let eq = name.firstIndex(of: "=") {
                value = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            } else {
                guard let v = rest.popFirst() else { throw AITrackError("edit: \(flag) needs a value (\"\" removes the field).") }
                value = v
            }
            fields.append((name.replacingOccurrences(of: "-", with: "_"), value))
        }
        let database = try db.open()
        let change: EntryChange
        do {
            change = try database.edit(type, id: id, set: fields, dryRun: dryRun)
        } catch let p as FieldProblem {
            throw AITrackError(ErrorText.commandMessage(p, command: "edit"))
        }
        for f in change.fields { Terminal.out("\(f.field): \(f.old.isEmpty ? "(none)" : f.old) → \(f.new.isEmpty ? "(none)" : f.new)\n") }
        guard !db.quiet else { return }
        let head = change.fields.isEmpty ? "unchanged:" : dryRun ? "dry run, nothing written: would edit" : "edited"
        Terminal.err("aitrack: \(head) \(change.describe)"
                     + (change.fields.isEmpty ? "" : " (\(change.fields.count) field\(change.fields.count == 1 ? "" : "s"))")
                     + (change.identityChanged ? "; its old identity stays out of later ingests (--replace brings it back)" : "") + ".")
    }
}
