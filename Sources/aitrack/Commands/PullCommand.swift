import AITrackCore
import ArgumentParser
import Foundation

struct PullCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Fetch recipes' upstream files and show what would change; --apply writes it.",
        discussion: """
            Examples:
              aitrack pull epoch_tpu              # fetch, review, write nothing
              aitrack pull --all --apply          # every recipe, in one transaction
              aitrack pull epoch_tpu --from tpu_owners_cumulative_totals.csv
              aitrack pull ./mine.json --url http://127.0.0.1:8000/owners.csv \\
                --format markdown

            The review lists, per file, the statistics it adds and revises (old → new, in percent), the stored ones it no \
            longer has, and then every figure that would move (each market's CR5, HHI bounds and band per year, deal \
            totals). Nothing is written unless --apply: then the files are one transaction; the source's revised values \
            replace its old ones (kept in entry_history), statistics upstream dropped are kept but marked and left out of \
            every figure, and each file's URL, time, size, SHA-256, licence and recipe are stored in snapshots. A file as \
            stored writes nothing. A redirect to another host, a status other than 2xx, a body that is not the recipe's \
            format, a short body or no answer within --timeout ends the pull with nothing written.
            """)

    @Argument(help: ArgumentHelp("Recipes: bundled names (aitrack recipes) or recipe files.", valueName: "recipe")) var recipes: [String] = []
    @Flag(help: "Every bundled recipe.") var all = false
    @Flag(help: "Write the change (one transaction); without it nothing is written.") var apply = false
    @Option(help: ArgumentHelp("Read one recipe's file from here instead of fetching it; - reads standard input.", valueName: "file"))
    var from: String?
    @Option(help: ArgumentHelp("Fetch one recipe's file from this address instead of the recipe's (a mirror).", valueName: "url"))
    var url: String?
    @Option(help: ArgumentHelp("Seconds to wait for an answer (default 30).", valueName: "seconds")) var timeout: Double = 30
    @Option(help: ArgumentHelp("How far a CR5 (points) or HHI may move before it is listed (default 0.005).", valueName: "x"))
    var tolerance: Double = 0.005
    @Option(help: ArgumentHelp("text (default), markdown, json.", valueName: "format")) var format: DiffFormat = .text
    @OptionGroup var layout: WidthOptions
    @OptionGroup var db: DatabaseOptions

    func validate() throws {
        if all && !recipes.isEmpty { throw ValidationError("give recipes or --all, not both") }
        if !all && recipes.isEmpty { throw ValidationError("name a recipe (see 'aitrack recipes') or give --all") }
        if (from != nil || url != nil) && (all || recipes.count != 1) {
            throw ValidationError("\(from != nil ? "--from" : "--url") gives one recipe's file; name exactly one recipe")
        }
        if from != nil && url != nil { throw ValidationError("give --from or --url, not both") }
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout: \(timeout) is not a wait; valid: 0 to 3,600 seconds") }
        guard tolerance >= 0, tolerance.isFinite else {
            throw ValidationError("--tolerance: \(tolerance) is not a tolerance; valid: a number 0 or more (points)")
        }
    }

    func run() throws {
        let chosen = all ? Recipe.bundled : try recipes.map(Recipe.named)
        // every file first: a pull that cannot fetch one writes none
        let items = try chosen.map { recipe in PullItem(recipe: recipe, file: try file(for: recipe)) }
        let review: PullReview
        if apply {
            let database = try db.open()
            review = try Pull.review(database, items, tolerance: tolerance)
            if !review.isEmpty { try database.pull(items) }
        } else {
            review = try Pull.review(try db.openForReading(), items, tolerance: tolerance)
        }
        switch format {
        case .json: Terminal.out(JSONWriter.prettyString(PullFormatter.json(review)) + "\n")
        case .markdown: Terminal.out(PullFormatter.markdown(review))
        case .table, .text: Terminal.out(Terminal.fitted(PullFormatter.text(review), layout))
        }
        if !db.quiet && !review.isEmpty {
            Terminal.err(apply ? "aitrack: pull: applied to \(db.path) in one transaction; the values it replaced are in entry_history."
                               : "aitrack: pull: nothing written; run it again with --apply to write this change.")
        }
    }

    func file(for recipe: Recipe) throws -> PullFile {
        if let from {
            if from == "-" { return PullFile(origin: "-", data: FileHandle.standardInput.readDataToEndOfFile()) }
            guard let data = FileManager.default.contents(atPath: from) else { throw InputFileProblem.missing(name: from) }
            return PullFile(origin: from, data: data)
        }
        guard let address = url ?? recipe.urls.first else {
            throw AITrackError("pull: recipe \(recipe.name) names no URL; give the file with --from or an address with --url.")
        }
        let fetched = try Fetcher(timeout: timeout).get(address)
        return PullFile(origin: address, data: fetched.data)
    }
}
