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
        Period(from: EntryDate(year: from.year - 1, month: from.month, day: min(from.day, EntryDate.daysIn(from.year - 1, from.month)),
                               precision: from.precision),
               to: EntryDate(year: to.year - 1, month: to.month, day: min(to.day, EntryDate.daysIn(to.year - 1, to.month)), precision: to.precision))
    }
}

/// How `concentration --by` steps through a range.
public enum PeriodStep: String, Vocabulary {
    case year, quarter
    public static let noun = "a step"
}

extension Period {
    /// The year or quarter an ISO day falls in.
    static func containing(_ iso: String, _ step: PeriodStep) -> Period? {
        guard let d = EntryDate.stored(iso, precision: .day) else { return nil }
        switch step {
        case .year: return .year(d.year)
        case .quarter: return Period(EntryDate(year: d.year, month: (d.month - 1) / 3 * 3 + 1, precision: .quarter))
        }
    }
}
