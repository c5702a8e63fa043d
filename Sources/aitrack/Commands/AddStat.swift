import AITrackCore
import ArgumentParser

struct AddStat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-stat",
        abstract: "Add a dated, sourced statistic: a market size, a company's holding, a share, or a published CRn/HHI.",
        discussion: """
            Examples:
              aitrack add-stat --metric ai_compute_h100e --date 2024-12-31 \\
                --company Meta --segment Nvidia --value 606402 --low 458678 \\
                --high 794350 --unit H100e --source "Epoch AI"
              aitrack add-stat --metric ai_infrastructure_market_usd --date 2024 \\
                --value "86 bn" --unit USD --qualifier approx \\
                --source "Grand View Research" --verification contradicted
              aitrack add-stat --metric ai_compute_h100e --measure cr5 --date 2025 \\
                --value 70 --qualifier at_least --source "Stanford AI Index 2025"

            A metric has one unit. percent (or %) is a share from 0 to 100; percent_change may be negative.
            """)

    @Option(help: ArgumentHelp("The metric key, snake_case (e.g. ai_compute_h100e).", valueName: "key")) var metric: String?
    @Option(help: ArgumentHelp("value (default), or cr1…cr10 or hhi for a published concentration figure.", valueName: "measure"))
    var measure: Measure?
    @Option(help: ArgumentHelp("The period or as-of date: 2025, 2025-Q3, 2025-08, 2025-08-21.", valueName: "date")) var date: String?
    @Option(help: "The company it is about (none: the whole market).") var company: String?
    @Option(help: "A part of the company's value (e.g. Nvidia, TPU); a company's value is the sum of its segments.") var segment: String?
    @Option(help: "The region it covers.") var region: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("The value: 774000, 7.74e5, 86 bn …", valueName: "amount")) var value: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Lower bound (e.g. 5th percentile).", valueName: "amount")) var low: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Upper bound (e.g. 95th percentile).", valueName: "amount")) var high: String?
    @Option(help: "The unit (one per metric): USD, H100e, percent …") var unit: String?
    @Option(help: ArgumentHelp("How exact the value is (default exact).", valueName: "qualifier")) var qualifier: Qualifier?
    @Flag(help: "The value is a forecast.") var forecast = false
    @OptionGroup var source: SourceOptions
    @OptionGroup var entry: EntryOptions

    func run() throws {
        try EntryRecord(["metric": metric, "measure": measure?.rawValue, "date": date, "company": company, "segment": segment, "region": region,
                         "value": value, "low": low, "high": high, "unit": unit, "qualifier": qualifier?.rawValue], flags: ["forecast": forecast])
            .add(.statistic, command: "add-stat", entry, source: source)
    }
}
