import GRDB

/// The report's statistics section: the latest value in a period of each metric, company,
/// segment, region, source and forecast flag, and the value of the year before for the same
/// metric, company, segment, region and flag, like for like (issue 21): of the same day a year
/// earlier at the same precision (a quarter with the same quarter, a year with the year, a
/// stock's day with the same day), from the same source (by name) where there is one; among
/// several, the one of highest `Precedence`. One read of each metric's rows in each year (shared
/// with the concentration: MetricRows) keeps the latest per group in a dictionary, instead of
/// window functions that sort every row of both years (BENCHMARKS.md).
enum LatestStatistics {
    struct Found: Equatable {
        /// The latest statistic of each group, in no particular order.
        var ids: [Int64]
        /// Their metrics, dates and companies, in the same order.
        var metrics: [String], dates: [Day], companies: [Int64?]
        /// Of those, the value of the year before where there is one.
        var before: [Int64: Double]
        /// Of those, the source of the value of the year before where it is another source.
        var beforeSource: [Int64: Int64] = [:]
        /// How many groups each metric has.
        var counts: [String: Int] { metrics.reduce(into: [:]) { $0[$1, default: 0] += 1 } }
    }

    /// A metric's group: company, segment and region (numbered by their bytes, as SQLite's
    /// GROUP BY compares text; -1 for none) and the forecast flag; with the source for the
    /// latest of each source.
    struct Key: Hashable {
        var company: Int64?, segment: Int32, region: Int32, forecast: Bool, source: Int64

        init(_ r: MetricRows.ValueRow, source: Bool) {
            (company, segment, region, forecast, self.source) = (r.company, r.segment, r.region, r.forecast, source ? r.source : 0)
        }

        // one mixed word hashed, not five fields: equal keys still compare every field
        func hash(into hasher: inout Hasher) { hasher.combine(mixed) }

        var mixed: UInt64 {
            let parts = UInt64(UInt32(bitPattern: segment)) << 32 | UInt64(UInt32(bitPattern: region))
            return UInt64(bitPattern: company ?? -1) &* 0x9E37_79B9_7F4A_7C15 ^ parts &* 0xC2B2_AE3D_27D4_EB4F
                ^ UInt64(bitPattern: source) &* 0x1656_67B1_9E37_79F9 ^ (forecast ? 1 : 0)
        }
    }

    /// Gathers the latest rows metric by metric: each row of the period, then each of the year
    /// before, then `finish`.
    struct Collector {
        private var current: [Key: (date: Day, id: Int64, precision: UInt8, sourceKey: Int32)] = [:]
        /// The year before's best row per group, day, precision and source (by name: the same
        /// report read on two mirrors is one source), and per group, day and precision of any source.
        private var bySource: [Previous: Candidate] = [:], anySource: [Previous: Candidate] = [:]
        private(set) var found = Found(ids: [], metrics: [], dates: [], companies: [], before: [:])

        struct Candidate {
            var source: Int64, sourceKey: Int32, order: Precedence, value: Double
        }

        /// A group (without its source), a day, a precision, and a source's name or -1 for any.
        struct Previous: Hashable {
            var group: Key, date: Day, precision: UInt8, sourceKey: Int32
            func hash(into hasher: inout Hasher) {
                hasher.combine(group.mixed ^ date.mixed &* 0xD6E8_FEB8_6659_FD93 ^ UInt64(precision) << 56
                               ^ UInt64(UInt32(bitPattern: sourceKey)) << 20)
            }
        }

        mutating func current(_ r: MetricRows.ValueRow) {
            let key = Key(r, source: true)
            // one look-up for a group seen before (most rows), two for a new one
            guard let slot = current.index(forKey: key) else { current[key] = (r.date, r.id, r.precision, r.sourceKey); return }
            let best = current.values[slot]
            if (best.date, best.id) < (r.date, r.id) { current.values[slot] = (r.date, r.id, r.precision, r.sourceKey) }
        }

        mutating func previous(_ r: MetricRows.ValueRow) {
            // on one day and precision: the one of highest precedence
            let order = Precedence(verified: r.verified, ingest: r.ingest, id: r.id)
            let candidate = Candidate(source: r.source, sourceKey: r.sourceKey, order: order, value: r.value)
            var key = Previous(group: Key(r, source: false), date: r.date, precision: r.precision, sourceKey: r.sourceKey)
            Self.keep(candidate, at: key, in: &bySource)
            key.sourceKey = -1
            Self.keep(candidate, at: key, in: &anySource)
        }

