import Foundation
import GRDB

extension DatabaseReading {
    /// The unit of a metric's values (`percent` when it has published figures only), or an
    /// error naming the metrics there are.
    static func unit(of metric: String, _ db: Database) throws -> String {
        guard let unit = try StoredUnit.of(metric, in: db)
            ?? String.fetchOne(db, sql: "SELECT 'percent' FROM statistics WHERE metric = ? LIMIT 1", arguments: [metric]) else {
            let known = try String.fetchAll(db, sql: "SELECT DISTINCT metric FROM statistics ORDER BY metric")
            throw QueryProblem.unknownMetric(metric: metric, known: known)
        }
        return unit
    }

    /// DESIGN §5 for one metric and period: reads the statistics, computes in pure code.
    public func concentration(metric: String, period: Period, consolidate: Bool = true) throws -> ConcentrationResult {
        try concentration(metric: metric, period: period, consolidate: consolidate, names: NameLookups())
    }

    /// The same, with the names of companies and sources shared by the calls of one report.
    func concentration(metric: String, period: Period, consolidate: Bool, names: NameLookups) throws -> ConcentrationResult {
        try reader.read { db in try Self.concentration(db, metric: metric, period: period, consolidate: consolidate, names: names) }
    }

    /// The same inside a read the caller holds (a report reads every section in one).
    static func concentration(_ db: Database, metric: String, period: Period, consolidate: Bool, names: NameLookups) throws -> ConcentrationResult {
        let rows = try MetricRows.read(db, metric: metric, period: period, names: names)
        return try MetricContext.read(db, metric: metric, period: period).concentration(rows, consolidate: consolidate)
    }

}

/// `concentration` over a range: one figure set per year or quarter that has data.
public struct ConcentrationSeries: Sendable {
    public var results: [ConcentrationResult]
    /// Steps of the range without any statistic of the metric (left out).
    public var periodsWithoutData: Int
}

extension DatabaseReading {
    /// The years or quarters in `period` that hold any statistic of `metric` (company values,
    /// market totals or published figures). One indexed query, however long the range.
    public func periodsWithData(metric: String, in period: Period, by step: PeriodStep) throws -> [Period] {
        try reader.read { db in try Self.periodsWithData(db, metric: metric, in: period, by: step) }
    }

    static func periodsWithData(_ db: Database, metric: String, in period: Period, by step: PeriodStep) throws -> [Period] {
        let days = try String.fetchAll(db, sql: """
            SELECT DISTINCT date FROM statistics
            WHERE metric = ? AND date BETWEEN ? AND ? AND (measure <> 'value' OR forecast = 0)
            ORDER BY date
            """, arguments: [metric, period.fromISO, period.toISO])
        var out: [Period] = []
        for d in days {
            if let p = Period.containing(d, step), out.last != p { out.append(p) }
        }
        return out
    }

    /// One figure set per step of `period` that has data (a single set without `step`);
    /// steps without data are left out and counted, so that a range of ten thousand years
    /// costs what its data cost.
    public func concentrationSeries(metric: String, period: Period, by step: PeriodStep?, consolidate: Bool = true) throws -> ConcentrationSeries {
        try reader.read { db in
            try Self.concentrationSeries(db, metric: metric, period: period, by: step, consolidate: consolidate, names: NameLookups())
        }
    }

    static func concentrationSeries(_ db: Database, metric: String, period: Period, by step: PeriodStep?, consolidate: Bool, names: NameLookups,
                                    known: [ConcentrationResult] = []) throws -> ConcentrationSeries {
        guard let step else {
            let r = try concentration(db, metric: metric, period: period, consolidate: consolidate, names: names)
            let empty = r.statisticIDs.isEmpty && r.published.isEmpty && r.total == nil
            return ConcentrationSeries(results: empty ? [] : [r], periodsWithoutData: empty ? 1 : 0)
        }
        _ = try unit(of: metric, db)
        let withData = try periodsWithData(db, metric: metric, in: period, by: step)
        func quarterIndex(_ d: EntryDate) -> Int { d.year * 4 + (d.month - 1) / 3 }
        let lastMonth = EntryDate.stored(period.toISO, precision: .day) ?? period.to
        let all = step == .year ? (period.to.year - period.from.year + 1) : quarterIndex(lastMonth) - quarterIndex(period.from) + 1
        let results = try withData.map { p in
            try known.first { $0.metric == metric && $0.period == p }
                ?? concentration(db, metric: metric, period: p, consolidate: consolidate, names: names)
        }
        return ConcentrationSeries(results: results, periodsWithoutData: max(0, all - withData.count))
    }
}

/// What a metric's concentration in a period needs besides its company values: its unit, the
/// market totals and the published figures. Read on the database's thread; `concentration` is
/// pure.
struct MetricContext: Sendable {
    var metric: String, period: Period, unit: String
    var totals: [MarketTotal], published: [PublishedFigure]
    /// The metric's kind and basis by its definition (DESIGN §5): a metric without one is of
    /// kind other and gets no concentration figure.
    var kind = MetricKind.flow, defined = true, fiscal = false
    /// The definition says the named firms of each period are the market's largest.
    var topList = false
    /// The market totals of the definition's `total_metric` in the period.
    var totalMetricTotals: [MarketTotal] = []
    /// A stock's earlier values: each series' latest from before the period, to carry forward.
    var before: [Holding] = []

