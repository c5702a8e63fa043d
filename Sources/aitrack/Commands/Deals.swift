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
              aitrack deals --year 2025 --status signed --status completed
              aitrack deals --year 2025 --sort value_usd --desc --limit 10

            in_total is true for a deal that counts in the report's all-kinds USD total and \
            in_kind_total for one in its kind's total: summing value_usd where in_total gives the \
            report's total; not_in_total_because names every reason a deal is left out.
            """)

    @OptionGroup var listing: ListingOptions
    @Option(help: ArgumentHelp("Only this deal kind.", valueName: "kind")) var kind: DealKind?
    @Option(help: ArgumentHelp("Only deals of this status (repeatable: any of them).", valueName: "status")) var status: [DealStatus] = []
    @OptionGroup var verification: VerificationOption
    @OptionGroup var order: OrderOptions

    func run() throws {
        var f = try listing.filter()
        (f.dealKind, f.verification, f.source) = (kind, verification.verification, verification.source)
        f.dealStatuses = status
        order.apply(to: &f)
        try listing.print { try $0.deals(f) }
    }
}
