import GRDB

/// A claim of the fact check (issue 21, item 7): a figure someone published or relayed, with who
/// said it, whom it cites, the verdict and its reason, the evidence and, for a published CRn or
/// HHI, the figure aitrack computes for the same period.
///
/// A claim is a statistic, deal or membership that (1) is relayed (`cited_by`: said by the relaying
/// source, citing its `source`), or (2) is stated by a source that relays others' figures (the
/// article's own statements), or (3) is a published CRn or HHI (said by its source).
public struct Claim: Sendable {
    public var kind: String
    public var rowID: Int64
    public var date: String
    public var text: String
    public var saidBy: String
    public var cites: String?
    /// The page the source was read on, when not the originator's (`sources.via`, `via_url`).
    public var via: String?, viaURL: String?
    public var verification: Verification
    public var reason: String?
    public var evidence: String?
    /// For a published CRn or HHI: the computed figure beside it (set by `claims`).
    public var computed: String?
    public var metric: String?
    var published: (metric: String, date: EntryDate)?

    static let columns = ["kind", "row_id", "date", "claim", "said_by", "cites", "via", "via_url", "verdict", "reason", "evidence", "computed",
                          "metric"]
    static let readable = ["kind", "date", "claim", "said_by", "cites", "via", "verdict", "computed", "reason"]

    var cells: [Cell] {
        [.text(kind), .int(rowID), .text(date), .text(text), .text(saidBy), Cell(cites), Cell(via), Cell(viaURL), .text(verification.rawValue),
         Cell(reason),
         Cell(evidence), Cell(computed), Cell(metric)]
    }

    /// "at least 70 %", "about 86,000,000,000 USD".
    static func amount(_ value: Double, unit: String, qualifier: String) -> String {
        let percent = unit == Units.percent || unit == Units.percentChange
        return (Qualifier(rawValue: qualifier) ?? .exact).wordsBefore
            + (percent ? NumberText.plain(value) + " %" : NumberText.grouped(value) + " " + unit)
    }
}

extension DatabaseReading {
    /// Every claim, by date, kind and row; `f.verification` and `f.source` filter as in the other
    /// listings (a claim said by or citing the source).
    public func claims(_ f: ListFilter = ListFilter()) throws -> ResultTable {
        // one read: the claims and the figures computed beside them are of one state of the file
        let claims = try reader.read { db in try Self.claimList(db, f) }
        return ResultTable(columns: Claim.columns, readable: Claim.readable, rows: claims.map(\.cells)).withDateSpans()
    }

    /// The claims with the figures computed beside the published ones.
    static func claimList(_ db: Database, _ f: ListFilter) throws -> [Claim] {
        var claims = try Self.readClaims(db, f)
        let names = NameLookups()
        for i in claims.indices {
            guard let (metric, date) = claims[i].published else { continue }
            claims[i].computed = try Self.computedBeside(db, statistic: claims[i].rowID, metric: metric, date: date, names: names)
        }
        return claims
    }

    /// The computed figure beside a published one: of its own period, else of its calendar year
    /// (a figure of a day or month of a year of data); the year's comparison only when it compares.
    static func computedBeside(_ db: Database, statistic id: Int64, metric: String, date: EntryDate, names: NameLookups) throws -> String {
        var periods = [Period(date)]
        if date.precision != .year { periods.append(.year(date.year)) }
        var first: PublishedFigure?
        for period in periods {
            let result = try concentration(db, metric: metric, period: period, consolidate: true, names: names)
            guard let p = result.published.first(where: { $0.statisticID == id }) else { continue }
            if p.computed != nil { return p.comparison }
            first = first ?? p
        }
        return first?.comparison ?? "not computable from the data"
    }

