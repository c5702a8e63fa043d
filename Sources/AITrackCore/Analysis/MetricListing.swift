import GRDB

extension DatabaseReading {
    /// The metric definitions (issue 21, item 1), by name; and each metric with statistics but
    /// no definition, as kind other with `defined` false. Each with its latest period (of the
    /// statistics that are no forecast) and, as of `asOf`, how many quarters have ended since.
    public func metrics(_ f: ListFilter = ListFilter(), asOf: String? = nil) throws -> ResultTable {
        try reader.read { db in
            var latest: [String: EntryDate] = [:]
            // per metric the row whose period ends last (SQLite's bare columns of max()); the
            // statistics upstream withdrew are out, as they are out of every figure
            for r in try Row.fetchAll(db, sql: """
                SELECT metric, date, precision, max(date(date, CASE precision WHEN 'year' THEN '+1 year' WHEN 'quarter' THEN '+3 months'
                                                      WHEN 'month' THEN '+1 month' ELSE '+1 day' END, '-1 day')) AS period_end
                FROM statistics WHERE forecast = 0 AND id NOT IN (SELECT statistic_id FROM upstream_drops) GROUP BY metric
                """) {
                guard let text = r.storedDate(), let d = try? EntryDate.parse(text) else { continue }
                latest[r["metric"]] = d
            }
            var w = WhereClause()
            if let v = f.verification { w.add("verification = ?", [v.rawValue]) }
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM (
                    SELECT m.name, m.unit, m.kind, m.market, m.period, m.total_metric, m.basis, m.fiscal_start, m.top_list,
                           s.name AS source, s.url AS source_url, 1 AS defined, m.verification, m.note, m.entry_key
                    FROM metrics m LEFT JOIN sources s ON s.id = m.source_id
                    UNION ALL
                    SELECT u.metric, (SELECT unit FROM statistics WHERE metric = u.metric LIMIT 1), 'other', NULL, NULL, NULL, 'calendar', NULL, 0,
                           NULL, NULL, 0, 'unverified', NULL, NULL
                    FROM (\(LatestStatistics.everyMetric)) u WHERE u.metric NOT IN (SELECT name FROM metrics)
                ) \(w.sql)
                ORDER BY name
                """, arguments: w.arguments)
            return ResultTable(columns: ["metric", "unit", "kind", "market", "period", "total_metric", "basis", "fiscal_start", "top_list",
                                         "source", "source_url", "defined", "verification", "note", "id", "latest", "latest_end", "quarters_behind"],
                               readable: ["metric", "unit", "kind", "period", "latest", "quarters_behind", "basis", "market", "defined"],
                               rows: rows.map { r in
                                   [Cell(r["name"] as String?), Cell(r["unit"] as String?), Cell(r["kind"] as String?), Cell(r["market"] as String?),
                                    Cell(r["period"] as String?), Cell(r["total_metric"] as String?), Cell(r["basis"] as String?),
                                    (r["fiscal_start"] as Int64?).map(Cell.int) ?? .null, .json(.bool((r["top_list"] as Int64) == 1)),
                                    Cell(r["source"] as String?), Cell(r["source_url"] as String?),
                                    .json(.bool((r["defined"] as Int64) == 1)), Cell(r["verification"] as String?), Cell(r["note"] as String?),
                                    Cell(r["entry_key"] as String?)] + freshness(latest[r["name"] as String], asOf: asOf)
                               })
        }
    }

    /// latest, latest_end, quarters_behind
    private func freshness(_ d: EntryDate?, asOf: String?) -> [Cell] {
        guard let d else { return [.null, .null, .null] }
        let behind = asOf.flatMap { Freshness.quartersBehind(latestEnd: d.endISO, asOf: $0) }
        return [.text(d.description), .text(d.endISO), behind.map { Cell.int(Int64($0)) } ?? .null]
    }

    /// Every metric's definition, by name (the metrics without one are not in it).
    public func metricDefinitions() throws -> [String: MetricEntry] {
        try reader.read { db in
            var out: [String: MetricEntry] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT * FROM metrics") {
                let name: String = r["name"]
                out[name] = MetricEntry(name: name, unit: r["unit"], kind: MetricKind(rawValue: r["kind"]) ?? .other, market: r["market"],
                                        period: (r["period"] as String?).flatMap(Precision.init(rawValue:)), totalMetric: r["total_metric"],
                                        basis: MetricBasis(rawValue: r["basis"]), fiscalStart: (r["fiscal_start"] as Int64?).map(Int.init),
                                        topList: (r["top_list"] as Int64) == 1)
            }
            return out
        }
    }
}
