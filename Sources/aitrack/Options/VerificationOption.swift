import AITrackCore
import ArgumentParser
import Foundation

/// `--verification` and `--source`, for the listings of sourced entries.
struct VerificationOption: ParsableArguments {
    @Option(help: ArgumentHelp("Only this verification.", valueName: "verification")) var verification: Verification?

    @Option(help: ArgumentHelp("Only entries this source reports or relays (cited_by), by name.", valueName: "name")) var source: String?

}
