import AITrackCore
import ArgumentParser
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The yearly report: concentration beside published claims, deals with USD totals, alliances, statistics, "
            + "change against the year before.",
        discussion: """
            Examples:
              aitrack report --year 2025
              aitrack report                    # the latest year with company data
              aitrack report --year 2025 --format markdown > report-2025.md
              aitrack report --year 2025 --format html > report-2025.html
              aitrack report --year 2025 --format json | jq '.concentration[0]'
              aitrack report --year 2025 --format csv > concentration-2025.csv
              aitrack report --year 2025 --draws 0      # without the Monte Carlo intervals
            """)

    @OptionGroup var period: PeriodOptions
    @Flag(name: .customLong("no-consolidate"), help: "Rank companies as recorded instead of consolidating subsidiaries into their ultimate parent.")
    var noConsolidate = false
    @Option(help: ArgumentHelp("Output format (default table; csv is the concentration rows).", valueName: "format")) var format: ReportFormat?
    @OptionGroup var simulation: SimulationOptions
    @OptionGroup var layout: WidthOptions
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let f = format?.output ?? .table
        let database = try db.openForReading()
        try database.requireIntactViewsAndTriggers()
        let p: Period
        if let given = try period.resolve() {
            p = given
        } else {
            guard let latest = try database.latestYearWithData() else {
                throw AITrackError("report: the database holds no data yet; add some (aitrack ingest, aitrack add-stat) or give --year.")
            }
            p = .year(latest)
            if !db.quiet {
                Terminal.err("aitrack: report: no period given: \(latest), the latest year with company statistics (give --year for another).")
            }
        }
        // JSON lists every latest statistic; the other formats show the first few of each metric
        let report = try database.report(p, consolidate: !noConsolidate, history: f == .html,
                                         statisticsLimit: f == .json ? nil : Report.statisticsShownPerMetric, claims: f == .html)
            .withIntervals(simulation.simulation)
        let renderer = ReportRenderers.renderer(for: f, bars: Terminal.bars, width: layout.width) { metric, count, period in
            let option = period.from == period.to ? "--period \(period.from)" : "--from \(period.from) --to \(period.to)"
            return "\(metric): \(count) more (aitrack stats --metric \(metric) \(option))"
        }
        renderer.render(report) { Terminal.out($0) }
    }
}
