import AITrackCore
import ArgumentParser
import Foundation

/// `--wide`: tables and text in full on a terminal too, however wide.
struct WidthOptions: ParsableArguments {
    @Flag(help: "On a terminal too, print every cell and line in full (a pipe or a file always gets them in full).")
    var wide = false

    /// The width to fit the output to (nil: in full).
    var width: Int? { Terminal.width(wide: wide) }
}

/// `--format`, for listings.
struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Output format (default: table on a terminal, csv otherwise).", valueName: "format"))
    var format: ListingFormat?
    @OptionGroup var layout: WidthOptions

    var width: Int? { layout.width }

    /// The format asked for, else table on a terminal and CSV on a pipe (or `def`).
    func resolve(default def: OutputFormat? = nil) -> OutputFormat {
        format?.output ?? def ?? (Terminal.stdoutIsTerminal ? .table : .csv)
    }
}

/// A command's choice of output formats: a subset of `OutputFormat`, named by the same words,
/// read from `--format` as any vocabulary is (a case-insensitive word, or a sentence listing
/// the valid ones).
protocol FormatChoice: Vocabulary, ExpressibleByArgument {}

extension FormatChoice {
    var output: OutputFormat { OutputFormat(rawValue: rawValue)! }
    init?(argument: String) { self.init(word: argument) }
}

/// The formats of the listings.
enum ListingFormat: String, FormatChoice {
    case table, json, csv, markdown
    static let noun = "a listing format"
}

/// The formats of `report`.
enum ReportFormat: String, FormatChoice {
    case table, json, csv, markdown, html
    static let noun = "a report format"
}

/// The formats of `concentration`: the listings' and a standalone SVG chart.
enum ConcentrationFormat: String, FormatChoice {
    case table, json, csv, markdown, svg
    static let noun = "a concentration format"
}

/// The formats of `sql`.
enum SQLFormat: String, FormatChoice {
    case table, json, csv, tsv, markdown, nl
    static let noun = "an sql output format"
}
