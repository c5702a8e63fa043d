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

    @OptionGroup var listing: ListingOptions
    @Option(help: ArgumentHelp("Only this deal kind.", valueName: "kind")) var kind: DealKind?
    @OptionGroup var verification: VerificationOption

    func run() throws {
        var f = try listing.filter()
        (f.dealKind, f.verification, f.source) = (kind, verification.verification, verification.source)
        try listing.print { try $0.deals(f) }
    }
}
