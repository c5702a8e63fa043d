import GRDB

/// `aitrack remove`: what names an entry, and the removal with its tombstone.
extension EntryEditor {
    /// Up to five descriptions of rows and the count: "3 deals (deal 12, deal 40, deal 41)".
    func named(_ what: String, _ ids: [Int64], _ type: EditableType) throws -> String? {
        guard !ids.isEmpty else { return nil }
        let shown = try ids.prefix(5).map { describe(type, $0, try record(type, $0)) }
        return "\(ids.count) \(what)\(ids.count == 1 ? "" : "s") (\(shown.joined(separator: "; "))\(ids.count > 5 ? "; …" : ""))"
    }

    func ids(_ sql: String, _ id: Int64) throws -> [Int64] { try Int64.fetchAll(db, sql: sql, arguments: [id]) }

    func remove(_ type: EditableType, id: String, cascade: Bool, ingestID: Int64) throws -> EntryChange {
        let rowID = try rowID(type, id)
        let rec = try record(type, rowID)
        var change = EntryChange(type: type, rowID: rowID, describe: describe(type, rowID, rec),
                                 fields: rec.map { ($0.0, plainText($0.1), "") })
        var hard: [String] = [], soft: [String] = []
        var members: [Int64] = [], partyDeals: [Int64] = []
        switch type {
        case .company:
            hard += [try named("statistic", ids("SELECT id FROM statistics WHERE company_id = ? ORDER BY id", rowID), .statistic),
                     try named("subsidiary", ids("SELECT id FROM companies WHERE parent_id = ? ORDER BY name", rowID), .company)].compactMap { $0 }
            partyDeals = try ids("SELECT DISTINCT deal_id FROM deal_parties WHERE company_id = ? ORDER BY deal_id", rowID)
            members = try ids("SELECT id FROM alliance_members WHERE company_id = ? ORDER BY id", rowID)
            // a deal whose only parties are this company would be left with none
            let alone = try ids("""
                SELECT deal_id FROM deal_parties GROUP BY deal_id HAVING count(DISTINCT company_id) = 1 AND max(company_id) = ? ORDER BY deal_id
                """, rowID)
            hard += [try named("deal with no other party", alone, .deal)].compactMap { $0 }
            soft += [try named("deal", partyDeals, .deal), try named("membership", members, .membership)].compactMap { $0 }
        case .alliance:
            members = try ids("SELECT id FROM alliance_members WHERE alliance_id = ? ORDER BY id", rowID)
            soft += [try named("membership", members, .membership)].compactMap { $0 }
        case .source:
            for (what, t, table) in [("deal", EditableType.deal, "deals"), ("statistic", .statistic, "statistics"),
                                     ("alliance", .alliance, "alliances"), ("membership", .membership, "alliance_members")] {
                let refs = try ids("SELECT id FROM \(table) WHERE source_id = ?1 OR cited_by_id = ?1 ORDER BY id", rowID)
                if let n = try named(what, refs, t) { hard.append(n) }
            }
            let other = try Int.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM deal_relations WHERE source_id = ?1) + (SELECT count(*) FROM fx_rates WHERE source_id = ?1)
                     + (SELECT count(*) FROM metrics WHERE source_id = ?1)
                """, arguments: [rowID]) ?? 0
            if other > 0 { hard.append("\(other) deal relation, exchange rate or metric definition\(other == 1 ? "" : "s")") }
        case .deal, .statistic, .membership:
            break
        }
        if !hard.isEmpty || (!soft.isEmpty && !cascade) {
            throw EditProblem.referenced(type: type, id: rowID, name: change.describe, by: hard.isEmpty ? soft : hard, cascadable: hard.isEmpty)
        }
        for m in members {
            let mrec = try record(.membership, m)
            try tombstone(.membership, m, identity: try identity(.membership, m), key: key(mrec), record: mrec, reason: "removed", ingestID: ingestID)
            try history(.membership, m, mrec, ingestID: ingestID)
            change.cascaded.append(describe(.membership, m, mrec))
            try db.execute(sql: "DELETE FROM alliance_members WHERE id = ?", arguments: [m])
        }
        if type == .company, !partyDeals.isEmpty {
            change.cascaded += try partyDeals.map { "the party of \(describe(.deal, $0, try record(.deal, $0)))" }
            try db.execute(sql: "DELETE FROM deal_parties WHERE company_id = ?", arguments: [rowID])
        }
        try tombstone(type, rowID, identity: try identity(type, rowID), key: key(rec), record: rec, reason: "removed", ingestID: ingestID)
        try history(type, rowID, rec, ingestID: ingestID)
        try db.execute(sql: "DELETE FROM \(type.table) WHERE id = ?", arguments: [rowID])
        return change
    }

    func key(_ rec: [(String, JSONValue)]) -> String? { rec.first { $0.0 == "id" }.map { plainText($0.1) } }

    /// The removed entry in `entry_history`: field `entry`, its record before, nothing after.
    func history(_ type: EditableType, _ rowID: Int64, _ rec: [(String, JSONValue)], ingestID: Int64) throws {
        let previous = try Int64.fetchOne(db, sql: "SELECT ingest_id FROM \(type.table) WHERE id = ?", arguments: [rowID])
        try db.execute(sql: """
            INSERT INTO entry_history (entry_table, entry_id, field, old_value, new_value, old_ingest_id, ingest_id)
            VALUES (?, ?, 'entry', ?, NULL, ?, ?)
            """, arguments: [type.table, rowID, JSONWriter.string(.object(rec)), previous, ingestID])
    }
}
