import Foundation

/// Turns the fields of one input record (a JSON object, or a CSV row) into a validated
/// `Entry`, or a `FieldProblem` naming the field, what is wrong, and what is valid.
public struct EntryDecoder: Sendable {
    /// Pattern for dates that are not ISO (e.g. `M/d/yyyy`), from `--date-format`.
    public var dateFormat: String?
    /// The entry type when records carry none (`--type`).
    public var defaultType: EntryType?

    public init(dateFormat: String? = nil, defaultType: EntryType? = nil) {
        self.dateFormat = dateFormat
        self.defaultType = defaultType
    }

    static let commonFields = ["type", "id", "note", "verification"]
    static let sourceFields = ["source", "source_url", "source_published", "cited_by"]

    /// The fields each entry type takes, in the order export writes them.
    public static let fields: [EntryType: [String]] = [
        .company: ["name", "aliases", "parent", "kind", "country"],
        .source: ["name", "url", "published"],
        .deal: ["date", "title", "kind", "parties", "value", "currency", "qualifier", "term_months", "status"] + sourceFields,
        .alliance: ["name", "date", "purpose", "url", "members"] + sourceFields,
        .membership: ["alliance", "company", "date", "left", "role"] + sourceFields,
        .statistic: ["metric", "measure", "date", "company", "segment", "region", "value", "low", "high", "unit",
                     "qualifier", "forecast"] + sourceFields,
        .fx: ["currency", "date", "usd", "source", "source_url", "source_published"],
    ]

    static let allowed: [EntryType: Set<String>] = fields.mapValues { Set(commonFields + $0) }

    /// Every field name of any entry type.
    public static let allFieldNames: Set<String> = Set(fields.values.flatMap { $0 } + commonFields)

