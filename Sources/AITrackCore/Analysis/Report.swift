import Foundation
import GRDB

/// Everything `aitrack report` shows for one period, typed, before any format.
public struct Report: Sendable {
    public var period: Period
    /// Computed concentration per metric with company data in the period, each with the same
    /// metric a year earlier for the change.
    public var concentration: [ConcentrationEntry]
    /// Published concentration figures (cr*/hhi) of the period, with sources and verification.
    public var published: [StatisticRow]
    public var deals: [DealRow]
    public var dealTotals: DealTotals
    /// The deal totals one year earlier.
    public var previousDealTotals: DealTotals
    public var largestDeals: [DealRow]
    public var alliances: [AllianceRow]
    public var memberships: [MembershipRow]
    /// The latest value in the period of every metric, company, segment, region and source,
    /// with the value of the year before (all of them, or the first few of each metric).
    public var statistics: [StatisticRow]
    /// How many latest values each metric has, whether or not `statistics` holds them all.
    public var statisticCounts: [String: Int] = [:]
    /// Every source's URL by name (the first one stored), for footnotes.
    public var sourceURLs: [String: String] = [:]
    /// Where a source was read, when not at its originator (`sources.via`, `via_url`), by name.
    public var sourceVia: [String: (name: String, url: String?)] = [:]
    /// The period's deals between two firms with shares of a market, screened as if combined,
    /// largest ΔHHI first (at most five; `aitrack screen --deals` lists them all).
    public var combinations: [DealScreen] = []
    /// Every claim of the fact check with its verdict (asked for by the HTML report).
    public var claims: [Claim] = []
    /// The day the figures are "to date" of, when the period has not ended (`inProgress`).
    public var toDateAsOf: String?

    /// The report, marked as of `today` (ISO) when its period ends on or after it: a year in
    /// progress is never presented as the year.
    public func inProgress(asOf today: String) -> Report {
        var r = self
        r.toDateAsOf = period.toISO >= today ? today : nil
        return r
    }

    /// " (to date, as of DATE)" after a section's title, or nothing.
    public var toDateSuffix: String { toDateAsOf.map { " (to date, as of \($0))" } ?? "" }

    /// "(in progress: every figure to date, as of DATE)" after the period's days, or nothing.
    public var inProgressNote: String { toDateAsOf.map { " (in progress: every figure to date, as of \($0))" } ?? "" }

    /// "2025", or "2026, to date as of 2026-12-07".
    public var periodLabel: String { toDateAsOf.map { "\(period), to date as of \($0)" } ?? period.description }
}

/// One metric's concentration in the report, and the same a year earlier.
public struct ConcentrationEntry: Sendable {
    public var result: ConcentrationResult
    public var previous: ConcentrationResult?
    /// For a metric stated by quarter (cloud shares): the figures of each quarter with data.
    public var quarters: [ConcentrationResult] = []
    /// Every year (or quarter, for a metric stated by quarter) the database holds, when asked for
    /// (the HTML report's line chart).
    public var history: [ConcentrationResult] = []
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
    /// Deals another deal supersedes (a round's final close, a stake replacing a letter of
    /// intent): listed, never added, with the deal that supersedes them.
    public var superseded: [String] = []
    /// Deals called off (a bid voted down): listed, in no total, with their USD value.
    public var cancelled: [(deal: String, usd: Double)] = []
    /// Deals in talks or rumoured: listed and totalled apart, in no other total.
    public var rumored: [(deal: String, usd: Double)] = []
    /// Deals inside a programme counted elsewhere (`part_of`): in their kind's total, not in the
    /// all-kinds total, with the programme.
    public var partOf: [(deal: String, usd: Double)] = []
    /// The USD total by deal kind (kinds with a counted value), largest first; a deal part of
    /// another counts in its kind.
    public var byKind: [(kind: String, deals: Int, usd: Double)] = []