        private static func keep(_ c: Candidate, at key: Previous, in d: inout [Previous: Candidate]) {
            guard let slot = d.index(forKey: key) else { d[key] = c; return }
            if d.values[slot].order < c.order { d.values[slot] = c }
        }

        mutating func finish(metric: String) {
            for (key, best) in current {
                found.ids.append(best.id)
                found.metrics.append(metric)
                found.dates.append(best.date)
                found.companies.append(key.company)
                var group = key
                group.source = 0
                guard let day = best.date.yearEarlier else { continue }
                var at = Previous(group: group, date: day, precision: best.precision, sourceKey: best.sourceKey)
                // the same source's value, else the best of the others (named as another source)
                if let same = bySource[at] {
                    found.before[best.id] = same.value
                    continue
                }
                at.sourceKey = -1
                guard let other = anySource[at] else { continue }
                found.before[best.id] = other.value
                found.beforeSource[best.id] = other.source
            }
            current.removeAll(keepingCapacity: true)
            bySource.removeAll(keepingCapacity: true)
            anySource.removeAll(keepingCapacity: true)
        }
    }

    /// Every metric there is, by seeks on the index (metric, measure, date): not a read of every row.
    static func metrics(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: everyMetric)
    }

    /// A query of every metric once, in order: one seek each on the index (metric, measure,
    /// date), not a read of every statistic.
    static let everyMetric = """
        WITH RECURSIVE metrics(metric) AS (
            SELECT min(metric) FROM statistics
            UNION ALL SELECT (SELECT min(metric) FROM statistics WHERE metric > m.metric) FROM metrics m WHERE m.metric IS NOT NULL
        )
        SELECT metric FROM metrics WHERE metric IS NOT NULL
        """

    /// The ids that can be among the first `limit` of their metric in the listing's order
    /// (`StatisticRow.listingOrder`; here of one measure): those whose date and company
    /// come on or before the `limit`-th row's. The listing's query then orders a few hundred rows,
    /// not every one. `name` gives a company's name.
    static func candidates(_ found: Found, limit: Int, name: (Int64) throws -> String?) rethrows -> [Int64] {
        guard limit > 0 else { return [] }
        var rowsByMetric: [String: [Int]] = [:]
        for (i, m) in found.metrics.enumerated() { rowsByMetric[m, default: []].append(i) }
        var chosen: [Int64] = []
        // by date alone: the rows before the limit-th row's date are in; of those on its date,
        // the first by company name
        var ties: [(rows: [Int], need: Int)] = []
        for rows in rowsByMetric.values {
            let lastDate = rows.map { found.dates[$0] }.sorted()[min(limit, rows.count) - 1]
            var atLast: [Int] = [], before = 0
            for i in rows {
                if found.dates[i] < lastDate {
                    chosen.append(found.ids[i])
                    before += 1
                } else if found.dates[i] == lastDate {
                    atLast.append(i)
                }
            }
            ties.append((atLast, min(limit, rows.count) - before))   // need ≥ 1: lastDate is the limit-th date
        }
        // every company on a tied date ranked once by name, for all the metrics (not per metric, not per row)
        var companies = Set<Int64>()
        for t in ties { for i in t.rows { if let c = found.companies[i] { companies.insert(c) } } }
        var folded: [(id: Int64, name: [UInt8])] = []
        for id in companies { folded.append((id, noCase(try name(id) ?? ""))) }
        folded.sort { $0.name.lexicographicallyPrecedes($1.name) }
        var rank: [Int64: Int] = [:]
        for (k, f) in folded.enumerated() { rank[f.id] = k > 0 && folded[k - 1].name == f.name ? rank[folded[k - 1].id]! : k }
        for (atLast, need) in ties {
            // no company (the market) first, as SQL sorts NULL names
            let keys = atLast.map { found.companies[$0].flatMap { rank[$0] } ?? -1 }
            let last = keys.sorted()[need - 1]
            for (k, i) in atLast.enumerated() where keys[k] <= last { chosen.append(found.ids[i]) }
        }
        return chosen
    }

    /// SQLite's NOCASE: ASCII letters folded, every other byte as it is.
    static func noCase(_ s: String) -> [UInt8] {
        s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    }
}
