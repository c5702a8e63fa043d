import Foundation
import GRDB

extension DatabaseReading {
    /// The metrics with company values (not forecasts) in the period, by name.
    public func metricsWithCompanyData(period: Period) throws -> [String] {
        try reader.read { db in
            // each metric once by seeks on the index (metric, measure, date), then whether it has
            // company values in the period: not a read of every statistic of the period
            try String.fetchAll(db, sql: """
                WITH RECURSIVE metrics(metric) AS (
                    SELECT min(metric) FROM statistics
                    UNION ALL SELECT (SELECT min(metric) FROM statistics WHERE metric > m.metric) FROM metrics m WHERE m.metric IS NOT NULL
                )
                SELECT metric FROM metrics m
                WHERE metric IS NOT NULL AND EXISTS (
                    SELECT 1 FROM statistics st
                    WHERE st.metric = m.metric AND st.measure = 'value' AND st.date BETWEEN ? AND ? AND st.company_id IS NOT NULL AND st.forecast = 0)
                ORDER BY metric
                """, arguments: [period.fromISO, period.toISO])
        }
    }

    /// The unit of a metric's values (`percent` when it has published figures only), or an
    /// error naming the metrics there are.
    static func unit(of metric: String, _ db: Database) throws -> String {
        guard let unit = try String.fetchOne(db, sql: "SELECT unit FROM statistics WHERE metric = ? AND measure = 'value' LIMIT 1", arguments: [metric])
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
        try reader.read { db in
            let unit = try Self.unit(of: metric, db)
            // companies and sources by id, each looked up once (not joined to every statistic)
            var holdings: [Holding] = []
            try RawRows.forEach(db, sql: """
                SELECT id, company_id, segment, date, value, verification, coalesce(ingest_id, 0) AS ingest_id, source_id
                FROM statistics
                WHERE metric = ? AND measure = 'value' AND date BETWEEN ? AND ? AND forecast = 0 AND company_id IS NOT NULL
                """, arguments: [metric, period.fromISO, period.toISO]) { r in
                // read with SQLite's C functions: through GRDB's rows this was 6,400 instructions a holding
                let id = r.int(0)
                let company = try names.company(r.int(1), db) ?? ("", "", false)
                let verification = r.text(5)
                holdings.append(Holding(statisticID: id, company: company.name, ultimateParent: company.parent, isAggregate: company.aggregate,
                                        segment: r.optionalText(2), date: r.text(3), value: r.double(4), verified: verification == "verified",
                                        doubtful: verification == "disputed" || verification == "contradicted",
                                        ingestOrder: r.int(6) << 32 | id, source: try names.source(r.int(7), db) ?? ""))
            }
            let totals = try Row.mapAll(db, sql: """
                SELECT st.date, st.precision, st.value, st.verification, coalesce(st.ingest_id, 0) AS ingest_id, st.id, s.name AS source
                FROM statistics st JOIN sources s ON s.id = st.source_id
                WHERE st.metric = ? AND st.measure = 'value' AND st.company_id IS NULL AND st.forecast = 0 AND st.date BETWEEN ? AND ?
                """, arguments: [metric, period.fromISO, period.toISO]) { r in
                MarketTotal(date: r["date"], precision: Precision(rawValue: r["precision"]) ?? .day, value: r["value"], verified: (r["verification"] as String) == "verified",
                            ingestOrder: (r["ingest_id"] as Int64) << 32 | (r["id"] as Int64), source: r["source"])
            }
            let published = try Row.mapAll(db, sql: """
                SELECT st.id, st.measure, st.date, st.precision, st.value, st.qualifier, st.verification, s.name AS source, cb.name AS cited_by
                FROM statistics st JOIN sources s ON s.id = st.source_id LEFT JOIN sources cb ON cb.id = st.cited_by_id
                WHERE st.metric = ? AND st.measure IN (\(Measure.published)) AND st.date BETWEEN ? AND ?
                ORDER BY st.date, st.measure, st.id
                """, arguments: [metric, period.fromISO, period.toISO]) { r in
                PublishedFigure(statisticID: r["id"], measure: Measure(rawValue: r["measure"])!,
                                date: EntryDate.stored(r["date"], precision: Precision(rawValue: r["precision"]) ?? .day)?.description ?? r["date"],
                                value: r["value"], qualifier: Qualifier(rawValue: r["qualifier"]) ?? .exact, source: r["source"],
                                citedBy: r["cited_by"], verification: Verification(rawValue: r["verification"]) ?? .unverified)
            }
            return ConcentrationCalculator.compute(metric: metric, unit: unit, period: period, holdings: holdings, marketTotals: totals,
                                                   published: published, consolidate: consolidate)
        }
    }

