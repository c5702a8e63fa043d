import GRDB
import GRDBSQLite

/// A metric's values in one period, read once for everything the report needs of them: the
/// holdings of its concentration, and every row for the latest statistics, names and segments
/// numbered once rather than hashed on every row. What
/// needs the database (names, numbers of texts) is done in `read`; the rest is pure, so that it
/// can run on another thread than the reading. Rows hold numbers only (names by their place in
/// NameLookups' tables, a copy of which goes with them): copied and freed without reference
/// counting.
struct MetricRows: Sendable {
    /// One value statistic as read: segment and region numbered by their bytes (-1 for none).
    struct ValueRow: Sendable {
        var id: Int64, company: Int64?, segment: Int32, region: Int32, forecast: Bool, source: Int64
        var date: Day, value: Double, verified: Bool, doubtful: Bool, ingest: Int64
        /// For a holding (a company's value, not a forecast): the company's place in the tables
        /// (-1 when no company has its id) and the source's.
        var companyPlace: Int32 = -1, sourcePlace: Int32 = -1
        /// The number of the source's lowercased name (NameLookups.Tables.sourceKeys).
        var sourceKey: Int32 = -1
        /// The date's precision: 0 day, 1 month, 2 quarter, 3 year (a year and its first quarter,
        /// month and day are stored on the same day).
        var precision: UInt8 = 0
        /// Its bounds (NaN for none) and qualifier (its place in `Qualifier.allCases`).
        var low = Double.nan, high = Double.nan, qualifier: UInt8 = 0
        var isHolding: Bool { company != nil && !forecast }
    }

    var rows: [ValueRow] = []
    /// Whether any row is a holding (a company's value that is not a forecast).
    var hasHoldings = false
    /// The names the rows refer to (as they were when the last row was read).
    var tables = NameLookups.Tables()
    /// The number of the lowercased "" (a missing company's key, and no segment's).
    var emptyKey = 0

    static func read(_ db: Database, metric: String, period: Period, names: NameLookups, bounds: Bool = true) throws -> MetricRows {
        try read(db, metric: metric, from: period.fromISO, to: period.toISO, names: names, bounds: bounds)
    }

    /// The rows dated from `from` to `to` (ISO days). `bounds`: read each value's low, high and
    /// qualifier too (what the Monte Carlo intervals draw from); a metric that makes no market by
    /// its definition gets no intervals, and the report reads its rows without them.
    static func read(_ db: Database, metric: String, from: String, to: String, names: NameLookups, bounds: Bool = true) throws -> MetricRows {
        var out = MetricRows()
        out.emptyKey = names.lowercasedNumber("")
        // a file written around the schema's checks stops the report at the row, never gives a
        // figure: every value one that the metric's unit allows
        let unit = try StoredUnit.of(metric, in: db) ?? ""
        let rule = ValueRule(unit: unit)
        let extra = bounds ? ", low, high, qualifier" : ""
        // the statistics upstream dropped are left out (migration 0013), looked up in a set read
        // once, mostly empty: `NOT IN (SELECT …)` in the query probed an index for every row,
        // 20 % of the dense report's time (BENCHMARKS.md)
        let dropped = Set(try Int64.fetchAll(db, sql: "SELECT statistic_id FROM upstream_drops"))
        try RawRows.forEach(db, sql: """
            SELECT id, company_id, segment, region, forecast, source_id, date, value, verification, ingest_id, precision\(extra)
            FROM statistics WHERE metric = ? AND measure = 'value' AND date BETWEEN ? AND ?
            """, arguments: [metric, from, to]) { r in
            let id = r.int(0), value = r.double(7)
            if !dropped.isEmpty && dropped.contains(id) { return }
            try ValueRule.check(value, id: id, rule: rule)
            var row = ValueRow(id: id, company: r.optionalInt(1), segment: r.isNull(2) ? -1 : names.textNumber(r.bytes(2)),
                          region: r.isNull(3) ? -1 : names.textNumber(r.bytes(3)), forecast: r.int(4) != 0, source: r.int(5),
                          date: try Day(r.bytes(6), statistic: id), value: value, verified: false, doubtful: false,
                          ingest: r.int(9))   // NULL reads as 0
            let verification = r.bytes(8)
            row.verified = RawRows.equal(verification, "verified")
            row.doubtful = RawRows.equal(verification, "disputed") || RawRows.equal(verification, "contradicted")
            // year, quarter, month or day by the schema's check: the first byte tells them apart
            let precision = r.bytes(10)
            switch precision.first {
            case UInt8(ascii: "y"): row.precision = 3
            case UInt8(ascii: "q"): row.precision = 2
            case UInt8(ascii: "m"): row.precision = 1
            default: row.precision = 0
            }
            if bounds {
                if !r.isNull(11) { row.low = r.double(11) }
                if !r.isNull(12) { row.high = r.double(12) }
                row.qualifier = Self.qualifier(r.bytes(13))
            }
            row.sourcePlace = try names.sourcePlace(row.source, db)
            row.sourceKey = Int32(truncatingIfNeeded: names.tables.sourceKeys[Int(row.sourcePlace)])
            if let company = row.company, !row.forecast {
                out.hasHoldings = true
                row.companyPlace = try names.companyPlace(company, db) ?? -1
            }
            out.rows.append(row)
        }
        out.tables = names.tables
        return out
    }

    /// A qualifier's place in `Qualifier.allCases` by its bytes (exact for any other).
    static func qualifier(_ b: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let q: Qualifier
        if RawRows.equal(b, "at_least") { q = .atLeast }
        else if RawRows.equal(b, "at_most") { q = .atMost }
        else if RawRows.equal(b, "approx") { q = .approx }
        else if RawRows.equal(b, "estimate") { q = .estimate }
        else { q = .exact }
        return UInt8(Qualifier.allCases.firstIndex(of: q)!)
    }

    /// `ValueRow.precision` as a Precision.
    static let precisions: [Precision] = [.day, .month, .quarter, .year]

    /// The holdings (DESIGN §5 step 1), and each one's company and segment, lowercased,
    /// numbered from 0 (ConcentrationCalculator's groups).
    func holdings() -> (holdings: [Holding], groups: [Int]) {
        var holdings: [Holding] = [], groups: [Int] = []
        var numbers: [Int: Int] = [:]
        for row in rows where row.isHolding {
            let company = row.companyPlace < 0 ? nil : tables.companies[Int(row.companyPlace)]
            let segmentKey = row.segment < 0 ? emptyKey : tables.textKeys[Int(row.segment)]
            let pair = (company?.key ?? emptyKey) << 32 | segmentKey
            if let known = numbers[pair] { groups.append(known) } else { groups.append(numbers.count); numbers[pair] = numbers.count }
            holdings.append(Holding(statisticID: row.id, company: company?.name ?? "", ultimateParent: company?.parent ?? "",
                                    isAggregate: company?.aggregate ?? false, segment: row.segment < 0 ? nil : tables.texts[Int(row.segment)],
                                    date: row.date.text, precision: Self.precisions[Int(row.precision)], value: row.value,
                                    verified: row.verified, doubtful: row.doubtful,
                                    ingestOrder: Precedence.order(ingest: row.ingest, id: row.id), source: tables.sources[Int(row.sourcePlace)],
                                    low: row.low.isNaN ? nil : row.low, high: row.high.isNaN ? nil : row.high,
                                    qualifier: Qualifier.allCases[Int(row.qualifier)]))
        }
        return (holdings, groups)
    }
}
