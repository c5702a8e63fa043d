import AITrackCore
import ArgumentParser

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the database: SQLite's integrity and foreign keys, and the data rules. Silent when clean.",
        discussion: """
            Examples:
              aitrack check && echo clean
              aitrack check --db other-tools-copy.db

            Rules: one unit per metric; shares and CRn within 0-100 and HHI within 0-10000; parties on every deal; no alias that \
            is another company's name; no membership before its alliance was founded; no company its own ancestor; no chain of \
            parents deeper than 8 levels; every table, view, trigger and index of aitrack's schema as this version defines it (a \
            view or trigger that differs: `aitrack db repair`). Objects a user added (their own tables, an FTS index) are noted \
            on stderr and do not fail the check. Each finding is printed with its rows; the exit status is 1 when there is any.
            """)

    @OptionGroup var layout: WidthOptions
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let database = try db.openForReading()
        let findings = try database.check()
        if !db.quiet { for note in try database.checkNotes() { Terminal.err("aitrack: check: note: \(note).") } }
        guard !findings.isEmpty else { return }
        for f in findings {
            Terminal.out("\(f.rule): \(f.rows.rows.count) row\(f.rows.rows.count == 1 ? "" : "s")\n")
            Terminal.out(TableFormatter.table(f.rows, groupNumbers: false, width: layout.width) + "\n")
        }
        throw AITrackError("check: \(findings.count) finding\(findings.count == 1 ? "" : "s") (\(findings.map(\.rule).joined(separator: "; "))).")
    }
}
