import AITrackCore
import ArgumentParser
import Foundation

/// `--year`, `--period`, `--from`, `--to`.
struct PeriodOptions: ParsableArguments {
    // unconditional: `--year -1` is a year to refuse as one, not an option (the same for the dates)
    @Option(parsing: .unconditional, help: "Only this calendar year, e.g. 2025.") var year: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Only this period: 2025, 2025-Q3, 2025-08 or 2025-08-21.", valueName: "period"))
    var period: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("From this date on (2025, 2025-Q3, 2025-08, 2025-08-21).", valueName: "date"))
    var from: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Up to the end of this date (2025, 2025-Q3, 2025-08, 2025-08-21).", valueName: "date"))
    var to: String?

    /// Checks across the options, before the command runs.
    func validate() throws {
        if let year, !(1...9999).contains(year) {
            throw ValidationError("--year: \(year) is not a year; valid: 1 to 9999")
        }
        if [year != nil, period != nil, from != nil || to != nil].filter({ $0 }).count > 1 {
            throw ValidationError("give one of --year, --period, or --from/--to, not several")
        }
    }

    /// The period of `--year`, `--period` or `--from`/`--to` (nil: none given).
    func resolve() throws -> Period? {
        if let year { return .year(year) }
        do {
            if let period { return Period(try EntryDate.parse(period, field: "--period")) }
            if from != nil || to != nil {
                // an open end is the first or last year a date may name (1 and 9999): the range
                // then covers whatever the database holds on that side
                let f = try from.map { try EntryDate.parse($0, field: "--from") } ?? EntryDate(year: 1, precision: .year)
                let t = try to.map { try EntryDate.parse($0, field: "--to") } ?? EntryDate(year: 9999, precision: .year)
                guard f.iso <= t.endISO else { throw AITrackError("--from \(f) is after --to \(t); give a --from on or before --to.") }
                return Period(from: f, to: t)
            }
        } catch let p as FieldProblem {
            throw AITrackError("\(p.text).")
        }
        return nil
    }
}
