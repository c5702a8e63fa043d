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
    static let sourceFields = ["source", "source_url", "source_published", "source_via", "source_via_url", "cited_by"]

    /// The fields each entry type takes, in the order export writes them.
    public static let fields: [EntryType: [String]] = [
        .company: ["name", "aliases", "parent", "kind", "country"],
        .source: ["name", "url", "published", "via", "via_url"],
        .deal: ["date", "title", "kind", "parties", "value", "currency", "qualifier", "term_months", "status", "supersedes", "expands",
                "part_of", "part_of_source", "part_of_source_url"] + sourceFields,
        .alliance: ["name", "date", "purpose", "url", "members"] + sourceFields,
        .membership: ["alliance", "company", "date", "left", "role"] + sourceFields,
        .statistic: ["metric", "measure", "date", "company", "segment", "region", "value", "low", "high", "unit",
                     "qualifier", "forecast"] + sourceFields,
        .fx: ["currency", "date", "usd", "source", "source_url", "source_published", "source_via", "source_via_url"],
        .metric: ["name", "unit", "kind", "market", "period", "total_metric", "basis", "fiscal_start", "top_list", "source", "source_url",
                  "source_published", "source_via", "source_via_url"],
    ]

    static let allowed: [EntryType: [String]] = fields.mapValues { commonFields + $0 }

    /// Every field name of any entry type.
    public static let allFieldNames: Set<String> = Set(fields.values.flatMap { $0 } + commonFields)

    public func decode(_ record: [(String, JSONValue)]) throws(FieldProblem) -> Entry {
        let type: EntryType
        if let t = try FieldReader(record, dateFormat: nil).string("type") {
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
        case .company: return .company(try company(r, common))
        case .source:
            let (via, viaURL) = try r.relay(name: "via", url: "via_url")
            return .source(SourceEntry(ref: SourceRef(name: try r.required("name"), url: try r.string("url"),
                                                      published: try r.date("published"), via: via, viaURL: viaURL), common: common))
        case .deal: return .deal(try deal(r, common))
        case .alliance:
            return .alliance(AllianceEntry(name: try r.required("name"), date: try r.date("date"),
                                           purpose: try r.string("purpose"), url: try r.string("url"),
                                           members: try r.list("members"), source: try r.source(),
                                           citedBy: try r.string("cited_by"), common: common))
        case .membership: return .membership(try membership(r, common))
        case .statistic: return .statistic(try statistic(r, common))
        case .fx: return .fx(try fx(r, common))
        case .metric: return .metric(try metric(r, common))
        }
    }

    func metric(_ r: FieldReader, _ common: EntryCommon) throws(FieldProblem) -> MetricEntry {
        let name = try r.required("name")
        for (field, value) in [("name", name), ("total_metric", try r.string("total_metric"))] {
            guard let value else { continue }
            guard let first = value.unicodeScalars.first, ("a"..."z").contains(first),
                  value.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
                throw FieldProblem(field: field, problem: "'\(value)' is not a metric name",
                                   valid: "valid: lowercase letters, digits and _, starting with a letter (e.g. cloud_market_share)")
            }
        }
        let basis = try r.vocabulary("basis", MetricBasis.self)
        var fiscalStart: Int?
        if let m = try r.number("fiscal_start") {
            guard m >= 1, m <= 12, m == m.rounded() else {
                throw FieldProblem(field: "fiscal_start", problem: "'\(NumberText.plain(m))' is not a month",
                                   valid: "valid: the fiscal year's first month, 1 to 12")
            }
            guard basis == .fiscal else {
                throw FieldProblem(field: "fiscal_start", problem: "is given for a calendar basis",
                                   valid: "valid: a fiscal_start only with basis fiscal")
            }
            fiscalStart = Int(m)
        }
        let kind = try r.requiredVocabulary("kind", MetricKind.self)
        let unit = Units.normalize(try r.required("unit"))
        if unit == Units.percentChange, kind != .rate, kind != .other {
            throw FieldProblem(field: "kind", problem: "'\(kind.rawValue)' is not a kind of a change (unit \(unit))",
                               valid: "valid: rate or other for a metric in \(unit)")
        }
        if try r.string("total_metric") == name {
            throw FieldProblem(field: "total_metric", problem: "names the metric itself ('\(name)')",
                               valid: "valid: another metric, the one holding the market's total")
        }
        return MetricEntry(name: name, unit: unit, kind: kind, market: try r.string("market"),
                           period: try r.vocabulary("period", Precision.self), totalMetric: try r.string("total_metric"),
                           basis: basis, fiscalStart: fiscalStart, topList: try r.bool("top_list") ?? false, source: try r.source(), common: common)
    }

    func company(_ r: FieldReader, _ common: EntryCommon) throws(FieldProblem) -> CompanyEntry {
        var country = try r.string("country")?.uppercased()
        if let c = country {
            guard c.count == 2, c.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw FieldProblem(field: "country", problem: "'\(c)' is not a country code",
                                   valid: "valid: a two-letter ISO 3166 code such as US, DE, FR")
            }
            country = c
        }
        return CompanyEntry(name: try r.required("name"), aliases: try r.list("aliases"),
                                     parent: try r.string("parent"), kind: try r.vocabulary("kind", CompanyKind.self),
                                     country: country, common: common)
    }

    func deal(_ r: FieldReader, _ common: EntryCommon) throws(FieldProblem) -> DealEntry {
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
        var deal = DealEntry(date: try r.requiredDate("date"), title: try r.string("title"),
                             kind: try r.requiredVocabulary("kind", DealKind.self), parties: parties,
                             value: value, currency: currency, qualifier: try r.vocabulary("qualifier", Qualifier.self),
                             termMonths: term, status: try r.vocabulary("status", DealStatus.self),
                             source: try r.requiredSource(), citedBy: try r.string("cited_by"), common: common)
        deal.supersedes = try r.list("supersedes")
        deal.expands = try r.list("expands")
        deal.partOf = try r.list("part_of")
        if let name = try r.string("part_of_source") {
            deal.partOfSource = SourceRef(name: name, url: try r.string("part_of_source_url"))
        } else if try r.string("part_of_source_url") != nil {
            throw FieldProblem(field: "part_of_source", problem: "is missing while part_of_source_url is given",
                               valid: "valid: the name of the source that states the deal is part of the other")
        }
        if deal.partOfSource != nil && deal.partOf.isEmpty {
            throw FieldProblem(field: "part_of", problem: "is missing while part_of_source is given",
                               valid: "valid: the id of the deal this one is part of")
        }
        for (field, keys) in [("supersedes", deal.supersedes), ("expands", deal.expands), ("part_of", deal.partOf)] {
            if let key = common.key, keys.contains(key) {
                throw FieldProblem(field: field, problem: "names the deal itself ('\(key)')", valid: "valid: the id of another deal")
            }
        }
        return deal
    }

    func membership(_ r: FieldReader, _ common: EntryCommon) throws(FieldProblem) -> MembershipEntry {
        let date = try r.date("date")
        let left = try r.date("left")
        if let date, let left, left.iso < date.iso {
            throw FieldProblem(field: "left", problem: "\(left) is before the date joined \(date)",
                               valid: "valid: a date on or after the date joined")
        }
        return MembershipEntry(alliance: try r.required("alliance"), company: try r.required("company"),
                                           date: date, left: left, role: try r.vocabulary("role", MembershipRole.self),
                                           source: try r.requiredSource(), citedBy: try r.string("cited_by"),
                                           common: common)
    }

    func statistic(_ r: FieldReader, _ common: EntryCommon) throws(FieldProblem) -> StatisticEntry {
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
        return StatisticEntry(metric: metric, measure: measure, date: try r.requiredDate("date"),
                                         company: try r.string("company"), segment: try r.string("segment"),
                                         region: try r.string("region"), value: value, low: low, high: high, unit: unit,
                                         qualifier: try r.vocabulary("qualifier", Qualifier.self),
                                         forecast: try r.bool("forecast") ?? false, source: try r.requiredSource(),
                                         citedBy: try r.string("cited_by"), common: common)
    }

    func fx(_ r: FieldReader, _ common: EntryCommon) throws(FieldProblem) -> FXEntry {
        guard let currency = try r.currency("currency") else {
            throw FieldProblem(field: "currency", problem: "is missing", valid: "valid: an ISO 4217 code such as EUR")
        }
        let usd = try r.requiredNumber("usd")
        guard usd > 0 else {
            throw FieldProblem(field: "usd", problem: "\(NumberText.plain(usd)) is not a rate",
                               valid: "valid: US dollars for one unit of the currency, above 0")
        }
        return FXEntry(currency: currency, date: try r.requiredDate("date"), usd: usd, source: try r.source(), common: common)
    }

    /// Columns of the listings (`aitrack deals --format csv`, …) that are not entry fields:
    /// derived ones are left out, renamed ones become their field, so that what a listing
    /// prints can be ingested back.
    static let dateSpans: [String: String?] = ["date_start": nil, "date_end": nil, "precision": nil]
    static let listingColumns: [EntryType: [String: String?]] = [
        .deal: dateSpans.merging(["row_id": nil, "value_usd": nil, "superseded_by": nil, "part_of_deal": nil, "in_total": nil,
                                  "in_kind_total": nil, "not_in_total_because": nil]) { a, _ in a },
        .statistic: dateSpans.merging(["row_id": nil]) { a, _ in a },
        .company: ["company": "name", "ultimate_parent": nil, "deals": nil, "statistics": nil],
        .alliance: dateSpans.merging(["alliance": "name", "member_count": nil, "founding": nil, "joined_later": nil,
                                      "contradicted": nil]) { a, _ in a },
        .membership: dateSpans.merging(["row_id": nil, "founder": nil]) { a, _ in a },
        .fx: dateSpans,
        .metric: ["metric": "name", "defined": nil],
    ]

    static func fromListing(_ record: [(String, JSONValue)], type: EntryType) -> [(String, JSONValue)] {
        guard let columns = listingColumns[type], columns.keys.contains(where: { c in record.contains { $0.0 == c } }) else { return record }
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
            throw FieldProblem(field: "low", problem: "\(NumberText.plain(low)) is above the value \(NumberText.plain(value))",
                               valid: "valid: low ≤ value ≤ high")
        }
        if let high, high < value {
            throw FieldProblem(field: "high", problem: "\(NumberText.plain(high)) is below the value \(NumberText.plain(value))",
                               valid: "valid: low ≤ value ≤ high")
        }
    }
}