    /// Concentration for every metric with company data in the period (the report's section).
    /// Richer data first: by the number of ranked firms, then by metric.
    public func concentrationForAllMetrics(period: Period, consolidate: Bool = true) throws -> [ConcentrationResult] {
        try concentrationForAllMetrics(period: period, consolidate: consolidate, names: NameLookups())
    }

    func concentrationForAllMetrics(period: Period, consolidate: Bool, names: NameLookups) throws -> [ConcentrationResult] {
        try metricsWithCompanyData(period: period)
            .map { try concentration(metric: $0, period: period, consolidate: consolidate, names: names) }
            .sorted { ($1.firms.count, $0.metric) < ($0.firms.count, $1.metric) }
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
        let days = try reader.read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT date FROM statistics
                WHERE metric = ? AND date BETWEEN ? AND ? AND (measure <> 'value' OR forecast = 0)
                ORDER BY date
                """, arguments: [metric, period.fromISO, period.toISO])
        }
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
        try concentrationSeries(metric: metric, period: period, by: step, consolidate: consolidate, names: NameLookups())
    }

    func concentrationSeries(metric: String, period: Period, by step: PeriodStep?, consolidate: Bool, names: NameLookups) throws -> ConcentrationSeries {
        guard let step else {
            let r = try concentration(metric: metric, period: period, consolidate: consolidate, names: names)
            let empty = r.statisticIDs.isEmpty && r.published.isEmpty && r.total == nil
            return ConcentrationSeries(results: empty ? [] : [r], periodsWithoutData: empty ? 1 : 0)
        }
        _ = try reader.read { try Self.unit(of: metric, $0) }
        let withData = try periodsWithData(metric: metric, in: period, by: step)
        func quarterIndex(_ d: EntryDate) -> Int { d.year * 4 + (d.month - 1) / 3 }
        let lastMonth = EntryDate.stored(period.toISO, precision: .day) ?? period.to
        let all = step == .year ? (period.to.year - period.from.year + 1) : quarterIndex(lastMonth) - quarterIndex(period.from) + 1
        let results = try withData.map { try concentration(metric: metric, period: $0, consolidate: consolidate, names: names) }
        return ConcentrationSeries(results: results, periodsWithoutData: max(0, all - withData.count))
    }
}

/// Companies (name, ultimate parent, whether an aggregate) and sources by id, looked up once for
/// all the metrics and years of a report rather than once for each (a company's look-up goes
/// through the parents view: 30,000 instructions, 20,000 times in a report on a million rows).
final class NameLookups {
    private var companies: [Int64: (name: String, parent: String, aggregate: Bool)?] = [:]
    private var sources: [Int64: String?] = [:]

    func company(_ id: Int64, _ db: Database) throws -> (name: String, parent: String, aggregate: Bool)? {
        if let known = companies[id] { return known }
        let c = try Row.fetchOne(db.cachedStatement(sql: "SELECT company, kind, ultimate_parent FROM company_ultimate_parents WHERE company_id = ?"),
                                 arguments: [id])
        let found = c.map { (name: $0["company"] as String, parent: $0["ultimate_parent"] as String, aggregate: ($0["kind"] as String) == "aggregate") }
        companies[id] = found
        return found
    }

    func source(_ id: Int64, _ db: Database) throws -> String? {
        if let known = sources[id] { return known }
        let name = try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM sources WHERE id = ?"), arguments: [id])
        sources[id] = name
        return name
    }
}
