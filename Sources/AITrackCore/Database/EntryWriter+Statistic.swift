import GRDB

/// Statistic and exchange-rate entries.
extension EntryWriter {
    func statistic(_ e: StatisticEntry) throws -> Outcome {
        if e.measure == .value {
            let stored: String?
            if let u = metricUnits[e.metric] {
                stored = u
            } else {
                stored = try String.fetchOne(db.cachedStatement(sql: "SELECT unit FROM statistics WHERE metric = ? AND measure = 'value' LIMIT 1"), arguments: [e.metric])
                if let stored { metricUnits[e.metric] = stored }
            }
            if let stored, stored != e.unit {
                throw FieldProblem(field: "unit", problem: "'\(e.unit)' differs from the unit '\(stored)' stored for metric \(e.metric)",
                                   valid: "valid: \(stored) (a metric has one unit; give another unit a metric of its own)")
            }
            if stored == nil, !storedMetrics.contains(e.metric), let close = CloseNames.closest(to: e.metric, in: storedMetrics) {
                if strictNames {
                    throw FieldProblem(field: "metric", problem: "'\(e.metric)' is a new metric, close to the stored \(close)",
                                       valid: "valid: \(close)", remedy: .allowNewNames)
                }
                summary.lookAlikes.append((what: "metric", created: e.metric, suggestion: close))
                storedMetrics.append(e.metric)
            }
            metricUnits[e.metric] = e.unit
        }
        var companyName = ""
        var cid: Int64?
        if let c = e.company {
            let id = try companyID(c, field: "company")
            cid = id
            companyName = try canonicalCompanyName(id)
        }
        let identity = [e.metric, e.measure.rawValue, e.date.iso, companyName.lowercased(), e.segment?.lowercased() ?? "",
                        e.region?.lowercased() ?? "", e.source.name.lowercased(), e.source.url ?? ""].joined(separator: "|")
        var cols = Columns()
        cols.add("identity", identity)
        cols.add("metric", e.metric)
        cols.add("measure", e.measure.rawValue)
        cols.add("date", e.date.iso)
        cols.add("precision", e.date.precision.rawValue)
        cols.add("company_id", cid)
        cols.add("segment", e.segment)
        cols.add("region", e.region)
        cols.add("value", e.value)
        cols.add("low", given: e.low)
        cols.add("high", given: e.high)
        cols.add("unit", e.unit)
        cols.add("qualifier", given: e.qualifier?.rawValue, default: Qualifier.exact.rawValue)
        cols.add("forecast", e.forecast ? 1 : 0)
        cols.add("source_id", try sourceID(e.source))
        cols.add("cited_by_id", given: try citedByID(e.citedBy))
        cols.add("note", given: e.common.note)
        cols.add("verification", given: e.common.verification?.rawValue, default: Verification.unverified.rawValue)
        cols.add("entry_key", given: e.common.key)
        let who = companyName.isEmpty ? "market" : companyName
        let (_, outcome) = try upsert(table: "statistics", lookup: lookup(key: e.common.key, else: ("identity = ?", [identity])),
                                       columns: cols,
                                       describe: "statistic \(e.metric)\(e.measure == .value ? "" : " " + e.measure.rawValue) \(e.date) \(who)\(e.segment.map { " " + $0 } ?? "") (\(e.source.name))")
        return outcome
    }

    func fx(_ e: FXEntry) throws -> Outcome {
        var cols = Columns()
        cols.add("currency", e.currency)
        cols.add("date", e.date.iso)
        cols.add("usd", e.usd)
        cols.add("source_id", given: try e.source.map(sourceID))
        cols.add("note", given: e.common.note)
        cols.add("entry_key", given: e.common.key)
        let (_, outcome) = try upsert(table: "fx_rates",
                                       lookup: lookup(key: e.common.key, else: ("currency = ? AND date = ?", [e.currency, e.date.iso])),
                                       columns: cols, describe: "rate \(e.currency) \(e.date)")
        return outcome
    }
}