    public func decode(_ record: [(String, JSONValue)]) throws(FieldProblem) -> Entry {
        let type: EntryType
        if let t = try FieldReader(record.filter { $0.0 == "type" }, dateFormat: nil).string("type") {
            type = try EntryType.parse(t, field: "type")
        } else if let defaultType {
            type = defaultType
        } else {
            throw FieldProblem(field: "type", problem: "is missing",
                               valid: "valid: one of \(EntryType.validList)", remedy: .giveType)
        }
        let allowed = Self.allowed[type]!
        let record = Self.fromListing(record, type: type)
        let r = FieldReader(record, dateFormat: dateFormat)
        if let unknown = record.first(where: { !allowed.contains($0.0) }) {
            throw FieldProblem(field: unknown.0, problem: "is not a field of a \(type.rawValue) entry",
                               valid: "valid fields: \((Self.fields[type]! + Self.commonFields.dropFirst()).joined(separator: ", "))")
        }
        let common = EntryCommon(key: try r.string("id"), note: try r.string("note"),
                                 verification: try r.vocabulary("verification", Verification.self))
        switch type {
        case .company:
            var country = try r.string("country")?.uppercased()
            if let c = country {
                guard c.count == 2, c.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                    throw FieldProblem(field: "country", problem: "'\(c)' is not a country code",
                                       valid: "valid: a two-letter ISO 3166 code such as US, DE, FR")
                }
                country = c
            }
            return .company(CompanyEntry(name: try r.required("name"), aliases: try r.list("aliases"),
                                         parent: try r.string("parent"), kind: try r.vocabulary("kind", CompanyKind.self),
                                         country: country, common: common))
        case .source:
            return .source(SourceEntry(ref: SourceRef(name: try r.required("name"), url: try r.string("url"),
                                                      published: try r.date("published")), common: common))
        case .deal:
            let parties = try r.parties("parties")
            guard !parties.isEmpty else {
                throw FieldProblem(field: "parties", problem: "is missing",
                                   valid: "valid: at least one party as Company:role, role one of \(PartyRole.validList)")
            }
            let value = try r.number("value")
            if let value, value < 0 {
                throw FieldProblem(field: "value", problem: "\(NumberText.plain(value)) is negative", valid: "valid: a value of 0 or more")
            }
            let currency = try r.currency("currency")
            if value != nil, currency == nil {
                throw FieldProblem(field: "currency", problem: "is missing for a deal with a value",
                                   valid: "valid: an ISO 4217 code such as USD, EUR")
            }
            var term: Int?
            if let t = try r.number("term_months") {
                guard t > 0, t == t.rounded(), t < 10_000 else {
                    throw FieldProblem(field: "term_months", problem: "'\(NumberText.plain(t))' is not a term",
                                       valid: "valid: a whole number of months, 1 or more")
                }
                term = Int(t)
            }
            return .deal(DealEntry(date: try r.requiredDate("date"), title: try r.string("title"),
                                   kind: try r.requiredVocabulary("kind", DealKind.self), parties: parties,
                                   value: value, currency: currency, qualifier: try r.vocabulary("qualifier", Qualifier.self),
                                   termMonths: term, status: try r.vocabulary("status", DealStatus.self),
                                   source: try r.requiredSource(), citedBy: try r.string("cited_by"), common: common))
        case .alliance:
            return .alliance(AllianceEntry(name: try r.required("name"), date: try r.date("date"),
                                           purpose: try r.string("purpose"), url: try r.string("url"),
                                           members: try r.list("members"), source: try r.source(),
                                           citedBy: try r.string("cited_by"), common: common))
        case .membership:
            let date = try r.date("date")
            let left = try r.date("left")
            if let date, let left, left.iso < date.iso {
                throw FieldProblem(field: "left", problem: "\(left) is before the date joined \(date)",
                                   valid: "valid: a date on or after the date joined")
            }
            return .membership(MembershipEntry(alliance: try r.required("alliance"), company: try r.required("company"),
                                               date: date, left: left, role: try r.vocabulary("role", MembershipRole.self),
                                               source: try r.requiredSource(), citedBy: try r.string("cited_by"),
                                               common: common))
        case .statistic:
            let metric = try r.required("metric")
            guard Self.isMetricKey(metric) else {
                throw FieldProblem(field: "metric", problem: "'\(metric)' is not a metric key",
                                   valid: "valid: snake_case letters, digits and _ starting with a letter, e.g. ai_compute_h100e")
            }
            let measure = try r.vocabulary("measure", Measure.self) ?? .value
            var unit: String
            if let given = try r.string("unit") {
                unit = Units.normalize(given)
            } else if let fixed = measure.fixedUnit {
                unit = fixed
            } else {
                throw FieldProblem(field: "unit", problem: "is missing", valid: "valid: the metric's unit, e.g. USD, H100e, percent")
            }
            if let fixed = measure.fixedUnit, unit != fixed {
                throw FieldProblem(field: "unit", problem: "'\(unit)' is not the unit of a \(measure.rawValue) figure",
                                   valid: "valid: \(fixed)")
            }
            let value = try r.requiredNumber("value")
            let low = try r.number("low")
            let high = try r.number("high")
            try Self.checkStatistic(value: value, low: low, high: high, unit: unit, measure: measure)
            return .statistic(StatisticEntry(metric: metric, measure: measure, date: try r.requiredDate("date"),
                                             company: try r.string("company"), segment: try r.string("segment"),
                                             region: try r.string("region"), value: value, low: low, high: high, unit: unit,
                                             qualifier: try r.vocabulary("qualifier", Qualifier.self),
                                             forecast: try r.bool("forecast") ?? false, source: try r.requiredSource(),
                                             citedBy: try r.string("cited_by"), common: common))
        case .fx:
            guard let currency = try r.currency("currency") else {
                throw FieldProblem(field: "currency", problem: "is missing", valid: "valid: an ISO 4217 code such as EUR")
            }
            let usd = try r.requiredNumber("usd")
            guard usd > 0 else {
                throw FieldProblem(field: "usd", problem: "\(NumberText.plain(usd)) is not a rate", valid: "valid: US dollars for one unit of the currency, above 0")
            }
            return .fx(FXEntry(currency: currency, date: try r.requiredDate("date"), usd: usd, source: try r.source(), common: common))
        }
    }

    /// Columns of the listings (`aitrack deals --format csv`, …) that are not entry fields:
    /// derived ones are left out, renamed ones become their field, so that what a listing
    /// prints can be ingested back.
    static let listingColumns: [EntryType: [String: String?]] = [
        .deal: ["row_id": nil, "value_usd": nil],
        .statistic: ["row_id": nil],
        .company: ["company": "name", "ultimate_parent": nil, "deals": nil, "statistics": nil],
        .alliance: ["alliance": "name", "member_count": nil],
    ]

    static func fromListing(_ record: [(String, JSONValue)], type: EntryType) -> [(String, JSONValue)] {
        guard let columns = listingColumns[type], record.contains(where: { columns[$0.0] != nil }) else { return record }
        let fields = Set(record.map(\.0))
        return record.compactMap { key, value in
            // an alliance listing's members are memberships (objects), not founding members
            if type == .alliance && key == "members" && fields.contains("member_count") { return nil }
            guard let mapped = columns[key] else { return (key, value) }
            guard let field = mapped, !fields.contains(field) else { return nil }
            return (field, value)
        }
    }

    public static func isMetricKey(_ s: String) -> Bool {
        guard let f = s.unicodeScalars.first, ("a"..."z").contains(f) else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// The range rules of a statistic's numbers (shared with `add-stat`).
    public static func checkStatistic(value: Double, low: Double?, high: Double?, unit: String, measure: Measure) throws(FieldProblem) {
        if unit != Units.percentChange {
            for (name, v) in [("value", value), ("low", low), ("high", high)] {
                if let v, v < 0 {
                    throw FieldProblem(field: name, problem: "\(NumberText.plain(v)) is negative",
                                       valid: "valid: 0 or more (a change that may be negative takes unit percent_change)")
                }
            }
        }
        if unit == Units.percent {
            for (name, v) in [("value", value), ("high", high)] {
                if let v, v > 100 {
                    throw FieldProblem(field: name, problem: "\(NumberText.plain(v)) percent is above 100",
                                       valid: "valid: a share from 0 to 100 (a change above 100 takes unit percent_change)")
                }
            }
        }
        if measure == .hhi, value > 10_000 {
            throw FieldProblem(field: "value", problem: "an HHI of \(NumberText.plain(value)) is above 10000", valid: "valid: 0 to 10000 points")
        }
        if let low, low > value {
            throw FieldProblem(field: "low", problem: "\(NumberText.plain(low)) is above the value \(NumberText.plain(value))", valid: "valid: low ≤ value ≤ high")
        }
        if let high, high < value {
            throw FieldProblem(field: "high", problem: "\(NumberText.plain(high)) is below the value \(NumberText.plain(value))", valid: "valid: low ≤ value ≤ high")
        }
    }
}

