import GRDB

/// The report's statistics section: the latest value in a period of each metric, company,
/// segment, region, source and forecast flag, and the value of the year before for the same
/// metric, company, segment, region and flag (the latest date; on one date verified first,
/// then the latest ingested, then the latest row). One read of each year's rows keeps the
/// latest per group in a dictionary: the window functions this replaced sorted every row of
/// both years (2.4 s for 320,000 rows a year; BENCHMARKS.md).
enum LatestStatistics {
    struct Found: Equatable {
        /// The latest statistic of each group, in no particular order.
        var ids: [Int64]
        /// Their metrics, dates and companies, in the same order.
        var metrics: [String], dates: [String], companies: [Int64?]
        /// Of those, the value of the year before where there is one.
        var before: [Int64: Double]
        /// How many groups each metric has.
        var counts: [String: Int]
    }

    /// Text compared and hashed by its bytes, as SQLite's GROUP BY and PARTITION BY compare it
    /// (Swift's `==` would join canonically equivalent spellings that SQLite keeps apart).
    struct Bytes: Hashable {
        let text: String
        static func == (a: Bytes, b: Bytes) -> Bool {
            var (x, y) = (a.text, b.text)
            return x.withUTF8 { p in y.withUTF8 { q in p.elementsEqual(q) } }
        }
        func hash(into h: inout Hasher) {
            var t = text
            t.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    struct Group: Hashable {
        var metric: Bytes, company: Int64?, segment: Bytes?, region: Bytes?, forecast: Bool
    }

    struct Key: Hashable {
        var group: Group, source: Int64
    }

    static func find(_ db: Database, _ period: Period) throws -> Found {
        let prev = period.previousYear
        var current: [Key: (date: String, id: Int64)] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, metric, company_id, segment, region, forecast, source_id, date
            FROM statistics WHERE measure = 'value' AND date BETWEEN ? AND ?
            """, arguments: [period.fromISO, period.toISO])
        while let r = try rows.next() {
            let key = Key(group: group(r), source: r[6])
            let candidate = (date: r[7] as String, id: r[0] as Int64)
            if let best = current[key], (best.date, best.id) >= (candidate.date, candidate.id) { continue }
            current[key] = candidate
        }
        var previous: [Group: (order: (String, Int64, Int64, Int64), value: Double)] = [:]
        let earlier = try Row.fetchCursor(db, sql: """
            SELECT id, metric, company_id, segment, region, forecast, verification = 'verified', coalesce(ingest_id, 0), date, value
            FROM statistics WHERE measure = 'value' AND date BETWEEN ? AND ?
            """, arguments: [prev.fromISO, prev.toISO])
        while let r = try earlier.next() {
            let key = group(r)
            let order = (r[8] as String, r[6] as Int64, r[7] as Int64, r[0] as Int64)
            if let best = previous[key], best.order >= order { continue }
            previous[key] = (order, r[9])
        }
        var found = Found(ids: [], metrics: [], dates: [], companies: [], before: [:], counts: [:])
        found.ids.reserveCapacity(current.count)
        for (key, best) in current {
            found.ids.append(best.id)
            found.metrics.append(key.group.metric.text)
            found.dates.append(best.date)
            found.companies.append(key.group.company)
            if let p = previous[key.group] { found.before[best.id] = p.value }
            found.counts[key.group.metric.text, default: 0] += 1
        }
        return found
    }

    /// The ids that can be among the first `limit` of their metric in the listing's order
    /// (metric, date, company name without case, segment, id): those whose date and company
    /// come on or before the `limit`-th row's. The listing's query then orders a few hundred rows,
    /// not every one. `name` gives a company's name.
    static func candidates(_ found: Found, limit: Int, name: (Int64) throws -> String?) rethrows -> [Int64] {
        guard limit > 0 else { return [] }
        var rowsByMetric: [String: [Int]] = [:]
        for (i, m) in found.metrics.enumerated() { rowsByMetric[m, default: []].append(i) }
        var chosen: [Int64] = []
        for rows in rowsByMetric.values {
            // first by date alone (no names needed), then by date and name among those left
            let dates = rows.map { found.dates[$0] }.sorted()
            let lastDate = dates[min(limit, dates.count) - 1]
            let early = rows.filter { found.dates[$0] <= lastDate }
            var keys: [(date: String, name: [UInt8]?)] = []
            for i in early { keys.append((found.dates[i], try found.companies[i].flatMap(name).map(noCase))) }
            let last = keys.sorted(by: precedes)[min(limit, keys.count) - 1]
            for (k, i) in early.enumerated() where !precedes(last, keys[k]) { chosen.append(found.ids[i]) }
        }
        return chosen
    }

    /// SQLite's NOCASE: ASCII letters folded, every other byte as it is.
    static func noCase(_ s: String) -> [UInt8] {
        s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    }

    /// Ascending by date, then name with no name (the market) first.
    static func precedes(_ a: (date: String, name: [UInt8]?), _ b: (date: String, name: [UInt8]?)) -> Bool {
        if a.date != b.date { return a.date < b.date }
        switch (a.name, b.name) {
        case (nil, nil), (_?, nil): return false
        case (nil, _?): return true
        case let (x?, y?): return x.lexicographicallyPrecedes(y)
        }
    }

    /// The group of a row whose first six columns are id, metric, company_id, segment, region, forecast.
    private static func group(_ r: Row) -> Group {
        Group(metric: Bytes(text: r[1]), company: r[2], segment: (r[3] as String?).map(Bytes.init), region: (r[4] as String?).map(Bytes.init),
              forecast: (r[5] as Int64) != 0)
    }
}