    /// The kind and basis of the metric's definition.
    static func definition(_ db: Database, metric: String) throws
        -> (kind: MetricKind, defined: Bool, fiscal: Bool, totalMetric: String?, topList: Bool) {
        // a file of a schema before definitions (only while it is being upgraded): as before them
        guard try db.tableExists("metrics") else { return (.flow, true, false, nil, true) }
        let sql = "SELECT kind, basis, total_metric, top_list FROM metrics WHERE name = ?"
        guard let row = try Row.fetchOne(db, sql: sql, arguments: [metric]) else {
            return (.other, false, false, nil, false)
        }
        return (MetricKind(rawValue: row["kind"]) ?? .other, true, (row["basis"] as String?) == MetricBasis.fiscal.rawValue, row["total_metric"],
                (row["top_list"] as Int64? ?? 0) == 1)
    }

    /// The market-level statistics of `metric` in the period: candidate totals.
    static func marketTotals(_ db: Database, metric: String, period: Period, unit: String) throws -> [MarketTotal] {
        try Row.mapAll(db, sql: """
            SELECT st.date, st.precision, st.value, st.verification, coalesce(st.ingest_id, 0) AS ingest_id, st.id, s.name AS source
            FROM statistics st JOIN sources s ON s.id = st.source_id
            WHERE st.metric = ? AND st.measure = 'value' AND st.company_id IS NULL AND st.forecast = 0 AND st.date BETWEEN ? AND ?
            """, arguments: [metric, period.fromISO, period.toISO]) { r in
            try ValueRule.check(r["value"], id: r["id"], rule: ValueRule(unit: unit))
            return MarketTotal(date: r["date"], precision: Precision(rawValue: r["precision"]) ?? .day, value: r["value"],
                               verified: (r["verification"] as String) == "verified",
                        ingestOrder: Precedence.order(ingest: r["ingest_id"], id: r["id"]), source: r["source"])
        }
    }

    static func read(_ db: Database, metric: String, period: Period) throws -> MetricContext {
        let unit = try AppDatabase.unit(of: metric, db)
        let totals = try marketTotals(db, metric: metric, period: period, unit: unit)
        let published = try Row.mapAll(db, sql: """
            SELECT st.id, st.measure, st.date, st.precision, st.value, st.qualifier, st.verification, st.note, s.name AS source, cb.name AS cited_by
            FROM statistics st JOIN sources s ON s.id = st.source_id LEFT JOIN sources cb ON cb.id = st.cited_by_id
            WHERE st.metric = ? AND st.measure IN (\(Measure.published)) AND st.date BETWEEN ? AND ?
            ORDER BY st.date, st.measure, st.id
            """, arguments: [metric, period.fromISO, period.toISO]) { r in
            let measure = Measure(rawValue: r["measure"]) ?? .value
            try ValueRule.check(r["value"], id: r["id"], rule: ValueRule(unit: measure == .hhi ? Units.points : Units.percent, measure: measure))
            return PublishedFigure(statisticID: r["id"], measure: measure,
                            date: EntryDate.stored(r["date"], precision: Precision(rawValue: r["precision"]) ?? .day)?.description ?? r["date"],
                            value: r["value"], qualifier: Qualifier(rawValue: r["qualifier"]) ?? .exact, source: r["source"],
                            citedBy: r["cited_by"], verification: Verification(rawValue: r["verification"]) ?? .unverified, reason: r["note"])
        }
        var context = MetricContext(metric: metric, period: period, unit: unit, totals: totals, published: published)
        let definition = try definition(db, metric: metric)
        (context.kind, context.defined) = (definition.kind, definition.defined)
        (context.fiscal, context.topList) = (definition.fiscal, definition.topList)
        if let total = definition.totalMetric {
            // the metric holding the market's total: its statistics of the period define the market
            let unit = try StoredUnit.of(total, in: db) ?? ""
            context.totalMetricTotals = try marketTotals(db, metric: total, period: period, unit: unit)
        }
        if context.kind == .stock {
            // the stock's earlier values, to carry forward: each series' latest is what counts
            let earlier = try MetricRows.read(db, metric: metric, from: "0000-01-01", to: period.fromISO, names: NameLookups()).holdings().holdings
            context.before = FigurePeriod.latestOfEachSeries(earlier.filter { $0.date < period.fromISO })
        }
        return context
    }

    /// DESIGN §5 on the metric's rows of the period.
    func concentration(_ rows: MetricRows, consolidate: Bool) -> ConcentrationResult {
        let (holdings, groups) = rows.holdings()
        return ConcentrationCalculator.compute(metric: metric, unit: unit, period: period, holdings: holdings, groups: groups,
                                               marketTotals: totals, published: published, consolidate: consolidate,
                                               kind: kind, defined: defined, fiscal: fiscal, totalMetricTotals: totalMetricTotals, before: before,
                                               topList: topList)
    }
}
