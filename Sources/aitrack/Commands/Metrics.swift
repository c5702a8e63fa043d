import AITrackCore
import ArgumentParser

struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the metrics: each definition, and the metrics with statistics but none (kind other).",
        discussion: """
            Examples:
              aitrack metrics
              aitrack metrics --format json
              aitrack metrics --as-of 2026-12-07

            latest is each metric's latest period (forecasts aside); quarters_behind counts the \
            calendar quarters that have ended since it, as of --as-of (default: $AITRACK_TODAY, \
            else the clock).
            """)

    @OptionGroup var format: FormatOptions
    @Option(name: .customLong("as-of"), help: ArgumentHelp("Today, for quarters_behind (default: $AITRACK_TODAY, else the clock).",
                                                           valueName: "YYYY-MM-DD"))
    var asOf: String?
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let t = try db.openForReading().metrics(asOf: try ReportCommand.today(asOf, command: "metrics"))
        Terminal.out(TableFormatter.render(t, as: format.resolve(), width: format.width))
    }
}
