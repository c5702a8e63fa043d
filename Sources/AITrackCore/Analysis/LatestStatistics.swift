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
        var counts: [String: Int] { metrics.reduce(into: [:]) { $0[$1, default: 0] += 1 } }
    }

    /// Text compared and hashed by its bytes, as SQLite's GROUP BY and PARTITION BY compare it
    /// (Swift's `==` would join canonically equivalent spellings that SQLite keeps apart). ASCII
    /// text is kept as it is — Swift compares and hashes it by its bytes, quickly — and other
    /// text as the hex of its bytes, marked so that it equals no ASCII text.
    struct Bytes: Hashable {
        let text: String
        let hex: Bool
        init(text: String) {
            if text.utf8.allSatisfy({ $0 < 0x80 }) {
                self.text = text
                self.hex = false
            } else {
                self.text = text.utf8.map { String($0, radix: 16) }.joined(separator: ".")
                self.hex = true
            }
        }
    }

    struct Group: Hashable {
        /// Metrics are lower-case ASCII by the schema's check: compared as Strings, by their bytes.
        var metric: String, company: Int64?, segment: Bytes?, region: Bytes?, forecast: Bool
    }

    struct Key: Hashable {
        var group: Group, source: Int64
    }

    static func find(_ db: Database, _ period: Period) throws -> Found {
        let prev = period.previousYear
        var current: [Key: (date: String, id: Int64)] = [:]
        try RawRows.forEach(db, sql: """
            SELECT id, metric, company_id, segment, region, forecast, source_id, date
            FROM statistics WHERE measure = 'value' AND date BETWEEN ? AND ?
            """, arguments: [period.fromISO, period.toISO]) { r in
            let key = Key(group: group(r), source: r.int(6))
            let candidate = (date: r.text(7), id: r.int(0))
            // one look-up for a group seen before (most rows), two for a new one
            guard let slot = current.index(forKey: key) else { current[key] = candidate; return }
            let best = current.values[slot]
            if (best.date, best.id) < (candidate.date, candidate.id) { current.values[slot] = candidate }
        }
        var previous: [Group: (order: (String, Int64, Int64, Int64), value: Double)] = [:]
        try RawRows.forEach(db, sql: """
            SELECT id, metric, company_id, segment, region, forecast, verification = 'verified', coalesce(ingest_id, 0), date, value
            FROM statistics WHERE measure = 'value' AND date BETWEEN ? AND ?
            """, arguments: [prev.fromISO, prev.toISO]) { r in
            let key = group(r)
            let order = (r.text(8), r.int(6), r.int(7), r.int(0))
            guard let slot = previous.index(forKey: key) else { previous[key] = (order, r.double(9)); return }
            if previous.values[slot].order < order { previous.values[slot] = (order, r.double(9)) }
        }
        var found = Found(ids: [], metrics: [], dates: [], companies: [], before: [:])
        found.ids.reserveCapacity(current.count)
        for (key, best) in current {
            found.ids.append(best.id)
            found.metrics.append(key.group.metric)
            found.dates.append(best.date)
            found.companies.append(key.group.company)
            if let p = previous[key.group] { found.before[best.id] = p.value }
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
            // by date alone: the rows before the limit-th row's date are in; of those on its
            // date, the first by company name (ranked once per company, not per row)
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
            let need = min(limit, rows.count) - before   // at least 1: lastDate is the limit-th date
            var folded: [(id: Int64, name: [UInt8])] = []
            for id in Set(atLast.compactMap { found.companies[$0] }) { folded.append((id, noCase(try name(id) ?? ""))) }
            folded.sort { $0.name.lexicographicallyPrecedes($1.name) }
            var rank: [Int64: Int] = [:]
            for (k, f) in folded.enumerated() { rank[f.id] = k > 0 && folded[k - 1].name == f.name ? rank[folded[k - 1].id]! : k }
            // no company (the market) first, as SQL sorts NULL names
            let key = { (i: Int) in found.companies[i].flatMap { rank[$0] } ?? -1 }
            let last = atLast.map(key).sorted()[need - 1]
            for i in atLast where key(i) <= last { chosen.append(found.ids[i]) }
        }
        return chosen
    }

    /// SQLite's NOCASE: ASCII letters folded, every other byte as it is.
    static func noCase(_ s: String) -> [UInt8] {
        s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    }

    /// The group of a row whose first six columns are id, metric, company_id, segment, region, forecast.
    private static func group(_ r: RawRows.Columns) -> Group {
        Group(metric: r.text(1), company: r.optionalInt(2), segment: r.optionalText(3).map(Bytes.init), region: r.optionalText(4).map(Bytes.init),
              forecast: r.int(5) != 0)
    }
}
