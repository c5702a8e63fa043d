import AITrackCore
import ArgumentParser

struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the metrics: each definition, and the metrics with statistics but none (kind other).",
        discussion: """
            Examples:
              aitrack metrics
              aitrack metrics --format json
            """)

    @OptionGroup var format: FormatOptions
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let t = try db.openForReading().metrics()
        Terminal.out(TableFormatter.render(t, as: format.resolve(), width: format.width))
    }
}
