import AITrackCore
import ArgumentParser

struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Delete stored entries, in one transaction; refused when another entry names one.",
        discussion: """
            Examples:
              aitrack remove deal 7 --dry-run
              aitrack remove statistic 12 13
              aitrack remove company Newco --cascade

            TYPE and ID as for edit. A company with deals, or an alliance with members, is \
            refused with the entries that name it; --cascade removes its memberships and deal \
            parties with it, never a deal or a statistic. A company with statistics or \
            subsidiaries, or a source anything cites, is always refused: remove or edit those \
            first. Each removed entry is kept as it was (removed_entries.record and \
            entry_history), and an ingest of the file it came from leaves it out, counted as \
            removed earlier; --replace restores it.
            """)

    @Argument(help: ArgumentHelp("deal, statistic, company, alliance, membership or source.", valueName: "type"))
    var type: EditableType
    @Argument(help: ArgumentHelp("Row ids (as listings print), entry ids or names.", valueName: "id")) var ids: [String]
    @Flag(help: "Also remove the memberships and deal parties that name it.") var cascade = false
    @Flag(name: .customLong("dry-run"), help: "Show what would be removed; write nothing.") var dryRun = false
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let database = try db.open()
        let changes = try database.remove(type, ids: ids, cascade: cascade, dryRun: dryRun)
        for c in changes {
            Terminal.out("\(dryRun ? "would remove" : "removed") \(c.describe)\n")
            for d in c.cascaded { Terminal.out("  and \(d)\n") }
        }
        guard !db.quiet else { return }
        let n = changes.count
        Terminal.err("aitrack: " + (dryRun ? "dry run, nothing written: would remove" : "removed")
                     + " \(n) \(type.rawValue)\(n == 1 ? "" : "s"); kept in removed_entries (an ingest leaves \(n == 1 ? "it" : "them") out; "
                     + "--replace restores \(n == 1 ? "it" : "them")).")
    }
}
