import AITrackCore
import ArgumentParser

struct Deals: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List deals with parties, value (and USD value), status and source.",
        discussion: """
            Examples:
              aitrack deals --year 2025
              aitrack deals --company Meta --kind cloud_contract --format json
              aitrack deals --from 2025-Q3 --to 2026 --format csv > deals.csv
            """)

    @OptionGroup var period: PeriodOptions
    @Option(help: "Only deals with this company (name or alias) or a subsidiary as a party.")
    var company: String?
    @Option(help: ArgumentHelp("Only this deal kind.", valueName: "kind"))
    var kind: DealKind?
    @OptionGroup var verification: VerificationOption
    @OptionGroup var format: FormatOptions
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let f = format.resolve()
        let v = verification.resolve()
        let t = try db.openForReading().deals(ListFilter(period: try period.resolve(), company: company, dealKind: kind, verification: v, source: verification.source))
        Terminal.out(TableFormatter.render(t, as: f))
    }
}
