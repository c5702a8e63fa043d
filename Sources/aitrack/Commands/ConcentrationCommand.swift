import AITrackCore
import ArgumentParser

struct ConcentrationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "concentration",
        abstract: "CRn, top-five share and HHI with bounds for one metric, beside the published figures.",
        discussion: """
            Examples:
              aitrack concentration --metric ai_compute_h100e --year 2025
              aitrack concentration --metric ai_compute_h100e --from 2023 --to 2025 \\
                --by year --format csv
              aitrack concentration --metric cloud_market_share --period 2024-Q3
              aitrack concentration --metric ai_compute_h100e --year 2025 --no-consolidate
              aitrack concentration --metric ai_compute_h100e --year 2025 --draws 100000 \\
                --correlation source
              aitrack concentration --metric ai_compute_h100e --year 2025 \\
                --format svg > shares.svg

            Values: the latest per company and segment in the period; segments summed; subsidiaries consolidated into their \
            ultimate parent; aggregates (Other, China) count toward the total but never rank; hhi.high treats the unattributed \
            rest as firms no larger than the smallest named one. With --by, steps without data are left out. Where values carry \
            low/high bounds (5th and 95th percentiles), 90 % intervals over --draws Monte Carlo draws (seeded: the same \
            output every run) and the share of draws in each band.
            """)

    @Option(help: ArgumentHelp("The metric, e.g. ai_compute_h100e.", valueName: "key")) var metric: String
    @OptionGroup var period: PeriodOptions
    @Option(help: ArgumentHelp("One figure set per year or quarter of the period.", valueName: "year|quarter")) var by: PeriodStep?
    @Flag(name: .customLong("no-consolidate"), help: "Rank companies as recorded instead of consolidating subsidiaries into their ultimate parent.")
    var noConsolidate = false
    @Option(help: ArgumentHelp("Output format (default: table on a terminal, csv otherwise); svg draws one chart.", valueName: "format"))
    var format: ConcentrationFormat?
    @OptionGroup var simulation: SimulationOptions
    @OptionGroup var layout: WidthOptions
    @OptionGroup var db: DatabaseOptions

    func validate() throws {
        if by != nil && (period.from == nil || period.to == nil) {
            throw ValidationError("--by steps through a range: give --from and --to as well (e.g. --from 2023 --to 2025 --by year)")
        }
    }

    func run() throws {
        let f = format?.output ?? (Terminal.stdoutIsTerminal ? .table : .csv)
        guard let p = try period.resolve() else {
            throw AITrackError("concentration needs a period: give --year (e.g. --year 2025), --period or --from/--to.")
        }
        let step = by
        let database = try db.openForReading()
        try database.requireIntactViewsAndTriggers()
        let series = try database.concentrationSeries(metric: metric, period: p, by: step, consolidate: !noConsolidate)
        let results = series.results.map { r in simulation.simulation.map { r.withIntervals($0) } ?? r }
        if results.isEmpty {
            Terminal.err("aitrack: concentration: \(metric) has no statistics in \(p); nothing to compute.")
            if f == .json { Terminal.out("[]\n") }
            return
        }
        if series.periodsWithoutData > 0 && !db.quiet {
            Terminal.err("aitrack: concentration: \(series.periodsWithoutData) \(step?.rawValue ?? "period")"
                         + "\(series.periodsWithoutData == 1 ? "" : "s") of \(p) without statistics of \(metric) left out.")
        }
        Terminal.out(ConcentrationFormatter.render(results, as: f, bars: Terminal.bars, series: step != nil, width: layout.width))
    }
}
