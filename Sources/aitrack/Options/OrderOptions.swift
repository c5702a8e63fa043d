import AITrackCore
import ArgumentParser

/// The order and length of a listing: `--sort KEY [--desc] [--limit N]`.
struct OrderOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Sort by date (default), value or value_usd (rows without one last).", valueName: "key")) var sort: ListSort?
    @Flag(help: "Largest or latest first.") var desc = false
    @Option(help: ArgumentHelp("At most this many rows.", valueName: "n")) var limit: Int?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit: \(limit) is not a number of rows; give 1 or more") }
    }

    func apply(to f: inout ListFilter) {
        (f.sort, f.descending, f.limit) = (sort, desc, limit)
    }
}