/// Reads typed fields out of one record.
struct FieldReader {
    let fields: [String: JSONValue]
    let dateFormat: String?

    init(_ record: [(String, JSONValue)], dateFormat: String?) {
        var f: [String: JSONValue] = [:]
        for (k, v) in record { f[k] = v }
        self.fields = f
        self.dateFormat = dateFormat
    }

    /// A present, non-empty value.
    private func raw(_ name: String) -> JSONValue? {
        switch fields[name] {
        case nil, .null?: return nil
        case .string(let s)? where s.trimmed.isEmpty: return nil
        case let v?: return v
        }
    }

    /// Free-text fields, where tab and line breaks are allowed.
    static let multilineFields: Set<String> = ["note", "title", "purpose"]

    /// Refuses control characters (a NUL would cut the text short in SQLite's C API); tab and
    /// line breaks only in free text.
    static func checkText(_ s: String, field: String) throws(FieldProblem) {
        let base = String(field.split(separator: ".").first ?? Substring(field))
        if let c = ControlCharacters.first(in: s, multiline: multilineFields.contains(base)) {
            throw FieldProblem(field: field, problem: "holds the control character \(ControlCharacters.name(c))",
                               valid: multilineFields.contains(base) ? "valid: text without control characters other than tab and line breaks"
                                   : "valid: text without control characters (tab and line breaks only in note, title and purpose)")
        }
    }

    func string(_ name: String) throws(FieldProblem) -> String? {
        switch raw(name) {
        case nil: return nil
        case .string(let s)?:
            try Self.checkText(s, field: name)
            return s.trimmed
        case .number(let n)?: return n
        case let v?: throw FieldProblem(field: name, problem: "is \(v.typeName)", valid: "valid: a string")
        }
    }

    func required(_ name: String) throws(FieldProblem) -> String {
        guard let s = try string(name) else { throw FieldProblem(field: name, problem: "is missing", valid: "valid: a non-empty string") }
        return s
    }

    func number(_ name: String) throws(FieldProblem) -> Double? {
        switch raw(name) {
        case nil: return nil
        case .number(let n)?:
            guard let d = Double(n), d.isFinite else { throw FieldProblem(field: name, problem: "'\(n)' is out of range", valid: Amount.validForms) }
            return d
        case .string(let s)?: return try Amount.parse(s, field: name)
        case let v?: throw FieldProblem(field: name, problem: "is \(v.typeName)", valid: Amount.validForms)
        }
    }

    func requiredNumber(_ name: String) throws(FieldProblem) -> Double {
        guard let d = try number(name) else { throw FieldProblem(field: name, problem: "is missing", valid: Amount.validForms) }
        return d
    }

    func bool(_ name: String) throws(FieldProblem) -> Bool? {
        switch raw(name) {
        case nil: return nil
        case .bool(let b)?: return b
        case .string(let s)?:
            switch s.trimmed.lowercased() {
            case "true", "yes", "1": return true
            case "false", "no", "0": return false
            default: throw FieldProblem(field: name, problem: "'\(s)' is not true or false", valid: "valid: true or false")
            }
        case .number(let n)? where n == "0" || n == "1": return n == "1"
        case let v?: throw FieldProblem(field: name, problem: "is \(v.typeName)", valid: "valid: true or false")
        }
    }

