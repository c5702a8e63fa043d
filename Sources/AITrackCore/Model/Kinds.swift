import Foundation

/// The closed vocabularies of the entry format (DESIGN §3). Each parses case-insensitively
/// and, on failure, names every valid value.
public protocol Vocabulary: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {
    /// What one value is called in an error message, e.g. "a deal kind".
    static var noun: String { get }
}

extension Vocabulary {
    public static var validList: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The raw values, in order.
    public static var allRawValues: [String] { allCases.map(\.rawValue) }

    /// A value as users type it: any case, `-` for `_`; nil when it is none of them.
    public init?(word: String) {
        guard let v = try? Self.parse(word, field: "") else { return nil }
        self = v
    }

    public static func parse(_ text: String, field: String) throws(FieldProblem) -> Self {
        if let exact = Self(rawValue: text) { return exact }
        let key = text.trimmed.lowercased().replacingOccurrences(of: "-", with: "_")
        if let value = Self(rawValue: key) { return value }
        throw FieldProblem(field: field, problem: "'\(text)' is not \(noun)", valid: "valid: \(validList)")
    }
}

public enum CompanyKind: String, Vocabulary {
    case company, lab, university, government, nonprofit, aggregate
    public static let noun = "a company kind"
}

public enum DealKind: String, Vocabulary {
    case cloudContract = "cloud_contract", investment, acquisition, partnership, licensing
    case hardwarePurchase = "hardware_purchase", other
    public static let noun = "a deal kind"
}

public enum PartyRole: String, Vocabulary {
    case customer, provider, investor, investee, acquirer, target, partner
    public static let noun = "a party role"
}

public enum Qualifier: String, Vocabulary {
    case exact, atLeast = "at_least", atMost = "at_most", approx, estimate
    public static let noun = "a qualifier"

    /// How it reads before a number: "at least ", "about ", or nothing.
    public var wordsBefore: String {
        switch self {
        case .atLeast: return "at least "
        case .atMost: return "at most "
        case .approx, .estimate: return "about "
        case .exact: return ""
        }
    }
}

public enum DealStatus: String, Vocabulary {
    case rumored, reported, announced, signed, completed, cancelled
    public static let noun = "a deal status"
}

public enum MembershipRole: String, Vocabulary {
    case founding, member
    public static let noun = "a membership role"
}

public enum Verification: String, Vocabulary {
    case unverified, verified, disputed, contradicted
    public static let noun = "a verification"

    /// Marked disputed or contradicted: its sources or the fact check doubt it.
    public var doubtful: Bool { self == .disputed || self == .contradicted }
}

public enum Measure: String, Vocabulary {
    case value, cr1, cr2, cr3, cr4, cr5, cr6, cr7, cr8, cr9, cr10, hhi
    public static let noun = "a measure"

    /// The published measures (all but `value`) as an SQL list: `'cr1', 'cr2', …` (an `IN` list
    /// seeks the index on metric, measure and date; `<> 'value'` would read every row).
    static let published = allCases.filter { $0 != .value }.map { "'\($0.rawValue)'" }.joined(separator: ", ")

    /// n for `crN`, nil otherwise.
    public var crN: Int? {
        guard rawValue.hasPrefix("cr") else { return nil }
        return Int(rawValue.dropFirst(2))
    }

    /// The unit a published concentration figure is stored in.
    public var fixedUnit: String? {
        switch self {
        case .value: return nil
        case .hhi: return Units.points
        default: return Units.percent
        }
    }
}

public enum EntryType: String, Vocabulary {
    case company, source, deal, alliance, membership, statistic, fx, metric
    public static let noun = "an entry type"
}

/// Unit names with a meaning to the tool.
public enum Units {
    /// A share of a whole, 0–100.
    public static let percent = "percent"
    /// A change in percent (growth): may be negative or above 100.
    public static let percentChange = "percent_change"
    /// HHI points, 0–10,000.
    public static let points = "points"

    /// Normalises spellings users type: `%` is `percent`.
    public static func normalize(_ unit: String) -> String {
        let u = unit.trimmed
        if u == percent || u == points || u == percentChange { return u }
        if u.utf8.count > 16 { return u }
        switch u.lowercased() {
        case "%", "percent", "pct", "per cent": return percent
        case "percent_change", "pp", "% change", "percent change": return percentChange
        case "points", "hhi points": return points
        default: return u
        }
    }
}

extension EntryType {
    /// The types in the order an ingest needs them (and export writes them).
    public static let ingestOrder: [EntryType] = [.source, .company, .alliance, .membership, .deal, .metric, .statistic, .fx]
}
