import AITrackCore
import ArgumentParser

struct Companies: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List companies with kind, parent, ultimate parent, aliases and counts.",
        discussion: """
            Examples:
              aitrack companies
              aitrack companies --kind aggregate
              aitrack companies --company Alphabet --format json   # and subsidiaries
            """)

    @Option(help: ArgumentHelp("Only this kind.", valueName: "kind")) var kind: CompanyKind?
    @Option(help: "Only this company (name or alias) and its subsidiaries.") var company: String?
    @OptionGroup var format: FormatOptions
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let f = format.resolve()
        let t = try db.openForReading().companies(ListFilter(company: company, companyKind: kind))
        Terminal.out(TableFormatter.render(t, as: f, width: format.width))
    }
}
