import GRDB

extension DatabaseReading {
    /// What the statistics the filter selects were before each revision (`entry_history`, issue
    /// 24 item 4): per replaced field the value before and after, when and by which run.
    public func statisticHistory(_ f: ListFilter = ListFilter()) throws -> ResultTable {
        try reader.read { db in
            var w = WhereClause()
            w.add("h.entry_table = 'statistics'")
            try Self.requireKnownNames(db, f)
            Self.sourcedTerms(f, alias: "st", into: &w)
            if let m = f.metric { w.add("st.metric = ?", [m]) }
            if let m = f.measure { w.add("st.measure = ?", [m.rawValue]) }
            if let name = f.company { w.add("st.company_id IN \(try Self.companyAndDescendants(db, name))") }
            let rows = try Row.fetchAll(db, sql: """
                SELECT st.metric, st.date, st.precision, c.name AS company, st.segment, s.name AS source, h.field,
                       h.old_value, h.new_value, i.at, i.command, h.ingest_id, st.id IN (SELECT statistic_id FROM upstream_drops) AS dropped
                FROM entry_history h
                JOIN statistics st ON st.id = h.entry_id
                JOIN sources s ON s.id = st.source_id
                LEFT JOIN companies c ON c.id = st.company_id
                JOIN ingests i ON i.id = h.ingest_id
                \(w.sql)
                ORDER BY h.id
                """, arguments: w.arguments)
            func cell(_ v: DatabaseValue) -> Cell {
                switch v.storage {
                case .null, .blob: return .null
                case .int64(let i): return .int(i)
                case .double(let d): return .double(d)
                case .string(let s): return .text(s)
                }
            }
            let columns = ["metric", "date", "company", "segment", "source", "field", "before", "after", "replaced_at", "command", "run",
                           "dropped_upstream"]
            return ResultTable(columns: columns, readable: ["metric", "date", "company", "segment", "field", "before", "after", "replaced_at"],
                               rows: rows.map { r in
                                   [.text(r["metric"]), Cell(r.storedDate()), Cell(r["company"] as String?), Cell(r["segment"] as String?),
                                    .text(r["source"]), .text(r["field"]), cell(r["old_value"]), cell(r["new_value"]), .text(r["at"]),
                                    .text(r["command"]), .int(r["ingest_id"]), .int(r["dropped"])]
                               })
        }
    }
}
