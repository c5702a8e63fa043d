import GRDB

/// Metric definitions (issue 21, item 1).
extension EntryWriter {
    func metric(_ e: MetricEntry) throws -> Outcome {
        // a definition in another unit than the metric's statistics would describe other values
        if let stored = try StoredUnit.of(e.name, in: db), stored != e.unit {
            throw FieldProblem(field: "unit", problem: "'\(e.unit)' is not the unit of \(e.name)'s statistics (\(stored))",
                               valid: "valid: \(stored)")
        }
        var cols = Columns()
        cols.add("name", e.name)
        cols.add("unit", e.unit)
        cols.add("kind", e.kind.rawValue)
        cols.add("market", given: e.market)
        cols.add("period", given: e.period?.rawValue)
        cols.add("total_metric", given: e.totalMetric)
        cols.add("basis", given: e.basis?.rawValue, default: MetricBasis.calendar.rawValue)
        cols.add("fiscal_start", given: e.fiscalStart.map(Int64.init))
        cols.add("top_list", Int64(e.topList ? 1 : 0))
        cols.add("source_id", given: try e.source.map(sourceID))
        cols.add("note", given: e.common.note)
        cols.add("verification", given: e.common.verification?.rawValue, default: Verification.unverified.rawValue)
        cols.add("entry_key", given: e.common.key)
        let (_, outcome) = try upsert(table: "metrics", lookup: lookup(key: e.common.key, else: ("name = ?", [e.name])),
                                      columns: cols, describe: "metric \(e.name)")
        return outcome
    }

    /// The metrics this run gave values of that have no definition (a notice names them).
    func undefinedMetrics() throws -> [String] {
        try metricUnits.keys.sorted().filter {
            try !Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM metrics WHERE name = ?)"), arguments: [$0])!
        }
    }
}
