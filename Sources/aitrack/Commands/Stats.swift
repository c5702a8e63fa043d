import AITrackCore
import ArgumentParser

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "List statistics with company, segment, bounds, unit, source and verification.",
        discussion: """
            Examples:
              aitrack stats --year 2025
              aitrack stats --metric ai_compute_h100e --company Alphabet --period 2025-Q4
              aitrack stats --measure cr5 --format json      # published top-five shares
              aitrack stats --verification contradicted      # claims sources contradict
              aitrack stats --source "news article, 2025"    # what the article relays
              aitrack stats --history --metric ai_compute_h100e
              aitrack stats --metric cloud_market_share --sort value --desc --limit 5
            """)

    @OptionGroup var listing: ListingOptions
    @Option(help: ArgumentHelp("Only this metric.", valueName: "key")) var metric: String?
    @Option(help: ArgumentHelp("Only this measure.", valueName: "measure")) var measure: Measure?
    @OptionGroup var verification: VerificationOption
    @Flag(help: "The values each selected statistic had before a revision (pull --apply or --replace), with when.")
    var history = false
    @OptionGroup var order: OrderOptions

    func run() throws {
        var f = try listing.filter()
        (f.metric, f.measure, f.verification, f.source) = (metric, measure, verification.verification, verification.source)
        order.apply(to: &f)
        try listing.print { history ? try $0.statisticHistory(f) : try $0.statistics(f) }
    }
}