    static func readClaims(_ db: Database, _ f: ListFilter) throws -> [Claim] {
        var w = WhereClause()
        try requireKnownNames(db, ListFilter(source: f.source))
        sourcedTerms(ListFilter(verification: f.verification, source: f.source), alias: "x", into: &w)
        let filter = w.terms.map { " AND " + $0 }.joined()
        let relayers = """
            (SELECT cited_by_id FROM statistics WHERE cited_by_id IS NOT NULL UNION SELECT cited_by_id FROM deals WHERE cited_by_id IS NOT NULL
             UNION SELECT cited_by_id FROM alliance_members WHERE cited_by_id IS NOT NULL)
            """
        let sourced = "s.name AS source, s.url AS source_url, s.via, s.via_url, cb.name AS cited_by, x.verification, x.note"
        let joins = "JOIN sources s ON s.id = x.source_id LEFT JOIN sources cb ON cb.id = x.cited_by_id"
        let statistics = try Row.fetchAll(db, sql: """
            SELECT x.id, x.metric, x.measure, x.date, x.precision, c.name AS company, x.segment, x.value, x.unit, x.qualifier, x.forecast, \(sourced)
            FROM statistics x \(joins) LEFT JOIN companies c ON c.id = x.company_id
            WHERE (x.cited_by_id IS NOT NULL OR x.source_id IN \(relayers)
                   OR (x.metric IN (\(LatestStatistics.everyMetric)) AND x.measure IN (\(Measure.published))))\(filter)
            """, arguments: w.arguments).map { r -> Claim in
            let measure = Measure(rawValue: r["measure"]) ?? .value
            let date: String = r.storedDate() ?? r["date"]
            let who = [r["company"] as String?, (r["segment"] as String?).map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
            let forecast = (r["forecast"] as Int64) == 1 ? " (forecast)" : ""
            let metric: String = r["metric"]
            let subject = measure == .value ? metric + (who.isEmpty ? "" : " of " + who) : "\(measure.rawValue) of \(metric)"
            let unit: String = measure == .value ? r["unit"] : measure == .hhi ? Units.points : Units.percent
            let text = subject + " \(date)\(forecast): " + Claim.amount(r["value"], unit: unit, qualifier: r["qualifier"])
            var claim = Claim(r, kind: "statistic", date: date, text: text)
            claim.metric = r["metric"]
            if measure != .value, let d = EntryDate.stored(r["date"], precision: Precision(rawValue: r["precision"]) ?? .day) {
                claim.published = (r["metric"], d)
            }
            return claim
        }
        let deals = try Row.fetchAll(db, sql: """
            SELECT x.id, x.date, x.precision, x.title, x.value, x.currency, x.qualifier, \(sourced)
            FROM deals x \(joins)
            WHERE (x.cited_by_id IS NOT NULL OR x.source_id IN \(relayers))\(filter)
            """, arguments: w.arguments).map { r -> Claim in
            let value = (r["value"] as Double?).map { ": " + Claim.amount($0, unit: r["currency"] ?? "", qualifier: r["qualifier"]) } ?? ""
            return Claim(r, kind: "deal", date: r.storedDate() ?? r["date"], text: (r["title"] as String) + value)
        }
        let memberships = try Row.fetchAll(db, sql: """
            SELECT x.id, x.date, x.precision, c.name AS company, a.name AS alliance, x.role, \(sourced)
            FROM alliance_members x \(joins) JOIN companies c ON c.id = x.company_id JOIN alliances a ON a.id = x.alliance_id
            WHERE (x.cited_by_id IS NOT NULL OR x.source_id IN \(relayers))\(filter)
            """, arguments: w.arguments).map { r -> Claim in
            let role = (r["role"] as String) == "founding" ? "a founding member" : "a member"
            let text = "\(r["company"] as String) is \(role) of \(r["alliance"] as String)"
            return Claim(r, kind: "membership", date: r.storedDate() ?? "", text: text)
        }
        return (statistics + deals + memberships).sorted { ($0.date, $0.kind, $0.rowID) < ($1.date, $1.kind, $1.rowID) }
    }
}

extension Claim {
    /// Who said it, whom it cites, the verdict, its reason and evidence, from a row's source columns.
    init(_ r: Row, kind: String, date: String, text: String) {
        let citedBy: String? = r["cited_by"]
        self.init(kind: kind, rowID: r["id"], date: date, text: text, saidBy: citedBy ?? r["source"], cites: citedBy == nil ? nil : r["source"],
                  via: r["via"], viaURL: r["via_url"], verification: Verification(rawValue: r["verification"]) ?? .unverified,
                  reason: r["note"], evidence: r["source_url"])
    }
}
