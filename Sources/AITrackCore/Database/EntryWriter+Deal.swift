import GRDB

/// Deal entries: a deal is its date, kind and parties.
extension EntryWriter {

    static func defaultTitle(kind: DealKind, parties: [String]) -> String {
        "\(kind.rawValue.replacingOccurrences(of: "_", with: " ")): \(parties.joined(separator: " – "))"
    }

    func deal(_ e: DealEntry) throws -> Outcome {
        var partyRows: [(Int64, String)] = []
        var partyNames: [String] = []
        for p in e.parties {
            let id = try companyID(p.company, field: "parties")
            if partyRows.contains(where: { $0.0 == id && $0.1 == p.role.rawValue }) {
                throw FieldProblem(field: "parties", problem: "'\(p.company):\(p.role.rawValue)' is named twice",
                                   valid: "valid: each party once per role")
            }
            partyRows.append((id, p.role.rawValue))
            partyNames.append(try canonicalCompanyName(id))
        }
        let identity = [e.date.iso, e.kind.rawValue, Set(partyNames.map { $0.lowercased() }).sorted().joined(separator: ";"),
                        e.source.name.lowercased(), e.source.url ?? ""].joined(separator: "|")
        if try removedEarlier("deals", identity: identity, key: e.common.key) { return .removedEarlier }
        // Another report of a stored deal (same date, kind and parties, another source or URL) is
        // that deal: unchanged, or a conflict naming it, never a second copy.
        if e.common.key == nil,
           try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM deals WHERE identity = ?"), arguments: [identity]) == nil,
           let stored = try sameDeal(e, parties: Set(partyRows.map(\.0))) {
            return try anotherReport(e, of: stored, identity: identity, partyRows: partyRows, partyNames: partyNames)
        }
        let related = try relations(of: e)
        let sid = try sourceID(e.source)
        var cols = Columns()
        cols.add("identity", identity)
        cols.add("date", e.date.iso)
        cols.add("precision", e.date.precision.rawValue)
        // the default title does not depend on the order parties were given in
        let roleOrder = Dictionary(uniqueKeysWithValues: PartyRole.allCases.enumerated().map { ($1, $0) })
        let titled = zip(e.parties, partyNames).sorted { (roleOrder[$0.0.role]!, $0.1.lowercased()) < (roleOrder[$1.0.role]!, $1.1.lowercased()) }
        cols.add("title", given: e.title, default: Self.defaultTitle(kind: e.kind, parties: titled.map(\.1)))
        cols.add("kind", e.kind.rawValue)
        cols.add("value", e.value)
        cols.add("currency", e.currency)
        cols.add("qualifier", given: e.qualifier?.rawValue, default: Qualifier.exact.rawValue)
        cols.add("term_months", given: e.termMonths.map { Int64($0) })
        cols.add("status", given: e.status?.rawValue, default: DealStatus.reported.rawValue)
        cols.add("source_id", sid)
        cols.add("cited_by_id", given: try citedByID(e.citedBy))
        cols.add("note", given: e.common.note)
        cols.add("verification", given: e.common.verification?.rawValue, default: Verification.unverified.rawValue)
        cols.add("entry_key", given: e.common.key)
        let describe = "deal \(e.date) \(e.kind.rawValue) \(partyNames.joined(separator: "+")) (\(e.source.name))"
        var (id, outcome) = try upsert(table: "deals", lookup: lookup(key: e.common.key, else: ("identity = ?", [identity])),
                                       columns: cols, describe: describe)
        outcome = try relate(id, related, outcome: outcome, describe: describe)
        // parties
        let stored = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT company_id, role FROM deal_parties WHERE deal_id = ? ORDER BY company_id, role
            """), arguments: [id])
            .map { ($0["company_id"] as Int64, $0["role"] as String) }
        let wanted = partyRows.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        let same = stored.count == wanted.count && zip(stored, wanted).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        if !same {
            if outcome == .added || outcome == .replaced || (outcome == .unchanged && policy == .replace) {
                try db.cachedStatement(sql: "DELETE FROM deal_parties WHERE deal_id = ?").execute(arguments: [id])
                for (cid, role) in partyRows {
                    try db.cachedStatement(sql: "INSERT INTO deal_parties (deal_id, company_id, role) VALUES (?, ?, ?)")
                        .execute(arguments: [id, cid, role])
                }
                if outcome == .unchanged { outcome = .replaced }
            } else if outcome == .unchanged {
                if policy == .fail {
                    throw FieldProblem(field: "parties", problem: "\(describe) is stored with other parties",
                                       valid: "valid: the stored parties", remedy: .replaceOrIgnore)
                }
                outcome = .ignored
            }
        }
        return outcome
    }

    /// The stored deal with the entry's date (and precision), kind and set of party companies.
    func sameDeal(_ e: DealEntry, parties: Set<Int64>) throws -> Int64? {
        let candidates = try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM deals WHERE date = ? AND precision = ? AND kind = ? ORDER BY id"),
                                            arguments: [e.date.iso, e.date.precision.rawValue, e.kind.rawValue])
        for id in candidates {
            let stored = try Int64.fetchSet(db.cachedStatement(sql: "SELECT company_id FROM deal_parties WHERE deal_id = ?"), arguments: [id])
            if stored == parties { return id }
        }
        return nil
    }

    /// A deal entry from another source about the stored deal `id`: only the fields the entry
    /// states are compared (its source is another report of the same deal, not a difference).
    func anotherReport(_ e: DealEntry, of id: Int64, identity: String, partyRows: [(Int64, String)], partyNames: [String]) throws -> Outcome {
        var given: [(String, DatabaseValue)] = []
        func give(_ name: String, _ v: (any DatabaseValueConvertible)?) { if let v { given.append((name, v.databaseValue)) } }
        give("title", e.title)
        give("value", e.value)
        give("currency", e.currency)
        give("qualifier", e.qualifier?.rawValue)
        give("term_months", e.termMonths.map { Int64($0) })
        give("status", e.status?.rawValue)
        give("note", e.common.note)
        give("verification", e.common.verification?.rawValue)
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT d.*, s.name AS source_name FROM deals d JOIN sources s ON s.id = d.source_id WHERE d.id = ?
            """), arguments: [id]) else { return .unchanged }
        var diffs = given.filter { name, new in !sameValue(row[name], new) }
        let storedParties = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT company_id, role FROM deal_parties WHERE deal_id = ? ORDER BY company_id, role
            """), arguments: [id])
            .map { "\($0["company_id"] as Int64):\($0["role"] as String)" }
        let wantedParties = partyRows.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map { "\($0.0):\($0.1)" }
        let rolesDiffer = storedParties != wantedParties
        let stored = "deal \(e.date) \(e.kind.rawValue) \(partyNames.joined(separator: "+")) (row \(id), from \(row["source_name"] as String))"
        if diffs.isEmpty && !rolesDiffer {
            summary.sameDeals.append(stored)
            return .unchanged
        }
        switch policy {
        case .ignore:
            return .ignored
        case .fail:
            let what = diffs.first.map { d in "with \(d.0) \(show(row[d.0])), this entry (from \(e.source.name)) has \(show(d.1))" }
                ?? "with other roles for its parties"
            let more = diffs.count - 1 + (rolesDiffer && !diffs.isEmpty ? 1 : 0)
            throw FieldProblem(field: diffs.first.map { fieldName($0.0) } ?? "parties",
                               problem: "the same deal is stored: \(stored) \(what)"
                                   + (more > 0 ? " (and \(more) more field\(more > 1 ? "s" : "") differ)" : ""),
                               valid: "valid: the stored content (a deal is its date, kind and parties, whatever the source)",
                               remedy: .replaceOrIgnore)
        case .replace:
            try keepHistory(table: "deals", id: id, diffs.map { ($0.0, row[$0.0] as DatabaseValue, $0.1) })
            diffs.append(("identity", identity.databaseValue))
            diffs.append(("source_id", try sourceID(e.source).databaseValue))
            diffs.append(("cited_by_id", (try citedByID(e.citedBy)).databaseValue))
            let set = diffs.map { "\(quoteIdent($0.0)) = ?" }.joined(separator: ", ")
            try db.execute(sql: "UPDATE deals SET \(set), ingest_id = ? WHERE id = ?", arguments: StatementArguments(diffs.map(\.1)) + [ingestID, id])
            if rolesDiffer {
                try db.cachedStatement(sql: "DELETE FROM deal_parties WHERE deal_id = ?").execute(arguments: [id])
                for (cid, role) in partyRows {
                    try db.cachedStatement(sql: "INSERT INTO deal_parties (deal_id, company_id, role) VALUES (?, ?, ?)")
                        .execute(arguments: [id, cid, role])
                }
            }
            return .replaced
        }
    }

    /// The deals an entry supersedes, expands or is part of, by their `id`s, with the source of a
    /// `part_of` (nil: the deal's own); a deal not stored yet is an `UnresolvedReference` (the
    /// ingest retries the entry once the run's other entries are in).
    func relations(of e: DealEntry) throws -> [Relation] {
        var wanted: [Relation] = []
        for (relation, keys) in [("supersedes", e.supersedes), ("expands", e.expands), ("part_of", e.partOf)] {
            for key in keys {
                guard let other = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM deals WHERE entry_key = ?"), arguments: [key]) else {
                    throw UnresolvedReference(problem: FieldProblem(field: relation, problem: "'\(key)' is not the id of a stored deal",
                                                                    valid: "valid: the id of a deal stored before, or given in the same run"))
                }
                let source = relation == "part_of" ? try e.partOfSource.map(sourceID) : nil
                wanted.append(Relation(relation: relation, other: other, source: source))
            }
        }
        return wanted.sorted { ($0.relation, $0.other) < ($1.relation, $1.other) }
    }

    /// One row of `deal_relations` as an entry asks for it.
    struct Relation: Equatable {
        var relation: String
        var other: Int64
        var source: Int64?
    }

    /// Stores the relations with the deal; a stored deal given other relations is a conflict
    /// like any other difference.
    func relate(_ id: Int64, _ wanted: [Relation], outcome: Outcome, describe: String) throws -> Outcome {
        guard !wanted.isEmpty else { return outcome }
        if let own = wanted.first(where: { $0.other == id }) {
            throw FieldProblem(field: own.relation, problem: "names the deal itself", valid: "valid: the id of another deal")
        }
        let stored = try Row.fetchAll(db.cachedStatement(sql: "SELECT relation, other_id, source_id FROM deal_relations "
                                                              + "WHERE deal_id = ? ORDER BY relation, other_id"),
                                      arguments: [id]).map { Relation(relation: $0["relation"], other: $0["other_id"], source: $0["source_id"]) }
        if stored == wanted { return outcome }
        if outcome == .unchanged && !stored.isEmpty {
            switch policy {
            case .fail:
                throw FieldProblem(field: wanted[0].relation, problem: "\(describe) is stored relating to other deals",
                                   valid: "valid: the stored relations", remedy: .replaceOrIgnore)
            case .ignore: return .ignored
            case .replace: break
            }
        }
        try db.cachedStatement(sql: "DELETE FROM deal_relations WHERE deal_id = ?").execute(arguments: [id])
        for r in wanted {
            try db.cachedStatement(sql: "INSERT INTO deal_relations (deal_id, relation, other_id, source_id) VALUES (?, ?, ?, ?)")
                .execute(arguments: [id, r.relation, r.other, r.source])
        }
        return outcome == .unchanged ? .replaced : outcome
    }
}

/// An entry names another that is not stored (yet): the ingest tries it again at the end of
/// the run, and reports `problem` if it is still missing then.
struct UnresolvedReference: Error {
    let problem: FieldProblem
}
