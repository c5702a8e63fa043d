import Foundation
import GRDB

/// Everything `aitrack report` shows for one period, before formatting.
public struct Report: Sendable {
    public var period: Period
    public var deals: ResultTable
    public var dealTotals: DealTotals
    public var largestDeals: ResultTable
    public var alliances: ResultTable
    public var memberships: ResultTable
    public var statistics: ResultTable
    /// Published concentration figures (cr*/hhi) of the period, with sources and verification.
    public var published: ResultTable
    /// Computed concentration per metric with company data in the period.
    public var concentration: [ConcentrationResult]
    /// The same metrics one year earlier, for the change (keyed by metric).
    public var previous: [String: ConcentrationResult]
    /// The deal totals one year earlier.
    public var previousDealTotals: DealTotals
}

/// USD totals of the period's deals; deals without a rate are listed, never converted 1:1.
public struct DealTotals: Sendable, Equatable {
    public var deals = 0
    public var withValue = 0
    public var usdTotal = 0.0
    /// Deals whose value counts toward the total only as a lower bound (at_least) or estimate.
    public var qualifiedCount = 0
    /// Deals with a value in a currency that has no rate on or before their date.
    public var withoutRate: [String] = []
    /// Deals marked contradicted: listed, never added to the total.
    public var contradicted: [String] = []
}

extension DatabaseReading {
    /// Deals of the period and their USD total: contradicted deals and deals without a rate are
    /// listed but not added.
    static func dealTotals(_ db: Database, _ period: Period) throws -> DealTotals {
        var totals = DealTotals()
        for r in try Row.fetchAll(db, sql: """
            SELECT title, date, value, currency, value_usd, qualifier, verification FROM deals_overview WHERE date BETWEEN ? AND ?
            """, arguments: [period.fromISO, period.toISO]) {
            totals.deals += 1
            guard (r["value"] as Double?) != nil else { continue }
            if (r["verification"] as String) == "contradicted" {
                totals.contradicted.append("\(r["title"] as String) (\(r["date"] as String))")
            } else if let usd: Double = r["value_usd"] {
                totals.withValue += 1
                totals.usdTotal += usd
                if (r["qualifier"] as String) != "exact" { totals.qualifiedCount += 1 }
            } else {
                totals.withoutRate.append("\(r["title"] as String) (\(r["currency"] as String), \(r["date"] as String))")
            }
        }
        return totals
    }

    /// The latest year with company statistics (what the report's concentration is about), else
    /// with any deal, alliance or statistic; nil for an empty database. Forecasts do not count.
    public func latestYearWithData() throws -> Int? {
        try reader.read { db in
            let iso = try String.fetchOne(db, sql: "SELECT max(date) FROM statistics WHERE company_id IS NOT NULL AND forecast = 0")
                ?? String.fetchOne(db, sql: """
                    SELECT max(d) FROM (SELECT max(date) AS d FROM statistics WHERE forecast = 0 UNION ALL SELECT max(date) FROM deals
                                        UNION ALL SELECT max(date) FROM alliances)
                    """)
            return iso.flatMap { Int($0.prefix(4)) }
        }
    }