    func date(_ name: String) throws(FieldProblem) -> EntryDate? {
        guard let s = try string(name) else { return nil }
        if let dateFormat, let d = try? EntryDate.parse(s, pattern: dateFormat, field: name) { return d }
        do {
            return try EntryDate.parse(s, field: name)
        } catch {
            if let dateFormat {
                throw FieldProblem(field: name, problem: "'\(s)' is not a date", valid: "valid: \(dateFormat) or YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD")
            }
            throw error
        }
    }

    func requiredDate(_ name: String) throws(FieldProblem) -> EntryDate {
        guard let d = try date(name) else { throw FieldProblem(field: name, problem: "is missing", valid: EntryDate.validForms) }
        return d
    }

    func vocabulary<V: Vocabulary>(_ name: String, _: V.Type) throws(FieldProblem) -> V? {
        guard let s = try string(name) else { return nil }
        return try V.parse(s, field: name)
    }

    func requiredVocabulary<V: Vocabulary>(_ name: String, _ t: V.Type) throws(FieldProblem) -> V {
        guard let v = try vocabulary(name, t) else { throw FieldProblem(field: name, problem: "is missing", valid: "valid: \(V.validList)") }
        return v
    }

    func currency(_ name: String) throws(FieldProblem) -> String? {
        guard let c = try string(name)?.uppercased() else { return nil }
        guard c.count == 3, c.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw FieldProblem(field: name, problem: "'\(c)' is not a currency code", valid: "valid: an ISO 4217 code such as USD, EUR, GBP")
        }
        return c
    }

    /// A JSON array of strings, or a `;`-separated string (CSV).
    func list(_ name: String) throws(FieldProblem) -> [String] {
        switch raw(name) {
        case nil: return []
        case .string(let s)?:
            try Self.checkText(s, field: name)
            return s.split(separator: ";").map { $0.trimmed }.filter { !$0.isEmpty }
        case .array(let items)?:
            var out: [String] = []
            for item in items {
                guard case .string(let s) = item, !s.trimmed.isEmpty else {
                    throw FieldProblem(field: name, problem: "holds \(item.typeName)", valid: "valid: a list of non-empty strings")
                }
                try Self.checkText(s, field: name)
                out.append(s.trimmed)
            }
            return out
        case let v?: throw FieldProblem(field: name, problem: "is \(v.typeName)", valid: "valid: a list of strings, or one string split by ;")
        }
    }

    /// `[{"company","role"}]`, `["Company:role"]`, or `Company:role;Company:role`.
    func parties(_ name: String) throws(FieldProblem) -> [Party] {
        switch raw(name) {
        case nil: return []
        case .string:
            var out: [Party] = []
            for p in try list(name) { out.append(try Party.parse(p, field: name)) }
            return out
        case .array(let items)?:
            var out: [Party] = []
            for item in items {
                switch item {
                case .string(let s):
                    try Self.checkText(s, field: name)
                    out.append(try Party.parse(s, field: name))
                case .object(let o):
                    let inner = FieldReader(o, dateFormat: nil)
                    if let extra = o.first(where: { $0.0 != "company" && $0.0 != "role" }) {
                        throw FieldProblem(field: "\(name).\(extra.0)", problem: "is not a field of a party", valid: "valid fields: company, role")
                    }
                    guard let c = try inner.string("company") else {
                        throw FieldProblem(field: "\(name).company", problem: "is missing", valid: "valid: a company name")
                    }
                    guard let roleText = try inner.string("role") else {
                        throw FieldProblem(field: "\(name).role", problem: "is missing", valid: "valid: \(PartyRole.validList)")
                    }
                    out.append(Party(company: c, role: try PartyRole.parse(roleText, field: "\(name).role")))
                default:
                    throw FieldProblem(field: name, problem: "holds \(item.typeName)", valid: "valid: {\"company\":…,\"role\":…} or \"Company:role\"")
                }
            }
            return out
        case let v?: throw FieldProblem(field: name, problem: "is \(v.typeName)", valid: "valid: a list of parties")
        }
    }

    func source() throws(FieldProblem) -> SourceRef? {
        guard let name = try string("source") else {
            if try string("source_url") != nil {
                throw FieldProblem(field: "source", problem: "is missing while source_url is given", valid: "valid: the source's name")
            }
            return nil
        }
        return SourceRef(name: name, url: try string("source_url"), published: try date("source_published"))
    }

    func requiredSource() throws(FieldProblem) -> SourceRef {
        guard let s = try source() else {
            throw FieldProblem(field: "source", problem: "is missing", valid: "valid: the name of the source that reports it, e.g. Reuters")
        }
        return s
    }
}
