import Foundation
import GRDB

/// A deal as the listings and the report show it: typed, with its parties and USD value.
public struct DealRow: Sendable, Equatable {
    public var rowID: Int64
    public var date, title, kind: String
    public var parties: [(company: String, role: String)]
    public var value: Double?, currency: String?, qualifier: String, valueUSD: Double?, termMonths: Int?, status: String
    /// Where it comes from, what its sources say of it, and the user's key.
    public var source: String, sourceURL: String?, citedBy: String?, verification: String, note: String?, key: String?
    /// The page the source was read on, when not the originator's.
    public var via: String? = nil, viaURL: String? = nil
    /// The row of a deal that supersedes this one: it counts in no USD total.
    public var supersededBy: Int64?
    /// The row of the programme this deal is part of: it counts in its kind's total only.
    public var partOf: Int64?
    /// What USD totals it counts in (`deals_overview.in_total`): counted, part_of, rumored,
    /// cancelled, superseded, contradicted, no_rate, no_value.
    public var inTotal = "counted"

    public static func == (a: DealRow, b: DealRow) -> Bool { a.rowID == b.rowID && a.title == b.title }

    static let columns = ["row_id", "date", "title", "kind", "parties", "value", "currency", "qualifier", "value_usd", "term_months",
                          "status", "source", "source_url", "source_via", "source_via_url", "cited_by", "verification", "note", "id",
                          "superseded_by", "part_of_deal", "in_total", "in_kind_total", "not_in_total_because"]
    static let readable = ["row_id", "date", "title", "kind", "parties", "value", "currency", "qualifier", "status", "in_total", "source",
                           "source_via", "cited_by", "verification"]

    /// Every reason the deal is not in the all-kinds USD total (several may apply; the first of
    /// `deals_overview.in_total`'s rule is the one that decides).
    public var notInTotalBecause: [String] {
        var reasons: [String] = []
        if value == nil { reasons.append("no value") }
        if verification == Verification.contradicted.rawValue { reasons.append("contradicted") }
        if let s = supersededBy { reasons.append("superseded by \(s)") }
        if status == DealStatus.cancelled.rawValue { reasons.append("cancelled") }
        if value != nil && valueUSD == nil { reasons.append("no exchange rate") }
        if status == DealStatus.rumored.rawValue { reasons.append("rumored") }
        if let p = partOf { reasons.append("part of \(p)") }
        return reasons
    }

    var cells: [Cell] {
        [.int(rowID), .text(date), .text(title), .text(kind),
         .json(.array(parties.map { .object([("company", .string($0.company)), ("role", .string($0.role))]) })),
         Cell(value), Cell(currency), Cell(value == nil ? nil : qualifier), Cell(valueUSD), Cell(termMonths), .text(status),
         .text(source), Cell(sourceURL), Cell(via), Cell(viaURL),
         Cell(citedBy), .text(verification), Cell(note), Cell(key), Cell(supersededBy.map { Int($0) }),
         Cell(partOf.map { Int($0) }), .json(.bool(inTotal == "counted")), .json(.bool(inTotal == "counted" || inTotal == "part_of")),
         .json(.array(notInTotalBecause.map { .string($0) }))]
    }

    /// Every column (machine formats), the main ones for people.
    public static func table(_ rows: [DealRow]) -> ResultTable {
        ResultTable(columns: columns, readable: readable, rows: rows.map(\.cells)).withDateSpans()
    }

