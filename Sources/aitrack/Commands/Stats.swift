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
            """)

    @OptionGroup var period: PeriodOptions
    @Option(help: ArgumentHelp("Only this metric.", valueName: "key"))
    var metric: String?
    @Option(help: ArgumentHelp("Only this measure.", valueName: "measure"))
    var measure: Measure?
    @Option(help: "Only this company (name or alias) and its subsidiaries.")
    var company: String?
    @OptionGroup var verification: VerificationOption
    @OptionGroup var format: FormatOptions
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let f = format.resolve()
        let m = measure
        let v = verification.resolve()
        let t = try db.openForReading().statistics(ListFilter(period: try period.resolve(), company: company, metric: metric, measure: m, verification: v, source: verification.source))
        Terminal.out(TableFormatter.render(t, as: f))
    }
}