    public var cancelledUSD: Double { cancelled.reduce(0) { $0 + $1.usd } }
    public var rumoredUSD: Double { rumored.reduce(0) { $0 + $1.usd } }
    public var partOfUSD: Double { partOf.reduce(0) { $0 + $1.usd } }

    public static func == (a: DealTotals, b: DealTotals) -> Bool {
        (a.deals, a.withValue, a.usdTotal, a.qualifiedCount) == (b.deals, b.withValue, b.usdTotal, b.qualifiedCount)
            && (a.withoutRate, a.contradicted, a.superseded) == (b.withoutRate, b.contradicted, b.superseded)
            && (a.cancelled.map(\.deal), a.rumored.map(\.deal), a.partOf.map(\.deal))
                == (b.cancelled.map(\.deal), b.rumored.map(\.deal), b.partOf.map(\.deal))
            && (a.cancelledUSD, a.rumoredUSD, a.partOfUSD) == (b.cancelledUSD, b.rumoredUSD, b.partOfUSD)
    }
}

extension DatabaseReading {
    /// Deals of the period and their USD totals, by the rule of `deals_overview.in_total`:
    /// contradicted, superseded and cancelled deals and deals without a rate are listed but not
    /// added; rumoured ones are totalled apart; a deal part of another counts in its kind only.
    static func dealTotals(_ db: Database, _ period: Period) throws -> DealTotals {
        var totals = DealTotals()
        var kinds: [String: (Int, Double)] = [:]
        for r in try Row.fetchAll(db, sql: """
            SELECT o.title, o.date, o.precision, o.kind, o.value, o.currency, o.value_usd, o.qualifier, o.in_total,
                   s.title AS superseded_by, s.date AS superseded_on, s.precision AS superseded_precision,
                   p.title AS part_of, p.date AS part_of_on, p.precision AS part_of_precision
            FROM deals_overview o LEFT JOIN deals s ON s.id = o.superseded_by LEFT JOIN deals p ON p.id = o.part_of
            WHERE o.date BETWEEN ? AND ? ORDER BY o.date, o.id
            """, arguments: [period.fromISO, period.toISO]) {
            totals.deals += 1
            // dates as the user wrote them (`2025-08` for a month), like every listing
            let date = r.storedDate() ?? ""
            let deal = "\(r["title"] as String) (\(date))"
            let usd: Double = r["value_usd"] ?? 0
            switch r["in_total"] as String {
            case "no_value": continue
            case "contradicted": totals.contradicted.append(deal)
            case "superseded":
                let on = r.storedDate("superseded_on", precision: "superseded_precision") ?? ""
                totals.superseded.append("\(deal), superseded by \(r["superseded_by"] ?? "") (\(on))")
            case "cancelled": totals.cancelled.append((deal, usd))
            case "no_rate": totals.withoutRate.append("\(r["title"] as String) (\(r["currency"] as String), \(date))")
            case "rumored": totals.rumored.append((deal, usd))
            case let rule:
                if rule == "part_of" {
                    let on = r.storedDate("part_of_on", precision: "part_of_precision") ?? ""
                    totals.partOf.append(("\(deal), part of \(r["part_of"] ?? "") (\(on))", usd))
                } else {
                    totals.withValue += 1
                    totals.usdTotal += usd
                    if (r["qualifier"] as String) != "exact" { totals.qualifiedCount += 1 }
                }
                kinds[r["kind"], default: (0, 0)].0 += 1
                kinds[r["kind"], default: (0, 0)].1 += usd
            }
        }
        totals.byKind = kinds.map { (kind: $0.key, deals: $0.value.0, usd: $0.value.1) }.sorted { ($0.usd, $1.kind) > ($1.usd, $0.kind) }
        return totals
    }

