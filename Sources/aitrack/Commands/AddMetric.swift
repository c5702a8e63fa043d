import AITrackCore
import ArgumentParser

struct AddMetric: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-metric",
        abstract: "Define a metric: its unit, its kind and the market its firms share.",
        discussion: """
            Example:
              aitrack add-metric --name gpu_cloud_revenue_usd --unit USD --kind flow \\
                --market "GPU cloud rental revenue, worldwide" --period quarter \\
                --source "Analyst note"

            Only a share, stock or flow gets CRn, HHI and bands (a market size, a rate such as a survey's share of respondents, \
            and other do not); a metric without a definition is of kind other. A stock is taken as of one day, each firm's last \
            value carried forward; a fiscal basis is never one market. Without --top-list an unnamed firm may be larger than the \
            smallest named one, and the bounds allow it.
            """)

    @Option(help: ArgumentHelp("The metric (lowercase letters, digits and _).", valueName: "metric")) var name: String
    @Option(help: "Its values' unit (that of its statistics).") var unit: String
    @Option(help: ArgumentHelp("What it measures.", valueName: "kind")) var kind: MetricKind
    @Option(help: "What the firms share, in words: scope, basis, region.") var market: String?
    @Option(help: ArgumentHelp("The granularity its data comes in.", valueName: "precision")) var period: Precision?
    @Option(name: .customLong("total-metric"), help: ArgumentHelp("The metric holding the market's total.", valueName: "metric"))
    var totalMetric: String?
    @Option(help: ArgumentHelp("Calendar or fiscal years.", valueName: "basis")) var basis: MetricBasis?
    @Option(name: .customLong("fiscal-start"), help: ArgumentHelp("The fiscal year's first month, 1-12 (with --basis fiscal).", valueName: "month"))
    var fiscalStart: String?
    @Flag(name: .customLong("top-list"),
          help: ArgumentHelp("Its sources list each period's largest firms, so no unnamed firm is larger than the smallest named one "
                             + "(narrows the HHI's upper bound and makes CRn exact)."))
    var topList = false
    @OptionGroup var source: SourceOptions
    @OptionGroup var entry: EntryOptions

    func run() throws {
        try EntryRecord(["name": name, "unit": unit, "kind": kind.rawValue, "market": market, "period": period?.rawValue,
                         "total_metric": totalMetric, "basis": basis?.rawValue, "fiscal_start": fiscalStart], flags: ["top_list": topList])
            .add(.metric, command: "add-metric", entry, source: source)
    }
}
