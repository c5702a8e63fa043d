import AITrackCore
import ArgumentParser

struct Alliances: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List alliances with their members.",
        discussion: """
            Examples:
              aitrack alliances
              aitrack alliances --company Meta --format json
              aitrack alliances --year 2023           # founded, joined or left in 2023
              aitrack alliances --verification contradicted
            """)

    @OptionGroup var period: PeriodOptions
    @Option(help: "Only alliances this company (or a subsidiary) belongs to.")
    var company: String?
    @Option(help: ArgumentHelp("Only alliances or memberships with this verification.", valueName: "verification"))
    var verification: Verification?
    @OptionGroup var format: FormatOptions
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let f = format.resolve()
        let v = verification
        let t = try db.openForReading().alliances(ListFilter(period: try period.resolve(), company: company, verification: v))
        Terminal.out(TableFormatter.render(t, as: f))
    }
}
