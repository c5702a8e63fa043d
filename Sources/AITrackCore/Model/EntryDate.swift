import Foundation

/// How much of a date was stated.
public enum Precision: String, Vocabulary, Comparable {
    case year, quarter, month, day
    public static let noun = "a date precision"

    private var rank: Int {
        switch self { case .year: 0; case .quarter: 1; case .month: 2; case .day: 3 }
    }
    public static func < (a: Precision, b: Precision) -> Bool { a.rank < b.rank }
}

/// A date as stated in a source: `2025`, `2025-Q3`, `2025-08` or `2025-08-21`.
/// Stored as the first day of the period (`date`) plus its `precision`.
public struct EntryDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int
    public let precision: Precision

    public init(year: Int, month: Int = 1, day: Int = 1, precision: Precision) {
        self.year = year
        self.month = month
        self.day = day
        self.precision = precision
    }

    public static let validForms = "valid: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD (e.g. 2025, 2025-Q3, 2025-08, 2025-08-21)"

    /// The ISO day the period starts on, e.g. `2025-07-01` for `2025-Q3`.
    public var iso: String { Self.iso(year, month, day) }

    /// The last day of the period, e.g. `2025-09-30` for `2025-Q3`.
    public var endISO: String {
        switch precision {
        case .day: return iso
        case .month: return Self.iso(year, month, Self.daysIn(year, month))
        case .quarter: return Self.iso(year, month + 2, Self.daysIn(year, month + 2))
        case .year: return Self.iso(year, 12, 31)
        }
    }

    /// The date as the user would write it: `2025`, `2025-Q3`, `2025-08`, `2025-08-21`.
    public var description: String {
        switch precision {
        case .year: return String(format4(year))
        case .quarter: return "\(format4(year))-Q\((month - 1) / 3 + 1)"
        case .month: return "\(format4(year))-\(pad2(month))"
        case .day: return iso
        }
    }

    public static func < (a: EntryDate, b: EntryDate) -> Bool {
        (a.year, a.month, a.day, a.precision) < (b.year, b.month, b.day, b.precision)
    }

    /// Parses the four stated forms. Impossible dates (`2025-02-30`) are refused.
    public static func parse(_ text: String, field: String = "date") throws(FieldProblem) -> EntryDate {
        // fast path: YYYY-MM-DD
        let u = Array(text.utf8)
        if u.count == 10, u[4] == 0x2D, u[7] == 0x2D {
            var ok = true
            func num(_ r: Range<Int>) -> Int {
                var n = 0
                for k in r { let d = Int(u[k]) - 48; if d < 0 || d > 9 { ok = false }; n = n * 10 + d }
                return n
            }
            let y = num(0..<4), m = num(5..<7), d = num(8..<10)
            if ok && y >= 1 { return try day(y, m, d, text: text, field: field) }
        }
        let t = text.trimmed
        let bad = FieldProblem(field: field, problem: "'\(text)' is not a date", valid: validForms)
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 4, let year = Int(first), year >= 1 else { throw bad }
        switch parts.count {
        case 1:
            return EntryDate(year: year, precision: .year)
        case 2:
            let p = parts[1]
            if p.count == 2, p.first == "Q" || p.first == "q", let q = Int(p.dropFirst()) {
                guard (1...4).contains(q) else {
                    throw FieldProblem(field: field, problem: "'\(text)' names quarter \(q)", valid: "valid quarters: Q1 to Q4")
                }
                return EntryDate(year: year, month: (q - 1) * 3 + 1, precision: .quarter)
            }
            guard p.count == 2, let m = Int(p), p.allSatisfy(\.isNumber) else { throw bad }
            guard (1...12).contains(m) else {
                throw FieldProblem(field: field, problem: "'\(text)' names month \(m)", valid: "valid months: 01 to 12")
            }
            return EntryDate(year: year, month: m, precision: .month)
        case 3:
            guard parts[1].count == 2, parts[2].count == 2,
                  parts[1].allSatisfy(\.isNumber), parts[2].allSatisfy(\.isNumber),
                  let m = Int(parts[1]), let d = Int(parts[2]) else { throw bad }
            return try day(year, m, d, text: text, field: field)
        default:
            throw bad
        }
    }

    /// Parses with a pattern such as `M/d/yyyy` or `dd.MM.yyyy` (tokens `yyyy`, `M`, `MM`,
    /// `d`, `dd`; anything else is a literal). The result has day precision.
    public static func parse(_ text: String, pattern: String, field: String = "date") throws(FieldProblem) -> EntryDate {
        let t = Array(text.trimmed)
        let p = Array(pattern)
        var i = 0, j = 0
        var year: Int?, month: Int?, day: Int?
        let bad = FieldProblem(field: field, problem: "'\(text)' does not match the date format \(pattern)",
                               valid: "valid: a date written as \(pattern)")
        func digits(_ maxCount: Int, exact: Bool) -> Int? {
            var n = 0, count = 0
            while i < t.count, count < maxCount, let v = t[i].wholeNumberValue, t[i].isASCII {
                n = n * 10 + v; i += 1; count += 1
            }
            if count == 0 || (exact && count != maxCount) { return nil }
            return n
        }
        while j < p.count {
            let c = p[j]
            var run = 0
            while j + run < p.count, p[j + run] == c { run += 1 }
            switch c {
            case "y":
                guard run == 4, let v = digits(4, exact: true) else { throw bad }
                year = v
            case "M":
                guard let v = digits(2, exact: run == 2) else { throw bad }
                month = v
            case "d":
                guard let v = digits(2, exact: run == 2) else { throw bad }
                day = v
            default:
                for _ in 0..<run {
                    guard i < t.count, t[i] == c else { throw bad }
                    i += 1
                }
            }
            j += run
        }
        guard i == t.count, let year, let month, let day else { throw bad }
        return try Self.day(year, month, day, text: text, field: field)
    }

    /// Parses an ISO day as stored in the database together with its precision.
    public static func stored(_ iso: String, precision: Precision) -> EntryDate? {
        guard let d = try? parse(iso), d.precision == .day else { return nil }
        return EntryDate(year: d.year, month: d.month, day: d.day, precision: precision)
    }

    private static func day(_ year: Int, _ m: Int, _ d: Int, text: String, field: String) throws(FieldProblem) -> EntryDate {
        guard (1...12).contains(m) else {
            throw FieldProblem(field: field, problem: "'\(text)' names month \(m)", valid: "valid months: 01 to 12")
        }
        let last = daysIn(year, m)
        guard (1...last).contains(d) else {
            throw FieldProblem(field: field, problem: "'\(text)' is not a day of the calendar",
                               valid: "valid days for \(format4(year))-\(pad2(m)): 01 to \(last)")
        }
        return EntryDate(year: year, month: m, day: d, precision: .day)
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return isLeap(y) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func iso(_ y: Int, _ m: Int, _ d: Int) -> String {
        // the usual day written straight into ten bytes, not by interpolation: every ingested
        // statistic's date is written twice
        guard (0...9999).contains(y), (0...99).contains(m), (0...99).contains(d) else { return "\(format4(y))-\(pad2(m))-\(pad2(d))" }
        return String(unsafeUninitializedCapacity: 10) { b in
            func put(_ n: Int, at: Int, digits: Int) {
                var n = n
                for k in (at..<at + digits).reversed() { b[k] = UInt8(48 + n % 10); n /= 10 }
            }
            put(y, at: 0, digits: 4); put(m, at: 5, digits: 2); put(d, at: 8, digits: 2)
            (b[4], b[7]) = (45, 45)
            return 10
        }
    }
}

func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
func format4(_ n: Int) -> String {
    let s = String(n)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}
