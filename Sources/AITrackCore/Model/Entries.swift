import Foundation

/// A source as an entry names it: `source`, `source_url`, `source_published`, and when it was
/// read elsewhere `source_via`, `source_via_url`. `name` and `url` are the originator's and
/// identify the document; `via` and `viaURL` are the page it was read on and identify nothing.
public struct SourceRef: Equatable, Sendable {
    public var name: String
    public var url: String?
    public var published: EntryDate?
    public var via: String?
    public var viaURL: String?

    public init(name: String, url: String? = nil, published: EntryDate? = nil, via: String? = nil, viaURL: String? = nil) {
        self.name = name
        self.url = url
        self.published = published
        self.via = via
        self.viaURL = viaURL
    }
}

/// Fields every entry may carry.
public struct EntryCommon: Equatable, Sendable {
    public var key: String?
    public var note: String?
    public var verification: Verification?

    public init(key: String? = nil, note: String? = nil, verification: Verification? = nil) {
        self.key = key
        self.note = note
        self.verification = verification
    }
}

public struct CompanyEntry: Equatable, Sendable {
    public var common = EntryCommon()
    public var name: String
    public var aliases: [String] = []
    public var parent: String?
    public var kind: CompanyKind?
    public var country: String?

    public init(name: String, aliases: [String] = [], parent: String? = nil, kind: CompanyKind? = nil,
                country: String? = nil, common: EntryCommon = EntryCommon()) {
        self.name = name
        self.aliases = aliases
        self.parent = parent
        self.kind = kind
        self.country = country
        self.common = common
    }
}

public struct SourceEntry: Equatable, Sendable {
    public var common = EntryCommon()
    public var ref: SourceRef

    public init(ref: SourceRef, common: EntryCommon = EntryCommon()) {
        self.ref = ref
        self.common = common
    }
}

public struct Party: Equatable, Sendable {
    public var company: String
    public var role: PartyRole

    public init(company: String, role: PartyRole) {
        self.company = company
        self.role = role
    }

    /// `Company:role`, as on the command line and in CSV.
    public static func parse(_ text: String, field: String = "parties") throws(FieldProblem) -> Party {
        guard let colon = text.lastIndex(of: ":") else {
            throw FieldProblem(field: field, problem: "'\(text)' has no role",
                               valid: "valid: Company:role with role one of \(PartyRole.validList)")
        }
        let name = text[..<colon].trimmed
        let role = text[text.index(after: colon)...].trimmed
        guard !name.isEmpty else {
            throw FieldProblem(field: field, problem: "'\(text)' has no company name", valid: "valid: Company:role")
        }
        guard !name.isBlank else {
            throw FieldProblem(field: field, problem: "holds a company name of only invisible characters", valid: "valid: Company:role")
        }
        return Party(company: name, role: try PartyRole.parse(role, field: field))
    }
}

public struct DealEntry: Equatable, Sendable {
    public var common = EntryCommon()
    public var date: EntryDate
    public var title: String?
    public var kind: DealKind
    public var parties: [Party]
    public var value: Double?
    public var currency: String?
    public var qualifier: Qualifier?
    public var termMonths: Int?
    public var status: DealStatus?
    public var source: SourceRef
    public var citedBy: String?
    /// The `id`s of deals this one replaces (they count in no total) or adds to.
    public var supersedes: [String] = []
    public var expands: [String] = []
    /// The `id`s of programmes this deal is a part of (it counts in its kind's total, not in the
    /// all-kinds total), and who states it (nil: the deal's own source).
    public var partOf: [String] = []
    public var partOfSource: SourceRef?

    public init(date: EntryDate, title: String? = nil, kind: DealKind, parties: [Party], value: Double? = nil,
                currency: String? = nil, qualifier: Qualifier? = nil, termMonths: Int? = nil,
                status: DealStatus? = nil, source: SourceRef, citedBy: String? = nil, common: EntryCommon = EntryCommon()) {
        self.date = date
        self.title = title
        self.kind = kind
        self.parties = parties
        self.value = value
        self.currency = currency
        self.qualifier = qualifier
        self.termMonths = termMonths
        self.status = status
        self.source = source
        self.citedBy = citedBy
        self.common = common
    }
}

public struct AllianceEntry: Equatable, Sendable {
    public var common = EntryCommon()
    public var name: String
    public var date: EntryDate?
    public var purpose: String?
    public var url: String?
    /// Founding members, joined on the alliance's date.
    public var members: [String] = []
    public var source: SourceRef?
    public var citedBy: String?

