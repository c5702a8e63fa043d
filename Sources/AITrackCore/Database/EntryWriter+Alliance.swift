import GRDB

/// Alliance and membership entries.
extension EntryWriter {
    func alliance(_ e: AllianceEntry) throws -> Outcome {
        if try removedEarlier("alliances", identity: Self.allianceTombstone(e.name), key: e.common.key) { return .removedEarlier }
        var cols = Columns()
        cols.add("name", e.name)
        cols.add("date", given: e.date?.iso)
        cols.add("precision", given: e.date?.precision.rawValue)
        cols.add("purpose", given: e.purpose)
        cols.add("url", given: e.url)
        cols.add("source_id", given: try e.source.map(sourceID))
        cols.add("cited_by_id", given: try citedByID(e.citedBy))
        cols.add("note", given: e.common.note)
        cols.add("verification", given: e.common.verification?.rawValue, default: Verification.unverified.rawValue)
        cols.add("entry_key", given: e.common.key)
        let (_, outcome) = try upsert(table: "alliances", lookup: lookup(key: e.common.key, else: ("name = ? COLLATE NOCASE", [e.name])),
                                       columns: cols, describe: "alliance \(e.name)")
        if !e.members.isEmpty {
            guard let source = e.source else {
                throw FieldProblem(field: "source", problem: "is missing, and the members need one",
                                   valid: "valid: the source that names the members")
            }
            for m in e.members {
                let o = try membership(MembershipEntry(alliance: e.name, company: m, date: e.date, role: .founding, source: source,
                                                       citedBy: e.citedBy, common: EntryCommon(verification: e.common.verification)))
                count(o)
            }
        }
        return outcome
    }

    func membership(_ e: MembershipEntry) throws -> Outcome {
        guard let aid = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM alliances WHERE name = ? COLLATE NOCASE"),
                                           arguments: [e.alliance]) else {
            throw UnresolvedReference(problem: FieldProblem(field: "alliance", problem: "'\(e.alliance)' is not a known alliance",
                                                            valid: "valid: an alliance stored before, or given in the same run"))
        }
        let cid = try companyID(e.company, field: "company")
        if try removedEarlier("alliance_members", identity: Self.membershipTombstone(alliance: aid, company: cid), key: e.common.key) {
            return .removedEarlier
        }
        var cols = Columns()
        cols.add("alliance_id", aid)
        cols.add("company_id", cid)
        cols.add("date", given: e.date?.iso)
        cols.add("precision", given: e.date?.precision.rawValue)
        cols.add("left", given: e.left?.iso)
        cols.add("left_precision", given: e.left?.precision.rawValue)
        cols.add("role", given: e.role?.rawValue, default: MembershipRole.member.rawValue)
        cols.add("source_id", try sourceID(e.source))
        cols.add("cited_by_id", given: try citedByID(e.citedBy))
        cols.add("note", given: e.common.note)
        cols.add("verification", given: e.common.verification?.rawValue, default: Verification.unverified.rawValue)
        cols.add("entry_key", given: e.common.key)
        let (_, outcome) = try upsert(table: "alliance_members",
                                       lookup: lookup(key: e.common.key, else: ("alliance_id = ? AND company_id = ?", [aid, cid])),
                                       columns: cols, describe: "membership of \(e.company) in \(e.alliance)")
        return outcome
    }
}
