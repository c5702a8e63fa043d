import AITrackCore
import ArgumentParser
import Foundation

/// `--dry-run`, `--replace`, `--ignore`, `--strict-names`: how a write treats what exists.
struct WriteOptions: ParsableArguments {
    @Flag(name: .customLong("dry-run"), help: "Validate and print the summary without writing.") var dryRun = false

    @Flag(help: "When an entry with the same identity exists with other content, take the new one.") var replace = false

    @Flag(help: "When an entry with the same identity exists with other content, keep the stored one.") var ignore = false

    @Flag(name: .customLong("strict-names"), help: "Refuse company names that are neither a company nor an alias, instead of creating them.")
    var strictNames = false

    func validate() throws {
        if replace && ignore { throw ValidationError("give --replace or --ignore, not both") }
    }

    func policy() throws -> ConflictPolicy {
        replace ? .replace : ignore ? .ignore : .fail
    }
}
