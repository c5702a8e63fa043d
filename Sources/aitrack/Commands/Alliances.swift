import AITrackCore
import ArgumentParser

struct Alliances: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List alliances with counts of their members (aitrack members lists them).",
        discussion: """
            Examples:
              aitrack alliances
              aitrack alliances --company Meta --format json
              aitrack alliances --year 2023           # founded, joined or left in 2023
              aitrack alliances --verification contradicted
            """)

    @OptionGroup var listing: ListingOptions
    @Option(help: ArgumentHelp("Only alliances or memberships with this verification.", valueName: "verification")) var verification: Verification?

    func run() throws {
        var f = try listing.filter()
        f.verification = verification
        try listing.print { try $0.alliances(f) }
    }
}