    /// The latest year with company statistics (what the report's concentration is about), else
    /// with any deal, alliance or statistic; nil for an empty database. Forecasts do not count.
    public func latestYearWithData(before year: Int? = nil) throws -> Int? {
        let end = year.map { String(format: "%04d-01-01", $0) } ?? "9999-12-31"
        return try reader.read { db in
            let iso = try String.fetchOne(db, sql: "SELECT max(date) FROM statistics WHERE company_id IS NOT NULL AND forecast = 0 AND date < ?",
                                          arguments: [end])
                ?? String.fetchOne(db, sql: """
                    SELECT max(d) FROM (SELECT max(date) AS d FROM statistics WHERE forecast = 0 AND date < ?1
                                        UNION ALL SELECT max(date) FROM deals WHERE date < ?1
                                        UNION ALL SELECT max(date) FROM alliances WHERE date < ?1)
                    """, arguments: [end])
            return iso.flatMap { Int($0.prefix(4)) }
        }
    }

    /// The metric's figures for every year (or quarter) with company data, oldest first.
    /// `known`: figures computed already (the report's year and the year before), not computed again.
    static func history(_ db: Database, _ metric: String, by step: PeriodStep, consolidate: Bool, names: NameLookups,
                        known: [ConcentrationResult] = []) throws -> [ConcentrationResult] {
        let range = try Row.fetchOne(db, sql: "SELECT min(date) AS a, max(date) AS b FROM statistics "
                                     + "WHERE metric = ? AND company_id IS NOT NULL AND forecast = 0",
                                     arguments: [metric])
        guard let a: String = range?["a"], let b: String = range?["b"], let from = Int(a.prefix(4)), let to = Int(b.prefix(4)) else { return [] }
        let all = Period(from: EntryDate(year: from, precision: .year), to: EntryDate(year: to, precision: .year))
        return try concentrationSeries(db, metric: metric, period: all, by: step, consolidate: consolidate, names: names, known: known).results
            .filter { $0.hhiLow != nil }
    }

    /// Whether a metric's company values in the period are stated by quarter (and none by year,
    /// which would fall into the first quarter).
    static func quarterly(_ db: Database, _ metric: String, _ period: Period) throws -> Bool {
        // A quarter's figure is dated on the quarter's first day and a year's on 1 January (the
        // schema's checks): seeks on those days, not a read of every row of the period.
        let (from, to) = (period.fromISO, period.toISO)
        let years = (Int(from.prefix(4)) ?? 0)...(Int(to.prefix(4)) ?? 0)
        if years.count <= 100 {
            func days(_ months: [String]) -> [String] {
                var out: [String] = []
                for y in years {
                    let year = String(String(y + 10_000).suffix(4))
                    for m in months {
                        let day = "\(year)-\(m)-01"
                        if day >= from && day <= to { out.append(day) }
                    }
                }
                return out
            }
            let quarters = days(["01", "04", "07", "10"]), januaries = days(["01"])
            let marks = { (n: Int) in Array(repeating: "?", count: max(n, 1)).joined(separator: ", ") }
            return try Bool.fetchOne(db, sql: """
                    SELECT EXISTS (SELECT 1 FROM statistics WHERE metric = ? AND measure = 'value' AND date IN (\(marks(quarters.count)))
                                   AND precision = 'quarter' AND company_id IS NOT NULL)
                       AND NOT EXISTS (SELECT 1 FROM statistics WHERE metric = ? AND measure = 'value' AND date IN (\(marks(januaries.count)))
                                       AND precision = 'year' AND company_id IS NOT NULL)
                    """, arguments: StatementArguments([metric] + (quarters.isEmpty ? [""] : quarters)
                                                        + [metric] + (januaries.isEmpty ? [""] : januaries))) ?? false
        }
        return try quarterlyByScan(db, metric, period)
    }

