import GRDB

/// Company and source entries.
extension EntryWriter {
    func company(_ e: CompanyEntry) throws -> Outcome {
        if try removedEarlier("companies", identity: Self.companyTombstone(e.name), key: e.common.key) { return .removedEarlier }
        var cols = Columns()
        cols.add("name", e.name)
        cols.add("kind", e.kind?.rawValue)
        cols.add("country", e.country)
        cols.add("note", e.common.note)
        cols.add("verification", e.common.verification?.rawValue)
        cols.add("entry_key", given: e.common.key)
        var existing: Int64?
        if let key = e.common.key {
            existing = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM companies WHERE entry_key = ?"), arguments: [key])
        }
        let key = NameKey.of(e.name)
        guard !key.isEmpty else {
            throw FieldProblem(field: "name", problem: "is empty (it holds only invisible characters)", valid: "valid: a company name")
        }
        if existing == nil, let found = companyIDs[key] {
            guard nameKeys.contains(key) else {
                let aliasOf = try canonicalCompanyName(found)
                throw FieldProblem(field: "name", problem: "'\(e.name)' is already an alias of \(aliasOf)",
                                   valid: "valid: a name that is not another company's alias (or add the alias to \(aliasOf))")
            }
            // found by its name (in any case or spelling of spaces): the name itself is no difference
            existing = found
            cols.pairs.removeAll { $0.0 == "name" }
        }
        var outcome: Outcome
        let id: Int64
        if let existing, companiesCreatedHere.contains(existing) {
            // created moments ago because an earlier entry named it: this entry defines it
            var set = cols.pairs.filter { !$0.1.isNull && $0.0 != "name" }
            set.append(("name", e.name.databaseValue))
            set.append(("ingest_id", ingestID.databaseValue))
            try db.execute(sql: "UPDATE companies SET \(set.map { "\(quoteIdent($0.0)) = ?" }.joined(separator: ", ")) WHERE id = ?",
                           arguments: StatementArguments(set.map(\.1)) + [existing])
            companiesCreatedHere.remove(existing)
            companyNames[existing] = nil
            let name = try canonicalCompanyName(existing)
            summary.companiesCreated.removeAll { $0.lowercased() == name.lowercased() }
            id = existing
            outcome = .added
        } else if let existing {
            (id, outcome) = try upsert(table: "companies", lookup: ("id = ?", [existing]), columns: cols,
                                       describe: "company \(e.name)", onlyGiven: true)
        } else {
            var c = Columns()
            c.pairs = cols.pairs.filter { !$0.1.isNull }
            (id, outcome) = try upsert(table: "companies", lookup: ("0", []), columns: c, describe: "company \(e.name)")
        }
        companyIDs[key] = id
        nameKeys.insert(key)
        if let parent = e.parent { outcome = try setParent(parent, of: id, named: e.name, outcome: outcome) }
        return try addAliases(e.aliases, to: id, outcome: outcome)
    }

    /// Sets a company's parent: never itself, never a cycle, at most `Limits.parentDepth` levels.
    func setParent(_ parent: String, of id: Int64, named name: String, outcome: Outcome) throws -> Outcome {
        var outcome = outcome
        let pid = try companyID(parent, field: "parent")
        if pid == id {
            throw FieldProblem(field: "parent", problem: "'\(parent)' is the company itself", valid: "valid: another company")
        }
        // refuse a cycle: the parent's own chain must not reach this company
        var cursor: Int64? = pid
        var steps = 0
        while let c = cursor, steps < Limits.recursionDepth {
            if c == id {
                throw FieldProblem(field: "parent", problem: "'\(parent)' is already a subsidiary of \(name)",
                                   valid: "valid: a company that is not below \(name) in its own chain of parents")
            }
            cursor = try Int64.fetchOne(db.cachedStatement(sql: "SELECT parent_id FROM companies WHERE id = ?"), arguments: [c])
            steps += 1
        }
        if steps > Limits.parentDepth {
            throw FieldProblem(field: "parent", problem: "'\(parent)' has \(steps - 1) levels of parents above it, too deep a chain",
                               valid: "valid: a chain of at most \(Limits.parentDepth) parents (the views follow that many)")
        }
        let old = try Int64.fetchOne(db.cachedStatement(sql: "SELECT parent_id FROM companies WHERE id = ?"), arguments: [id])
        if old != pid {
            if old == nil || outcome == .added || policy == .replace {
                try db.cachedStatement(sql: "UPDATE companies SET parent_id = ? WHERE id = ?").execute(arguments: [pid, id])
                if outcome == .unchanged { outcome = .replaced }
            } else if policy == .fail {
                let oldName = try canonicalCompanyName(old!)
                throw FieldProblem(field: "parent", problem: "company \(name) is stored with parent '\(oldName)', this entry has '\(parent)'",
                                   valid: "valid: the stored content", remedy: .replaceOrIgnore)
            } else {
                outcome = .ignored
            }
        }
        return outcome
    }

    /// Adds aliases that name no other company.
    func addAliases(_ aliases: [String], to id: Int64, outcome: Outcome) throws -> Outcome {
        var outcome = outcome
        for alias in aliases {
            if let owner = existingCompanyID(alias) {
                if owner == id { continue }
                let ownerName = try canonicalCompanyName(owner)
                throw FieldProblem(field: "aliases", problem: "'\(alias)' already names \(ownerName)",
                                   valid: "valid: an alias that no other company uses as name or alias")
            }
            try db.cachedStatement(sql: "INSERT INTO company_aliases (alias, company_id) VALUES (?, ?)").execute(arguments: [alias, id])
            companyIDs[NameKey.of(alias)] = id
            if outcome == .unchanged { outcome = .replaced }
        }
        return outcome
    }

    func source(_ e: SourceEntry) throws -> Outcome {
        if try removedEarlier("sources", identity: SourceKey.cacheKey(e.ref), key: e.common.key) { return .removedEarlier }
        var cols = Columns()
        cols.add("name", e.ref.name)
        cols.add("url", e.ref.url)
        cols.add("published", given: e.ref.published?.iso)
        cols.add("precision", given: e.ref.published?.precision.rawValue)
        cols.add("via", given: e.ref.via)
        cols.add("via_url", given: e.ref.viaURL)
        cols.add("note", given: e.common.note)
        cols.add("verification", given: e.common.verification?.rawValue, default: Verification.unverified.rawValue)
        cols.add("entry_key", given: e.common.key)
        if e.common.key == nil, let named = try storedSourceID(e.ref), sourcesCreatedHere.contains(named) {
            // made moments ago because an earlier entry of this run named it: this entry defines it
            let set = cols.pairs.filter { $0.0 != "name" && $0.0 != "url" }
            try db.execute(sql: "UPDATE sources SET \(set.map { "\(quoteIdent($0.0)) = ?" }.joined(separator: ", ")) WHERE id = ?",
                           arguments: StatementArguments(set.map(\.1)) + [named])
            sourcesCreatedHere.remove(named)
            return .added
        }
        let (id, outcome) = try upsert(table: "sources",
                                       lookup: lookup(key: e.common.key, else: (SourceKey.lookupSQL, SourceKey.arguments(e.ref))),
                                       columns: cols, describe: "source \(e.ref.name)")
        sourceIDs[SourceKey.cacheKey(e.ref)] = id
        return outcome
    }

    /// How many levels of parents the `company_ultimate_parents` view follows.
}