    public func report(_ period: Period, consolidate: Bool = true) throws -> Report {
        let deals = try self.deals(ListFilter(period: period))
        let conc = try concentrationForAllMetrics(period: period, consolidate: consolidate)
        var previous: [String: ConcentrationResult] = [:]
        for c in conc {
            previous[c.metric] = try concentration(metric: c.metric, period: period.previousYear, consolidate: consolidate)
        }
        return try reader.read { db in
            let totals = try Self.dealTotals(db, period)
            let previousTotals = try Self.dealTotals(db, period.previousYear)
            let largest = try Self.dealTable(db, where: ["d.date BETWEEN ? AND ?", "o.value_usd IS NOT NULL", "d.verification <> 'contradicted'"],
                                             args: [period.fromISO, period.toISO], order: "o.value_usd DESC, d.date", limit: 5)
            let alliances = try Row.fetchAll(db, sql: """
                SELECT a.name, a.date, a.precision, a.purpose, s.name AS source, a.verification,
                       (SELECT count(*) FROM alliance_members m WHERE m.alliance_id = a.id AND m.verification <> 'contradicted') AS members
                FROM alliances a LEFT JOIN sources s ON s.id = a.source_id
                WHERE a.date BETWEEN ? AND ? ORDER BY a.date, a.name
                """, arguments: [period.fromISO, period.toISO])
            let memberships = try Row.fetchAll(db, sql: """
                SELECT alliance, company, role, date, precision, left, source, cited_by, verification, note
                FROM memberships_overview
                WHERE date BETWEEN ? AND ? OR left BETWEEN ? AND ?
                ORDER BY alliance, date, company COLLATE NOCASE
                """, arguments: [period.fromISO, period.toISO, period.fromISO, period.toISO])
            // the latest value in the period of each metric, company, segment, region and source,
            // and the latest of the year before for the same metric, company, segment and region
            // (window functions: one pass each, also over millions of rows)
            let latest = """
                WITH cur AS (
                    SELECT id, metric, coalesce(company_id, 0) AS c, coalesce(segment, '') AS sg, coalesce(region, '') AS rg, forecast,
                           row_number() OVER (PARTITION BY metric, company_id, segment, region, source_id, forecast
                                              ORDER BY date DESC, id DESC) AS rn
                    FROM statistics WHERE measure = 'value' AND date BETWEEN ? AND ?
                ),
                prev AS (
                    SELECT metric, coalesce(company_id, 0) AS c, coalesce(segment, '') AS sg, coalesce(region, '') AS rg, forecast, value,
                           row_number() OVER (PARTITION BY metric, company_id, segment, region, forecast
                                              ORDER BY date DESC, verification = 'verified' DESC, coalesce(ingest_id, 0) DESC, id DESC) AS rn
                    FROM statistics WHERE measure = 'value' AND date BETWEEN ? AND ?
                )
                SELECT cur.id, prev.value AS before FROM cur
                LEFT JOIN prev ON prev.rn = 1 AND prev.metric = cur.metric AND prev.c = cur.c AND prev.sg = cur.sg
                                  AND prev.rg = cur.rg AND prev.forecast = cur.forecast
                WHERE cur.rn = 1
                """
            let prev = period.previousYear
            var before: [Int64: Double] = [:]
            var ids: [Int64] = []
            for r in try Row.fetchAll(db, sql: latest, arguments: [period.fromISO, period.toISO, prev.fromISO, prev.toISO]) {
                ids.append(r["id"])
                if let b: Double = r["before"] { before[r["id"]] = b }
            }
            var stats = try Self.statisticTable(db, where: ["st.id IN (SELECT value FROM json_each(?))"],
                                                args: [JSONWriter.string(.array(ids.map { .number(String($0)) }))])
            // a share changes by points, anything else by percent
            stats.columns += ["previous_year", "change_pct", "change_points"]
            let (idColumn, valueColumn, unitColumn) = (stats.columns.firstIndex(of: "row_id")!, stats.columns.firstIndex(of: "value")!, stats.columns.firstIndex(of: "unit")!)
            stats.rows = stats.rows.map { row in
                guard case .int(let id) = row[idColumn], let b = before[id], case .double(let v) = row[valueColumn] else { return row + [.null, .null, .null] }
                if row[unitColumn] == .text(Units.percent) { return row + [.double(b), .null, .double(v - b)] }
                return row + [.double(b), b == 0 ? .null : .double((v - b) / b * 100), .null]
            }
            let published = try Self.statisticTable(db, where: ["st.date BETWEEN ? AND ?", "st.measure <> 'value'"], args: [period.fromISO, period.toISO])
            func date(_ r: Row) -> Cell {
                Cell((r["date"] as String?).flatMap { EntryDate.stored($0, precision: Precision(rawValue: r["precision"] ?? "day") ?? .day)?.description })
            }
            return Report(
                period: period, deals: deals, dealTotals: totals, largestDeals: largest,
                alliances: ResultTable(columns: ["alliance", "date", "purpose", "members", "source", "verification"],
                                       rows: alliances.map { [Cell($0["name"] as String?), date($0), Cell($0["purpose"] as String?),
                                                              .int($0["members"]), Cell($0["source"] as String?), Cell($0["verification"] as String?)] }),
                memberships: ResultTable(columns: ["alliance", "company", "role", "date", "left", "source", "cited_by", "verification", "note"],
                                         rows: memberships.map { [Cell($0["alliance"] as String?), Cell($0["company"] as String?), Cell($0["role"] as String?),
                                                                  date($0), Cell($0["left"] as String?), Cell($0["source"] as String?),
                                                                  Cell($0["cited_by"] as String?), Cell($0["verification"] as String?), Cell($0["note"] as String?)] }),
                statistics: stats, published: published, concentration: conc, previous: previous,
                previousDealTotals: previousTotals)
        }
    }
}
