import Foundation

/// A closed range of days, from the first day of one stated date to the last day of another.
public struct Period: Equatable, Sendable, CustomStringConvertible {
    public var from: EntryDate
    public var to: EntryDate

    public init(from: EntryDate, to: EntryDate) {
        self.from = from
        self.to = to
    }

    /// One stated period: `2025`, `2025-Q3`, `2025-08`.
    public init(_ date: EntryDate) {
        self.init(from: date, to: date)
    }

    public static func year(_ y: Int) -> Period { Period(EntryDate(year: y, precision: .year)) }

    public var fromISO: String { from.iso }
    public var toISO: String { to.endISO }

    public var description: String { from == to ? from.description : "\(from)..\(to)" }

    /// The same period one year earlier (for year-on-year change).
    public var previousYear: Period {
        Period(from: EntryDate(year: from.year - 1, month: from.month, day: min(from.day, EntryDate.daysIn(from.year - 1, from.month)), precision: from.precision),
               to: EntryDate(year: to.year - 1, month: to.month, day: min(to.day, EntryDate.daysIn(to.year - 1, to.month)), precision: to.precision))
    }

    /// Builds the period of `--year`, `--period` or `--from`/`--to`, or explains what is wrong.
    public static func resolve(year: Int?, period: String?, from: String?, to: String?) throws -> Period? {
        let given = [year != nil, period != nil, from != nil || to != nil].filter { $0 }.count
        if given > 1 {
            throw AITrackError("give one of --year, --period, or --from/--to, not several.")
        }
        if let year { return .year(year) }
        do {
            if let period { return Period(try EntryDate.parse(period, field: "--period")) }
            if from != nil || to != nil {
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
