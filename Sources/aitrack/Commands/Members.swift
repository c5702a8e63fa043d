import AITrackCore
import ArgumentParser

struct Members: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members",
        abstract: "List memberships: alliance, company, role (founders marked), joined, left, verification, reason, source.",
        discussion: """
            Examples:
              aitrack members --alliance "AI Alliance"
              aitrack members --company Google   # with subsidiaries, contradicted ones too
              aitrack members --verification contradicted --format csv
            """)

    @OptionGroup var listing: ListingOptions
    @Option(help: ArgumentHelp("Only memberships of this alliance.", valueName: "name")) var alliance: String?
    @OptionGroup var verification: VerificationOption

    func run() throws {
        var f = try listing.filter()
        (f.alliance, f.verification, f.source) = (alliance, verification.verification, verification.source)
        try listing.print { try $0.memberships(f) }
    }
}