    /// The deals a WHERE clause selects (`d` is `deals`, `o` is `deals_overview`).
    static func fetch(_ db: Database, _ w: WhereClause, order: String, limit: Int? = nil) throws -> [DealRow] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT d.id, d.date, d.precision, d.title, d.kind, d.value, d.currency, d.qualifier, o.value_usd, d.term_months,
                   d.status, o.source, o.source_url, s.via, s.via_url, o.cited_by, d.verification, d.note, d.entry_key,
                   o.superseded_by, o.part_of, o.in_total
            FROM deals d JOIN deals_overview o ON o.id = d.id JOIN sources s ON s.id = d.source_id
            \(w.sql)
            ORDER BY \(order)\(limit.map { " LIMIT \($0)" } ?? "")
            """, arguments: w.arguments)
        var parties: [Int64: [(company: String, role: String)]] = [:]
        if !rows.isEmpty {
            let ids = rows.map { String($0["id"] as Int64) }.joined(separator: ",")
            for r in try Row.fetchAll(db, sql: """
                SELECT dp.deal_id, c.name, dp.role FROM deal_parties dp JOIN companies c ON c.id = dp.company_id
                WHERE dp.deal_id IN (\(ids)) ORDER BY dp.deal_id, dp.role, c.name
                """) {
                parties[r["deal_id"], default: []].append((r["name"], r["role"]))
            }
        }
        return rows.map { r in
            DealRow(rowID: r["id"], date: r.storedDate() ?? "", title: r["title"], kind: r["kind"], parties: parties[r["id"]] ?? [],
                    value: r["value"], currency: r["currency"], qualifier: r["qualifier"], valueUSD: r["value_usd"],
                    termMonths: (r["term_months"] as Int64?).map { Int($0) }, status: r["status"], source: r["source"],
                    sourceURL: r["source_url"], citedBy: r["cited_by"], verification: r["verification"], note: r["note"], key: r["entry_key"],
                    via: r["via"], viaURL: r["via_url"], supersededBy: r["superseded_by"], partOf: r["part_of"], inTotal: r["in_total"])
        }
    }
}

/// A statistic as the listings and the report show it, with the value of the year before
/// where the report has one.
public struct StatisticRow: Sendable, Equatable {
    public var rowID: Int64
    public var metric, measure, date: String
    public var company: String?, segment: String?, region: String?
    public var value: Double, low: Double?, high: Double?, unit: String, qualifier: String, forecast: Bool
    /// Where it comes from, what its sources say of it, and the user's key.
    public var source: String, sourceURL: String?, citedBy: String?, verification: String, note: String?, key: String?
    /// The page the source was read on, when not the originator's.
    public var via: String? = nil, viaURL: String? = nil
    /// The same metric, company, segment and region's value of the same day a year earlier at the
    /// same precision (Q1 with Q1, a year with a year), from the same source where there is one.
    public var previousYear: Double?
    /// The source of `previousYear` when it is not this statistic's source (none had that value).
    public var previousSource: String?

    /// The change against the year before: in points for a share or a growth rate
    /// (`percent_change`: a change of a change in percent says nothing), in percent otherwise.
    public var changePoints: Double? {
        guard unit == Units.percent || unit == Units.percentChange, let b = previousYear else { return nil }
        let d = value - b
        return d.isFinite ? d : nil
    }
    public var changePercent: Double? {
        guard unit != Units.percent, unit != Units.percentChange, let b = previousYear, b > 0 else { return nil }
        let c = (value - b) / b * 100
        return c.isFinite ? c : nil
    }

    static let columns = ["row_id", "metric", "measure", "date", "company", "segment", "region", "value", "low", "high", "unit",
                          "qualifier", "forecast", "source", "source_url", "source_via", "source_via_url", "cited_by", "verification",
                          "note", "id"]
    static let readable = ["row_id", "metric", "measure", "date", "company", "segment", "value", "unit", "qualifier", "source", "source_via",
                           "cited_by", "verification"]

    var cells: [Cell] {
        [.int(rowID), .text(metric), .text(measure), .text(date), Cell(company), Cell(segment), Cell(region), .double(value), Cell(low),
         Cell(high), .text(unit), .text(qualifier), .json(.bool(forecast)), .text(source), Cell(sourceURL), Cell(via), Cell(viaURL),
         Cell(citedBy), .text(verification), Cell(note), Cell(key)]
    }

    public static func table(_ rows: [StatisticRow], withChange: Bool = false) -> ResultTable {
        guard withChange else { return ResultTable(columns: columns, readable: readable, rows: rows.map(\.cells)).withDateSpans() }
        return ResultTable(columns: columns + ["previous_year", "previous_year_source", "change_pct", "change_points"], readable: readable,
                           rows: rows.map { $0.cells + [Cell($0.previousYear), Cell($0.previousSource), Cell($0.changePercent),
                                                        Cell($0.changePoints)] }).withDateSpans()
    }

    /// The order statistics are listed in, by the names `fetch` selects. The report's fast path
    /// picks the rows that can come first in it (`LatestStatistics.candidates`), tested against it.
    static let listingOrder = "metric, measure, date, company COLLATE NOCASE, segment, id"

    /// The statistics a WHERE clause selects (`st` is `statistics`); with `perMetric`, the first
    /// that many of each metric.
    static func fetch(_ db: Database, _ w: WhereClause, perMetric: Int? = nil, order: String? = nil, limit: Int? = nil) throws -> [StatisticRow] {
        let rows = """
            SELECT st.id, st.metric, st.measure, st.date, st.precision, c.name AS company, st.segment, st.region,
                   st.value, st.low, st.high, st.unit, st.qualifier, st.forecast, s.name AS source, s.url AS source_url,
                   s.via, s.via_url, cb.name AS cited_by, st.verification, st.note, st.entry_key
            FROM statistics st
            JOIN sources s ON s.id = st.source_id
            LEFT JOIN sources cb ON cb.id = st.cited_by_id
            LEFT JOIN companies c ON c.id = st.company_id
            \(w.sql)
            """
        let sql = perMetric == nil ? "SELECT * FROM (\(rows)) ORDER BY \(order ?? listingOrder)\(limit.map { " LIMIT \($0)" } ?? "")" : """
            SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY metric ORDER BY \(listingOrder)) AS n FROM (\(rows)))
            WHERE n <= \(perMetric!) ORDER BY \(listingOrder)
            """
        return try Row.mapAll(db, sql: sql, arguments: w.arguments) { r in
            StatisticRow(rowID: r["id"], metric: r["metric"], measure: r["measure"], date: r.storedDate() ?? "", company: r["company"],
                         segment: r["segment"], region: r["region"], value: r["value"], low: r["low"], high: r["high"], unit: r["unit"],
                         qualifier: r["qualifier"], forecast: (r["forecast"] as Int64) == 1, source: r["source"], sourceURL: r["source_url"],
                         citedBy: r["cited_by"], verification: r["verification"], note: r["note"], key: r["entry_key"],
                         via: r["via"], viaURL: r["via_url"])
        }
    }
}

/// An alliance founded in the report's period.
public struct AllianceRow: Sendable, Equatable {
    public var name: String
    public var date: String?
    public var purpose: String?
    /// Members, not counting memberships the sources contradict.
    public var members: Int
    public var source: String?
    public var verification: String

    public static func table(_ rows: [AllianceRow]) -> ResultTable {
        ResultTable(columns: ["alliance", "date", "purpose", "members", "source", "verification"],
                    rows: rows.map {
                        [.text($0.name), Cell($0.date), Cell($0.purpose), .int(Int64($0.members)), Cell($0.source), .text($0.verification)]
                    }).withDateSpans()
    }
}

/// A membership joined or left in the report's period.
public struct MembershipRow: Sendable, Equatable {
    public var alliance, company, role: String
    public var date: String?, left: String?
    public var source: String, citedBy: String?, verification: String, note: String?

    static let readable = ["alliance", "company", "role", "date", "left", "source", "cited_by", "verification"]

    public static func table(_ rows: [MembershipRow]) -> ResultTable {
        ResultTable(columns: ["alliance", "company", "role", "date", "left", "source", "cited_by", "verification", "note"], readable: readable,
                    rows: rows.map { [.text($0.alliance), .text($0.company), .text($0.role), Cell($0.date), Cell($0.left), .text($0.source),
                                      Cell($0.citedBy), .text($0.verification), Cell($0.note)] }).withDateSpans()
    }
}