    public init(name: String, date: EntryDate? = nil, purpose: String? = nil, url: String? = nil, members: [String] = [],
                source: SourceRef? = nil, citedBy: String? = nil, common: EntryCommon = EntryCommon()) {
        self.name = name
        self.date = date
        self.purpose = purpose
        self.url = url
        self.members = members
        self.source = source
        self.citedBy = citedBy
        self.common = common
    }
}

public struct MembershipEntry: Equatable, Sendable {
    public var common = EntryCommon()
    public var alliance: String
    public var company: String
    public var date: EntryDate?
    public var left: EntryDate?
    public var role: MembershipRole?
    public var source: SourceRef
    public var citedBy: String?

    public init(alliance: String, company: String, date: EntryDate? = nil, left: EntryDate? = nil, role: MembershipRole? = nil,
                source: SourceRef, citedBy: String? = nil, common: EntryCommon = EntryCommon()) {
        self.alliance = alliance
        self.company = company
        self.date = date
        self.left = left
        self.role = role
        self.source = source
        self.citedBy = citedBy
        self.common = common
    }
}

public struct StatisticEntry: Equatable, Sendable {
    public var common = EntryCommon()
    public var metric: String
    public var measure: Measure
    public var date: EntryDate
    public var company: String?
    public var segment: String?
    public var region: String?
    public var value: Double
    public var low: Double?
    public var high: Double?
    public var unit: String
    public var qualifier: Qualifier?
    public var forecast: Bool
    public var source: SourceRef
    public var citedBy: String?

    public init(metric: String, measure: Measure = .value, date: EntryDate, company: String? = nil, segment: String? = nil,
                region: String? = nil, value: Double, low: Double? = nil, high: Double? = nil, unit: String,
                qualifier: Qualifier? = nil, forecast: Bool = false, source: SourceRef, citedBy: String? = nil,
                common: EntryCommon = EntryCommon()) {
        self.metric = metric
        self.measure = measure
        self.date = date
        self.company = company
        self.segment = segment
        self.region = region
        self.value = value
        self.low = low
        self.high = high
        self.unit = unit
        self.qualifier = qualifier
        self.forecast = forecast
        self.source = source
        self.citedBy = citedBy
        self.common = common
    }
}

public struct FXEntry: Equatable, Sendable {
    public var common = EntryCommon()
    public var currency: String
    public var date: EntryDate
    public var usd: Double
    public var source: SourceRef?

    public init(currency: String, date: EntryDate, usd: Double, source: SourceRef? = nil, common: EntryCommon = EntryCommon()) {
        self.currency = currency
        self.date = date
        self.usd = usd
        self.source = source
        self.common = common
    }
}

/// A metric's definition (issue 21, item 1): what its values measure, so that concentration
/// is computed only for a market.
public struct MetricEntry: Equatable, Sendable {
    public var common = EntryCommon()
    public var name: String
    public var unit: String
    public var kind: MetricKind
    /// What the firms share, in words: scope, basis, region.
    public var market: String?
    /// The granularity the data comes in.
    public var period: Precision?
    /// The metric holding the market's total.
    public var totalMetric: String?
    public var basis: MetricBasis?
    /// The fiscal year's first month (1-12), when one month holds for every firm.
    public var fiscalStart: Int?
    /// Its sources list each period's largest firms: no unnamed firm is larger than the smallest named one.
    public var topList = false
    public var source: SourceRef?

    public init(name: String, unit: String, kind: MetricKind, market: String? = nil, period: Precision? = nil, totalMetric: String? = nil,
                basis: MetricBasis? = nil, fiscalStart: Int? = nil, topList: Bool = false, source: SourceRef? = nil,
                common: EntryCommon = EntryCommon()) {
        self.name = name
        self.unit = unit
        self.kind = kind
        self.market = market
        self.period = period
        self.totalMetric = totalMetric
        self.basis = basis
        self.fiscalStart = fiscalStart
        self.topList = topList
        self.source = source
        self.common = common
    }
}

/// One validated entry of any type.
public enum Entry: Equatable, Sendable {
    case metric(MetricEntry)
    case company(CompanyEntry)
    case source(SourceEntry)
    case deal(DealEntry)
    case alliance(AllianceEntry)
    case membership(MembershipEntry)
    case statistic(StatisticEntry)
    case fx(FXEntry)
}
