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
              aitrack report                    # the latest ended year with data
              aitrack report --year 2026 --as-of 2026-06-30   # a year in progress, to date
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
    @Option(name: .customLong("as-of"), help: ArgumentHelp("Today, for which years have ended (default: $AITRACK_TODAY, else the clock).",
                                                           valueName: "YYYY-MM-DD"))
    var asOf: String?
    @OptionGroup var layout: WidthOptions
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let f = format?.output ?? .table
        let database = try db.openForReading()
        try database.requireIntactViewsAndTriggers()
        let today = try Self.today(asOf)
        let p: Period
        if let given = try period.resolve() {
            p = given
        } else {
            // the latest year that has ended: a year in progress only when asked for
            guard let latest = try database.latestYearWithData(before: Int(today.prefix(4))!) else {
                throw AITrackError("report: the database holds no data of a year ended by \(today); add some (aitrack ingest, "
                                   + "aitrack add-stat) or give --year (a year in progress is reported to date).")
            }
            p = .year(latest)
            if !db.quiet {
                Terminal.err("aitrack: report: no period given: \(latest), the latest ended year with data "
                             + "(as of \(today); give --year for another).")
            }
        }
        // JSON lists every latest statistic; the other formats show the first few of each metric
        let report = try database.report(p, consolidate: !noConsolidate, history: f == .html,
                                         statisticsLimit: f == .json ? nil : Report.statisticsShownPerMetric, claims: f == .html)
            .withIntervals(simulation.simulation).inProgress(asOf: today)
        let renderer = ReportRenderers.renderer(for: f, bars: Terminal.bars, width: layout.width) { metric, count, period in
            let option = period.from == period.to ? "--period \(period.from)" : "--from \(period.from) --to \(period.to)"
            return "\(metric): \(count) more (aitrack stats --metric \(metric) \(option))"
        }
        renderer.render(report) { Terminal.out($0) }
    }

    /// Today as ISO: `--as-of`, else `AITRACK_TODAY`, else the clock (UTC).
    static func today(_ given: String?, command: String = "report") throws -> String {
        let (text, origin) = given.map { ($0, "--as-of") }
            ?? ProcessInfo.processInfo.environment["AITRACK_TODAY"].map { ($0, "AITRACK_TODAY") } ?? ("", "")
        if origin.isEmpty {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let c = calendar.dateComponents([.year, .month, .day], from: Date())
            return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        }
        guard let d = try? EntryDate.parse(text), d.precision == .day else {
            throw AITrackError("\(command): \(origin): '\(text)' is not a day; valid: YYYY-MM-DD, e.g. 2026-12-07.")
        }
        return d.iso
    }
}
