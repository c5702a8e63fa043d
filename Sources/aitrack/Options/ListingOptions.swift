import AITrackCore
import ArgumentParser
import Foundation

/// What the listings of deals, statistics and alliances share: the period, a company (with its
/// subsidiaries), the output format and the database; `print` runs the query and writes it.
struct ListingOptions: ParsableArguments {
    @OptionGroup var period: PeriodOptions
    @Option(help: "Only entries of this company (name or alias) or a subsidiary.") var company: String?
    @OptionGroup var format: FormatOptions
    @OptionGroup var db: DatabaseOptions

    /// The filter with the period and company given, for the listing to add its own.
    func filter() throws -> ListFilter { ListFilter(period: try period.resolve(), company: company) }

    func print(_ list: (ReadOnlyDatabase) throws -> ResultTable) throws {
        let f = format.resolve()
        let table = try list(try db.openForReading())
        Terminal.out(TableFormatter.render(table, as: f, width: format.width))
        if !db.quiet { for note in table.notes { Terminal.err("aitrack: note: " + note + ".") } }
    }
}