    /// The same question by a read of the period's rows (for periods of more than 100 years).
    static func quarterlyByScan(_ db: Database, _ metric: String, _ period: Period) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM statistics WHERE metric = ? AND measure = 'value' AND date BETWEEN ? AND ?
                                                      AND precision = 'quarter' AND company_id IS NOT NULL)
               AND NOT EXISTS (SELECT 1 FROM statistics WHERE metric = ? AND measure = 'value' AND date BETWEEN ? AND ?
                                                         AND precision = 'year' AND company_id IS NOT NULL)
            """, arguments: [metric, period.fromISO, period.toISO, metric, period.fromISO, period.toISO]) ?? false
    }

    /// The report of a period; `history` adds every period's figures of each metric (costly on a
    /// large database: the HTML report asks for it).
    /// `statisticsLimit` limits the statistics fetched per metric (what the text formats
    /// show); nil fetches all of them (JSON).
    /// `claims`: every claim of the fact check with its verdict too (the HTML's ClaimReview data).
    public func report(_ period: Period, consolidate: Bool = true, history: Bool = false, statisticsLimit: Int? = nil,
                       claims: Bool = false) throws -> Report {
        // one read transaction for every section: a write committed while the report runs is
        // wholly in it or wholly out of it (issue 22, item 4)
        try reader.read { db in
            var r = try Self.report(db, period, consolidate: consolidate, history: history, statisticsLimit: statisticsLimit)
            if claims { r.claims = try Self.claimList(db, ListFilter()) }
            return r
        }
    }

    static func report(_ db: Database, _ period: Period, consolidate: Bool, history: Bool, statisticsLimit: Int?) throws -> Report {
        let names = NameLookups()
        let pass = try ReportPass.run(db, period, consolidate: consolidate, names: names)
        let conc = try pass.concentration.sorted { ($1.now.firms.count, $0.now.metric) < ($0.now.firms.count, $1.now.metric) }.map { c in
            let quarterly = try quarterly(db, c.now.metric, period)
            var e = ConcentrationEntry(result: c.now, previous: c.before,
                                       quarters: quarterly ? try concentrationSeries(db, metric: c.now.metric, period: period, by: .quarter,
                                                                                     consolidate: consolidate, names: names).results : [])
            if history {
                e.history = try Self.history(db, c.now.metric, by: quarterly ? .quarter : .year, consolidate: consolidate, names: names,
                                             known: [c.now, c.before])
            }
            return e
        }
        let statistics = try Self.latestStatistics(db, pass.latest, perMetric: statisticsLimit, names: names)
        var inPeriod = WhereClause()
        inPeriod.add("d.date BETWEEN ? AND ?", [period.fromISO, period.toISO])
        var largest = inPeriod
        // cancelled, rumoured and part-of deals are listed, marked by in_total
        largest.add("o.in_total IN ('counted', 'part_of', 'rumored', 'cancelled')")
        var published = WhereClause()
        // by metric and measure on the index (metric, measure, date): `measure <> 'value'`
        // read every statistic of the period to find a few published figures
        published.add("st.metric IN (\(LatestStatistics.everyMetric))")
        published.add("st.measure IN (\(Measure.published))")
        published.add("st.date BETWEEN ? AND ?", [period.fromISO, period.toISO])
        var report = Report(period: period, concentration: conc, published: try StatisticRow.fetch(db, published),
                      deals: try DealRow.fetch(db, inPeriod, order: "d.date, d.id"), dealTotals: try Self.dealTotals(db, period),
                      previousDealTotals: try Self.dealTotals(db, period.previousYear),
                      largestDeals: try DealRow.fetch(db, largest, order: "o.value_usd DESC, d.date", limit: 5),
                      alliances: try Self.alliancesFounded(db, period), memberships: try Self.membershipsChanged(db, period),
                      statistics: statistics.rows, statisticCounts: statistics.counts,
                      sourceURLs: Dictionary(try Row.fetchAll(db, sql: "SELECT name, url FROM sources WHERE url IS NOT NULL ORDER BY id")
                        .map { ($0["name"] as String, $0["url"] as String) }, uniquingKeysWith: { first, _ in first }))
        // footnotes name a source by name: the page read only where the name is one such page
        // and no page of the originator's own (else it could pair one document's address with
        // another's relay)
        for r in try Row.fetchAll(db, sql: """
            SELECT name, min(via) AS via, min(via_url) AS via_url FROM sources GROUP BY name COLLATE NOCASE
            HAVING count(*) = 1 AND min(via) IS NOT NULL AND min(url) IS NULL
            """) {
            report.sourceVia[r["name"]] = (r["via"], r["via_url"])
        }
        report.combinations = Array(try screenDeals(db, period: period, markets: conc.map(\.result)).prefix(5))
        return report
    }

    static func alliancesFounded(_ db: Database, _ period: Period) throws -> [AllianceRow] {
        try Row.fetchAll(db, sql: """
            SELECT a.name, a.date, a.precision, a.purpose, s.name AS source, a.verification,
                   (SELECT count(*) FROM alliance_members m WHERE m.alliance_id = a.id AND m.verification <> 'contradicted') AS members
            FROM alliances a LEFT JOIN sources s ON s.id = a.source_id
            WHERE a.date BETWEEN ? AND ? ORDER BY a.date, a.name
            """, arguments: [period.fromISO, period.toISO]).map { r in
            AllianceRow(name: r["name"], date: r.storedDate(), purpose: r["purpose"], members: r["members"], source: r["source"],
                        verification: r["verification"])
        }
    }

    static func membershipsChanged(_ db: Database, _ period: Period) throws -> [MembershipRow] {
        try Row.fetchAll(db, sql: """
            SELECT m.alliance, m.company, m.role, m.date, m.precision, m.left, am.left_precision, m.source, m.cited_by, m.verification, m.note
            FROM memberships_overview m JOIN alliance_members am ON am.id = m.id
            WHERE (m.date BETWEEN ? AND ? OR m.left BETWEEN ? AND ?) AND m.verification <> 'contradicted'
            ORDER BY m.alliance, m.date, m.company COLLATE NOCASE
            """, arguments: [period.fromISO, period.toISO, period.fromISO, period.toISO]).map { r in
            MembershipRow(alliance: r["alliance"], company: r["company"], role: r["role"], date: r.storedDate(),
                          left: r.storedDate("left", precision: "left_precision"), source: r["source"], citedBy: r["cited_by"],
                          verification: r["verification"], note: r["note"])
        }
    }

    /// The latest value in the period of each metric, company, segment, region and source, and
    /// the latest of the year before for the same metric, company, segment and region; with
    /// `perMetric`, only the first that many of each metric (in the listing's order) are fetched.
    static func latestStatistics(_ db: Database, _ latest: LatestStatistics.Found, perMetric: Int?,
                                 names: NameLookups) throws -> (rows: [StatisticRow], counts: [String: Int]) {
        let ids = try perMetric.map { limit in
            try LatestStatistics.candidates(latest, limit: limit) { try names.company($0, db)?.name }
        } ?? latest.ids
        var w = WhereClause()
        w.add("st.id IN (SELECT value FROM json_each(?))", [JSONWriter.string(.array(ids.map { .number(String($0)) }))])
        let otherSources = Set(latest.beforeSource.values)
        let sourceNames = otherSources.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: """
            SELECT id, name FROM sources WHERE id IN (SELECT value FROM json_each(?))
            """, arguments: [JSONWriter.string(.array(otherSources.map { .number(String($0)) }))]).map { ($0["id"] as Int64, $0["name"] as String) })
        let rows = try StatisticRow.fetch(db, w, perMetric: perMetric).map { row in
            var row = row
            row.previousYear = latest.before[row.rowID]
            row.previousSource = latest.beforeSource[row.rowID].flatMap { sourceNames[$0] }
            return row
        }
        return (rows, latest.counts)
    }
}
