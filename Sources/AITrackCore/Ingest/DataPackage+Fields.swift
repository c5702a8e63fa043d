import Foundation

/// The Table Schema field of each CSV column: its type, the database's CHECKs as constraints
/// (vocabularies as `enum`, date and code shapes as `pattern`), and what it means.
extension DataPackage {
    /// A date as entries write it, in the precision it was reported in: `2025`, `2025-Q3`,
    /// `2025-08` or `2025-08-21`.
    static let datePattern = "[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?"
    static let metricPattern = "[a-z][a-z0-9_]*"

    static func field(_ name: String, of type: EntryType) -> JSONValue {
        var kind = "string"
        var c: [(String, JSONValue)] = []
        var extra: [(String, JSONValue)] = []
        func vocabulary<V: Vocabulary>(_: V.Type) { c.append(("enum", .array(V.allCases.map { .string($0.rawValue) }))) }
        switch name {
        case "type": c = [("required", .bool(true)), ("enum", .array([.string(type.rawValue)]))]
        case "name", "title": c = [("required", .bool(true))]
        case "date", "published", "source_published", "left":
            if name == "date" && [.deal, .statistic, .fx].contains(type) { c.append(("required", .bool(true))) }
            c.append(("pattern", .string(datePattern)))
        case "metric", "total_metric": c = (name == "metric" ? [("required", .bool(true))] : []) + [("pattern", .string(metricPattern))]
        case "value", "low", "high", "usd", "value_usd":
            kind = "number"
            if (name == "value" && type == .statistic) || name == "usd" { c.append(("required", .bool(true))) }
            if type == .deal || name == "usd" { c.append(name == "usd" ? ("exclusiveMinimum", .number("0")) : ("minimum", .number("0"))) }
        case "date_start", "date_end": kind = "date"; if [.deal, .statistic, .fx].contains(type) { c = [("required", .bool(true))] }
        case "precision": c = [("enum", .array(["year", "quarter", "month", "day"].map { .string($0) }))]
        case "term_months": kind = "integer"; c = [("minimum", .number("1"))]
        case "fiscal_start": kind = "integer"; c = [("minimum", .number("1")), ("maximum", .number("12"))]
        case "forecast", "top_list":
            kind = "boolean"
            extra = [("trueValues", .array([.string("true")])), ("falseValues", .array([.string("false")]))]
        case "currency": c = (type == .fx ? [("required", .bool(true))] : []) + [("pattern", .string("[A-Z]{3}"))]
        case "country": c = [("pattern", .string("[A-Z]{2}"))]
        case "verification": vocabulary(Verification.self)
        case "qualifier": vocabulary(Qualifier.self)
        case "status": vocabulary(DealStatus.self)
        case "role": vocabulary(MembershipRole.self)
        case "measure": vocabulary(Measure.self)
        case "basis": vocabulary(MetricBasis.self)
        case "period": c = [("enum", .array(["year", "quarter", "month", "day"].map { .string($0) }))]
        case "kind":
            switch type {
            case .company: vocabulary(CompanyKind.self)
            case .deal: vocabulary(DealKind.self); c.insert(("required", .bool(true)), at: 0)
            default: vocabulary(MetricKind.self); c.insert(("required", .bool(true)), at: 0)
            }
        case "unit": c = [("required", .bool(true))]
        case "source": if [.deal, .membership, .statistic].contains(type) { c = [("required", .bool(true))] }
        case "id": c = [("unique", .bool(true))]
        default: break
        }
        var o: [(String, JSONValue)] = [("name", .string(name)), ("type", .string(kind))]
        if let d = descriptions[name] { o.append(("description", .string(d))) }
        o += extra
        if !c.isEmpty { o.append(("constraints", .object(c))) }
        return .object(o)
    }

    static let descriptions: [String: String] = [
        "type": "The entry type (every row of this file has the same).",
        "name": "The entry's name, unique in its type (a source: unique with its url).",
        "aliases": "Other names of the company, `;`-separated.",
        "parent": "The parent company's name.",
        "kind": "The entry's kind (see the allowed values).",
        "country": "ISO 3166 alpha-2 code, upper case.",
        "url": "The document's address.",
        "published": "When the source was published, in the precision known.",
        "via": "The outlet whose page was read, when not the originator's; not part of the source's identity.",
        "via_url": "That page's address.",
        "date": "The period or as-of date, in the precision reported: 2025, 2025-Q3, 2025-08 or 2025-08-21.",
        "date_start": "The first day the date covers (2025-Q3: 2025-07-01); derived, so ingest ignores it.",
        "date_end": "The last day the date covers (2025-Q3: 2025-09-30); derived, so ingest ignores it.",
        "precision": "What the date stands for: year, quarter, month or day.",
        "title": "The deal in words.",
        "parties": "The parties as Company:role, `;`-separated (roles: customer, provider, investor, investee, acquirer, "
            + "target, partner).",
        "value": "The value as reported (a deal: in its currency; a statistic: in its unit).",
        "currency": "ISO 4217 code of the value.",
        "value_usd": "The value in US dollars, converted with the latest exchange rate on or before the deal's date (empty without a "
            + "value or a rate); derived, so ingest ignores it.",
        "qualifier": "How exact the value is: exact, at_least, at_most, approx, estimate.",
        "term_months": "The contract's term in months.",
        "status": "rumored, reported, announced, signed, completed or cancelled.",
        "supersedes": "The ids of deals this one revises (they then count in no total), `;`-separated.",
        "expands": "The ids of deals this one adds to (both count), `;`-separated.",
        "part_of": "The ids of the programmes this deal is part of (it counts in its kind's total only), `;`-separated.",
        "part_of_source": "The source that says the deal is part of the programme.",
        "part_of_source_url": "That source's address.",
        "purpose": "What the alliance is for.",
        "alliance": "The alliance's name.",
        "company": "The company's name (a statistic without one is the whole market's figure).",
        "left": "When the member left.",
        "role": "founding or member.",
        "metric": "The metric's snake_case key.",
        "measure": "Empty: the metric's value; cr1…cr10 or hhi: a published concentration figure about the metric.",
        "segment": "A part of the company's value (Nvidia, TPU); a company's value is the sum of its segments.",
        "region": "The region the figure is about.",
        "low": "Lower bound of the value (e.g. the 5th percentile), in the same unit.",
        "high": "Upper bound of the value (e.g. the 95th percentile), in the same unit.",
        "unit": "The unit: percent is a share 0–100, percent_change a growth rate, points an HHI (0–10,000).",
        "forecast": "true: a forecast (left out of concentration figures).",
        "market": "What the firms' values are parts of, in words.",
        "total_metric": "The metric that holds the market's total.",
        "basis": "calendar or fiscal periods.",
        "fiscal_start": "The first month of the fiscal year (fiscal basis only).",
        "top_list": "true: the sources list each period's largest firms, so no unnamed firm is larger than the smallest named one.",
        "usd": "US dollars for one unit of the currency.",
        "source": "The originator's name: who states it (the source resource, with source_url).",
        "source_url": "The originator's address, when known.",
        "source_via": "The outlet whose page was read, when not the originator's (a syndicating site, an aggregator).",
        "source_via_url": "That page's address.",
        "source_published": "When the source was published.",
        "cited_by": "The name of the source that cites this one (e.g. the article).",
        "note": "Free text kept with the entry.",
        "verification": "unverified, verified, disputed or contradicted.",
        "id": "The entry's own stable key, unique when given.",
    ]
}
