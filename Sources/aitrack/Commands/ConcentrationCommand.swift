import AITrackCore
import ArgumentParser

struct ConcentrationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "concentration",
        abstract: "CRn, top-five share and HHI with bounds for one metric, beside the published figures.",
        discussion: """
            Examples:
              aitrack concentration --metric ai_compute_h100e --year 2025
              aitrack concentration --metric ai_compute_h100e --from 2023 --to 2025 --by year --format csv
              aitrack concentration --metric cloud_market_share --period 2024-Q3 --format json
              aitrack concentration --metric ai_compute_h100e --year 2025 --no-consolidate
            Values: the latest per company and segment in the period; segments summed; subsidiaries
            consolidated into their ultimate parent; aggregates (Other, China) count toward the total
            but never rank; hhi.high treats the unattributed rest as firms no larger than the smallest
            named one.
            """)

    @Option(help: ArgumentHelp("The metric, e.g. ai_compute_h100e.", valueName: "key"))
    var metric: String
    @OptionGroup var period: PeriodOptions
    @Option(help: ArgumentHelp("One figure set per year or quarter of the period.", valueName: "year|quarter"))
    var by: String?
    @Flag(name: .customLong("no-consolidate"), help: "Rank companies as recorded instead of consolidating subsidiaries into their ultimate parent.")
    var noConsolidate = false
    @OptionGroup var format: FormatOptions
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let f = try format.resolve(default: Terminal.stdoutIsTerminal ? .table : nil)
        guard let p = try period.resolve() else {
            throw AITrackError("concentration needs a period: give --year (e.g. --year 2025), --period or --from/--to.")
        }
        if by != nil && (period.from == nil || period.to == nil) {
            throw AITrackError("--by steps through a range: give --from and --to as well (e.g. --from 2023 --to 2025 --by year).")
        }
        let periods: [Period]
        switch by {
        case nil: periods = [p]
        case "year"?: periods = (p.from.year...p.to.year).map { Period.year($0) }
        case "quarter"?:
            periods = (p.from.year...p.to.year).flatMap { y in (1...4).map { q in Period(EntryDate(year: y, month: (q - 1) * 3 + 1, precision: .quarter)) } }
                .filter { $0.toISO >= p.fromISO && $0.fromISO <= p.toISO }
        case let other?:
            throw AITrackError("--by: '\(other)' is not a step; valid: year, quarter.")
        }
        let database = try db.open(readOnly: true)
        let results = try periods.map { try database.concentration(metric: metric, period: $0, consolidate: !noConsolidate) }
        Terminal.out(ConcentrationFormatter.render(results, as: f, bars: Terminal.bars))
    }
}
