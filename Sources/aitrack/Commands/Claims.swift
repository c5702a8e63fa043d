import AITrackCore
import ArgumentParser

struct Claims: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the claims the fact check judged: who said it, whom it cites, verdict, reason, evidence, computed figure.",
        discussion: """
            A claim is a figure relayed by another source (cited_by), a statement of a source that
            relays others' figures (the article's own), or a published CRn or HHI; a published
            CRn or HHI is shown beside the figure aitrack computes for its period.

            Examples:
              aitrack claims
              aitrack claims --verification contradicted
              aitrack claims --source "news article, 2025" --format json
            """)

    @OptionGroup var verification: VerificationOption
    @OptionGroup var format: FormatOptions
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let t = try db.openForReading().claims(ListFilter(verification: verification.verification, source: verification.source))
        Terminal.out(TableFormatter.render(t, as: format.resolve(), width: format.width))
    }
}
