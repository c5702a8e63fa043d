import GRDB

/// Applies validated entries inside one open write transaction, keeping the rules of
/// DESIGN §3: names resolve through aliases, identities make ingest idempotent, and a
/// changed entry is a conflict unless the policy says otherwise.
final class EntryWriter {
    enum Outcome { case added, unchanged, replaced, ignored }

    let db: Database
    let ingestID: Int64
    let policy: ConflictPolicy
    let strictNames: Bool
    private(set) var summary = WriteSummary()

    /// Every company name and alias by its comparison key (`NameKey`): names and aliases that
    /// differ only in case, spaces, invisible characters or compatibility forms are one company.
    private var companyIDs: [String: Int64] = [:]
    /// The keys that are a company's own name (the rest are aliases).
    private var nameKeys: Set<String> = []
    private var companiesCreatedHere: Set<Int64> = []
    /// Sources made in this run because an entry named them: a later source entry defines them.
    private var sourcesCreatedHere: Set<Int64> = []
    private var sourceIDs: [String: Int64] = [:]       // name⧸url → id
    private var metricUnits: [String: String] = [:]
    /// Prepared statements of `upsert`, per table and lookup (valid for this writer's transaction).
    private var upsertStatements: [String: (names: [String], select: Statement, insert: Statement, exists: Statement)] = [:]

    init(db: Database, ingestID: Int64, policy: ConflictPolicy, strictNames: Bool) throws {
        self.db = db
        self.ingestID = ingestID
        self.policy = policy
        self.strictNames = strictNames
        for r in try Row.fetchAll(db, sql: "SELECT company_id AS id, alias AS name FROM company_aliases") {
            companyIDs[NameKey.of(r["name"])] = r["id"]
        }
        for r in try Row.fetchAll(db, sql: "SELECT id, name FROM companies") {
            let key = NameKey.of(r["name"])
            companyIDs[key] = r["id"]
            nameKeys.insert(key)
        }
        storedCompanyKeys = companyIDs.count <= Self.closeNameLimit ? Array(companyIDs.keys).sorted() : []
    }

    /// Names stored before this run, compared with names it creates (a typo?); not done when
    /// there are more than `closeNameLimit` of them.
    private var storedCompanyKeys: [String] = []
    private lazy var storedMetrics: [String] = (try? String.fetchAll(db, sql: "SELECT DISTINCT metric FROM statistics")) ?? []
    private lazy var storedSourceKeys: [String: String] = {
        var out: [String: String] = [:]
        for n in (try? String.fetchAll(db, sql: "SELECT DISTINCT name FROM sources")) ?? [] { out[NameKey.of(n)] = n }
        return out
    }()
    static let closeNameLimit = 20_000

    /// "Google (Alphabet)" for an alias, "Alphabet" for a name.
    private func describeCompanyKey(_ key: String) throws -> String {
        guard let id = companyIDs[key] else { return key }
        let name = try canonicalCompanyName(id)
        if nameKeys.contains(key) { return name }
        let alias = try String.fetchAll(db.cachedStatement(sql: "SELECT alias FROM company_aliases WHERE company_id = ?"), arguments: [id])
            .first { NameKey.of($0) == key } ?? key
        return "\(alias) (\(name))"
    }

    /// Applies one entry. Throws a `FieldProblem` for anything the user must fix.
    func apply(_ entry: Entry) throws -> Outcome {
        let outcome: Outcome
        switch entry {
        case .company(let e): outcome = try company(e)
        case .source(let e): outcome = try source(e)
        case .deal(let e): outcome = try deal(e)
        case .alliance(let e): outcome = try alliance(e)
        case .membership(let e): outcome = try membership(e)
        case .statistic(let e): outcome = try statistic(e)
        case .fx(let e): outcome = try fx(e)
        }
        count(outcome)
        return outcome
    }

    private func count(_ o: Outcome) {
        switch o {
        case .added: summary.added += 1
        case .unchanged: summary.unchanged += 1
        case .replaced: summary.replaced += 1
        case .ignored: summary.ignored += 1
        }
    }

    // MARK: - Names

    /// The id of the company or alias `name`, created if unknown (unless strict).
    func companyID(_ name: String, field: String) throws -> Int64 {
        let key = NameKey.of(name)
        if let id = companyIDs[key] { return id }
        if strictNames {
            throw FieldProblem(field: field, problem: "'\(name)' is not a known company or alias",
                               valid: "valid: a company added before (see `aitrack companies`), or ingest without --strict-names to create it")
        }
        if let close = CloseNames.closest(to: key, in: storedCompanyKeys) {
            summary.lookAlikes.append((what: "company", created: name, suggestion: try describeCompanyKey(close)))
        }
        try db.cachedStatement(sql: "INSERT INTO companies (name, ingest_id) VALUES (?, ?)").execute(arguments: [name, ingestID])
        let id = db.lastInsertedRowID
        companyIDs[key] = id
        nameKeys.insert(key)
        companiesCreatedHere.insert(id)
        summary.companiesCreated.append(name)
        return id
    }

    func existingCompanyID(_ name: String) -> Int64? {
        companyIDs[NameKey.of(name)]
    }

    private var companyNames: [Int64: String] = [:]

    private func canonicalCompanyName(_ id: Int64) throws -> String {
        if let n = companyNames[id] { return n }
        let n = try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM companies WHERE id = ?"), arguments: [id]) ?? ""
        companyNames[id] = n
        return n
    }

    /// The id of a source (one document: name and URL), created if new.
    func sourceID(_ ref: SourceRef) throws -> Int64 {
        let key = ref.name.lowercased() + "\u{1F}" + (ref.url ?? "")
        if let id = sourceIDs[key] {
            if ref.published != nil { try fillPublished(id, ref.published) }
            return id
        }
        let id: Int64
        if let found = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM sources WHERE name = ? COLLATE NOCASE AND coalesce(url, '') = ?"), arguments: [ref.name, ref.url ?? ""]) {
            id = found
            try fillPublished(id, ref.published)
        } else {
            try checkNewSource(ref.name)
            try db.cachedStatement(sql: "INSERT INTO sources (name, url, published, precision, ingest_id) VALUES (?, ?, ?, ?, ?)").execute(arguments: [ref.name, ref.url, ref.published?.iso, ref.published?.precision.rawValue, ingestID])
            id = db.lastInsertedRowID
            sourcesCreatedHere.insert(id)
        }
        sourceIDs[key] = id
        return id
    }

    /// A new source name close to a stored one: said in the summary, refused when strict.
    private func checkNewSource(_ name: String) throws {
        let key = NameKey.of(name)
        guard storedSourceKeys[key] == nil, storedSourceKeys.count <= Self.closeNameLimit,
              let close = CloseNames.closest(to: key, in: Array(storedSourceKeys.keys).sorted()), let stored = storedSourceKeys[close] else { return }
        if strictNames {
            throw FieldProblem(field: "source", problem: "'\(name)' is a new source, close to the stored '\(stored)'",
                               valid: "valid: '\(stored)' (or leave out --strict-names to add a new source)")
        }
        summary.lookAlikes.append((what: "source", created: name, suggestion: "'\(stored)'"))
        storedSourceKeys[key] = name
    }

    private func fillPublished(_ id: Int64, _ date: EntryDate?) throws {
        guard let date else { return }
        try db.cachedStatement(sql: "UPDATE sources SET published = ?, precision = ? WHERE id = ? AND published IS NULL").execute(arguments: [date.iso, date.precision.rawValue, id])
    }

    /// `cited_by` names a source without a URL (the article relaying a claim).
    func citedByID(_ name: String?) throws -> Int64? {
        guard let name else { return nil }
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM sources WHERE name = ? COLLATE NOCASE ORDER BY url IS NOT NULL, id LIMIT 1"), arguments: [name]) {
            return id
        }
        return try sourceID(SourceRef(name: name))
    }

    // MARK: - Generic upsert

    struct Columns {
        var pairs: [(String, DatabaseValue)] = []
        /// Columns the entry leaves out: stored with their default when new, and no difference
        /// from a stored row (an entry that does not state a note does not remove one).
        var unstated: Set<String> = []
        mutating func add(_ name: String, _ v: (any DatabaseValueConvertible)?) {
            pairs.append((name, v?.databaseValue ?? .null))
        }
        mutating func add(_ name: String, given v: (any DatabaseValueConvertible)?, default d: (any DatabaseValueConvertible)? = nil) {
            pairs.append((name, (v ?? d)?.databaseValue ?? .null))
            if v == nil { unstated.insert(name) }
        }
    }

    /// Finds the row by `lookup`, then adds, leaves, replaces or ignores it.
    private func upsert(table: String, lookup: (sql: String, args: StatementArguments), columns: Columns,
                        describe: @autoclosure () -> String, onlyGiven: Bool = false) throws -> (Int64, Outcome) {
        let names = columns.pairs.map(\.0)
        let sqlKey = table + "\u{1F}" + lookup.sql
        let statements: (names: [String], select: Statement, insert: Statement, exists: Statement)
        if let cached = upsertStatements[sqlKey], cached.names == names {
            statements = cached
        } else {
            let list = names.map(quoteIdent).joined(separator: ", ")
            statements = (names,
                          try db.makeStatement(sql: "SELECT id, \(list) FROM \(table) WHERE \(lookup.sql)"),
                          try db.makeStatement(sql: "INSERT INTO \(table) (\(list), ingest_id) VALUES (\(Array(repeating: "?", count: names.count + 1).joined(separator: ", ")))"),
                          try db.makeStatement(sql: "SELECT 1 FROM \(table) WHERE \(lookup.sql)"))
            upsertStatements[sqlKey] = statements
        }
        // most entries of a large ingest are new: a cheap existence test first, the whole row only when found
        let found = try Int64.fetchOne(statements.exists, arguments: lookup.args) != nil
        if found, let row = try Row.fetchOne(statements.select, arguments: lookup.args) {
            let id: Int64 = row["id"]
            var diffs: [(String, DatabaseValue, DatabaseValue)] = []
            for (name, new) in columns.pairs {
                let old: DatabaseValue = row[name]
                if onlyGiven && new.isNull || columns.unstated.contains(name) { continue }
                if !sameValue(old, new) { diffs.append((name, old, new)) }
            }
            if diffs.isEmpty { return (id, .unchanged) }
            switch policy {
            case .ignore:
                return (id, .ignored)
            case .fail:
                let d = diffs[0]
                throw FieldProblem(field: fieldName(d.0),
                                   problem: "\(describe()) is stored with \(show(d.1)), this entry has \(show(d.2))"
                                       + (diffs.count > 1 ? " (and \(diffs.count - 1) more field\(diffs.count > 2 ? "s" : "") differ)" : ""),
                                   valid: "valid: the stored content, or ingest with --replace to take this entry or --ignore to keep the stored one")
            case .replace:
                let set = diffs.map { "\(quoteIdent($0.0)) = ?" }.joined(separator: ", ")
                var args = StatementArguments(diffs.map(\.2))
                args += [ingestID, id]
                try db.execute(sql: "UPDATE \(table) SET \(set), ingest_id = ? WHERE id = ?", arguments: args)
                if table == "companies" { companyNames[id] = nil }
                return (id, .replaced)
            }
        }
        var args = StatementArguments(columns.pairs.map(\.1))
        args += [ingestID]
        do {
            try statements.insert.execute(arguments: args)
        } catch let e as DatabaseError where e.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            // found by its id, but its natural identity (or another unique key) is taken by another row
            throw FieldProblem(field: "id", problem: "\(describe()) already exists under another id (\(e.message ?? "unique constraint"))",
                               valid: "valid: the stored entry's id, or no id to match it by its identity")
        }
        return (db.lastInsertedRowID, .added)
    }

    private func sameValue(_ a: DatabaseValue, _ b: DatabaseValue) -> Bool {
        switch (a.storage, b.storage) {
        case let (.double(x), .int64(y)): return x == Double(y)
        case let (.int64(x), .double(y)): return Double(x) == y
        default: return a == b
        }
    }

    private func fieldName(_ column: String) -> String {
        switch column {
        case "entry_key": return "id"
        case "source_id": return "source"
        case "cited_by_id": return "cited_by"
        case "parent_id": return "parent"
        case "precision": return "date"
        default: return column
        }
    }

    private func show(_ v: DatabaseValue) -> String {
        switch v.storage {
        case .null: return "nothing"
        case .int64(let i): return String(i)
        case .double(let d): return NumberText.plain(d)
        case .string(let s): return "'\(s)'"
        case .blob: return "a blob"
        }
    }

    private func lookup(key: String?, else natural: (String, StatementArguments)) -> (sql: String, args: StatementArguments) {
        if let key { return ("entry_key = ?", [key]) }
        return natural
    }

    // MARK: - Entry types

    private func company(_ e: CompanyEntry) throws -> Outcome {
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
        if let parent = e.parent {
            let pid = try companyID(parent, field: "parent")
            if pid == id {
                throw FieldProblem(field: "parent", problem: "'\(parent)' is the company itself", valid: "valid: another company")
            }
            // refuse a cycle: the parent's own chain must not reach this company
            var cursor: Int64? = pid
            var steps = 0
            while let c = cursor, steps < 64 {
                if c == id {
                    throw FieldProblem(field: "parent", problem: "'\(parent)' is already a subsidiary of \(e.name)",
                                       valid: "valid: a company that is not below \(e.name) in its own chain of parents")
                }
                cursor = try Int64.fetchOne(db.cachedStatement(sql: "SELECT parent_id FROM companies WHERE id = ?"), arguments: [c])
                steps += 1
            }
            if steps > Self.maxParentDepth {
                throw FieldProblem(field: "parent", problem: "'\(parent)' has \(steps - 1) levels of parents above it, too deep a chain",
                                   valid: "valid: a chain of at most \(Self.maxParentDepth) parents (the views follow that many)")
            }
            let old = try Int64.fetchOne(db.cachedStatement(sql: "SELECT parent_id FROM companies WHERE id = ?"), arguments: [id])
            if old != pid {
                if old == nil || outcome == .added || policy == .replace {
                    try db.cachedStatement(sql: "UPDATE companies SET parent_id = ? WHERE id = ?").execute(arguments: [pid, id])
                    if outcome == .unchanged { outcome = .replaced }
                } else if policy == .fail {
                    let oldName = try canonicalCompanyName(old!)
                    throw FieldProblem(field: "parent", problem: "company \(e.name) is stored with parent '\(oldName)', this entry has '\(parent)'",
                                       valid: "valid: the stored content, or ingest with --replace to take this entry or --ignore to keep the stored one")
                } else {
                    outcome = .ignored
                }
            }
        }
        for alias in e.aliases {
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

    private func source(_ e: SourceEntry) throws -> Outcome {
        var cols = Columns()
        cols.add("name", e.ref.name)
        cols.add("url", e.ref.url)
        cols.add("published", given: e.ref.published?.iso)
        cols.add("precision", given: e.ref.published?.precision.rawValue)
        cols.add("note", given: e.common.note)
        cols.add("verification", given: e.common.verification?.rawValue, default: Verification.unverified.rawValue)
        cols.add("entry_key", given: e.common.key)
        if e.common.key == nil,
           let named = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM sources WHERE name = ? COLLATE NOCASE AND coalesce(url, '') = ?"),
                                          arguments: [e.ref.name, e.ref.url ?? ""]),
           sourcesCreatedHere.contains(named) {
            // made moments ago because an earlier entry of this run named it: this entry defines it
            let set = cols.pairs.filter { $0.0 != "name" && $0.0 != "url" }
            try db.execute(sql: "UPDATE sources SET \(set.map { "\(quoteIdent($0.0)) = ?" }.joined(separator: ", ")) WHERE id = ?",
                           arguments: StatementArguments(set.map(\.1)) + [named])
            sourcesCreatedHere.remove(named)
            return .added
        }
        let (id, outcome) = try upsert(table: "sources",
                                       lookup: lookup(key: e.common.key, else: ("name = ? COLLATE NOCASE AND coalesce(url, '') = ?", [e.ref.name, e.ref.url ?? ""])),
                                       columns: cols, describe: "source \(e.ref.name)")
        sourceIDs[e.ref.name.lowercased() + "\u{1F}" + (e.ref.url ?? "")] = id
        return outcome
    }

    /// How many levels of parents the `company_ultimate_parents` view follows.
    static let maxParentDepth = 8

    static func defaultTitle(kind: DealKind, parties: [String]) -> String {
        "\(kind.rawValue.replacingOccurrences(of: "_", with: " ")): \(parties.joined(separator: " – "))"
    }

    private func deal(_ e: DealEntry) throws -> Outcome {
        var partyRows: [(Int64, String)] = []
        var partyNames: [String] = []
        for p in e.parties {
            let id = try companyID(p.company, field: "parties")
            if partyRows.contains(where: { $0.0 == id && $0.1 == p.role.rawValue }) {
                throw FieldProblem(field: "parties", problem: "'\(p.company):\(p.role.rawValue)' is named twice", valid: "valid: each party once per role")
            }
            partyRows.append((id, p.role.rawValue))
            partyNames.append(try canonicalCompanyName(id))
        }
        let identity = [e.date.iso, e.kind.rawValue, Set(partyNames.map { $0.lowercased() }).sorted().joined(separator: ";"),
                        e.source.name.lowercased(), e.source.url ?? ""].joined(separator: "|")
        // Another report of a stored deal (same date, kind and parties, another source or URL) is
        // that deal: unchanged, or a conflict naming it, never a second copy.
        if e.common.key == nil,
           try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM deals WHERE identity = ?"), arguments: [identity]) == nil,
           let stored = try sameDeal(e, parties: Set(partyRows.map(\.0))) {
            return try anotherReport(e, of: stored, identity: identity, partyRows: partyRows, partyNames: partyNames)
        }
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
        // parties
        let stored = try Row.fetchAll(db.cachedStatement(sql: "SELECT company_id, role FROM deal_parties WHERE deal_id = ? ORDER BY company_id, role"), arguments: [id])
            .map { ($0["company_id"] as Int64, $0["role"] as String) }
        let wanted = partyRows.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        let same = stored.count == wanted.count && zip(stored, wanted).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        if !same {
            if outcome == .added || outcome == .replaced || (outcome == .unchanged && policy == .replace) {
                try db.cachedStatement(sql: "DELETE FROM deal_parties WHERE deal_id = ?").execute(arguments: [id])
                for (cid, role) in partyRows {
                    try db.cachedStatement(sql: "INSERT INTO deal_parties (deal_id, company_id, role) VALUES (?, ?, ?)").execute(arguments: [id, cid, role])
                }
                if outcome == .unchanged { outcome = .replaced }
            } else if outcome == .unchanged {
                if policy == .fail {
                    throw FieldProblem(field: "parties", problem: "\(describe) is stored with other parties",
                                       valid: "valid: the stored parties, or ingest with --replace to take this entry or --ignore to keep the stored one")
                }
                outcome = .ignored
            }
        }
        return outcome
    }

    /// The stored deal with the entry's date (and precision), kind and set of party companies.
    private func sameDeal(_ e: DealEntry, parties: Set<Int64>) throws -> Int64? {
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
    private func anotherReport(_ e: DealEntry, of id: Int64, identity: String, partyRows: [(Int64, String)], partyNames: [String]) throws -> Outcome {
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
        let storedParties = try Row.fetchAll(db.cachedStatement(sql: "SELECT company_id, role FROM deal_parties WHERE deal_id = ? ORDER BY company_id, role"), arguments: [id])
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
                               problem: "the same deal is stored: \(stored) \(what)" + (more > 0 ? " (and \(more) more field\(more > 1 ? "s" : "") differ)" : ""),
                               valid: "valid: the stored content (a deal is its date, kind and parties, whatever the source), or ingest with --replace to take this entry or --ignore to keep the stored one")
        case .replace:
            diffs.append(("identity", identity.databaseValue))
            diffs.append(("source_id", try sourceID(e.source).databaseValue))
            diffs.append(("cited_by_id", (try citedByID(e.citedBy)).databaseValue))
            let set = diffs.map { "\(quoteIdent($0.0)) = ?" }.joined(separator: ", ")
            try db.execute(sql: "UPDATE deals SET \(set), ingest_id = ? WHERE id = ?", arguments: StatementArguments(diffs.map(\.1)) + [ingestID, id])
            if rolesDiffer {
                try db.cachedStatement(sql: "DELETE FROM deal_parties WHERE deal_id = ?").execute(arguments: [id])
                for (cid, role) in partyRows {
                    try db.cachedStatement(sql: "INSERT INTO deal_parties (deal_id, company_id, role) VALUES (?, ?, ?)").execute(arguments: [id, cid, role])
                }
            }
            return .replaced
        }
    }

    private func alliance(_ e: AllianceEntry) throws -> Outcome {
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
                throw FieldProblem(field: "source", problem: "is missing, and the members need one", valid: "valid: the source that names the members")
            }
            for m in e.members {
                let o = try membership(MembershipEntry(alliance: e.name, company: m, date: e.date, role: .founding, source: source,
                                                       citedBy: e.citedBy, common: EntryCommon(verification: e.common.verification)))
                count(o)
            }
        }
        return outcome
    }

    private func membership(_ e: MembershipEntry) throws -> Outcome {
        guard let aid = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM alliances WHERE name = ? COLLATE NOCASE"), arguments: [e.alliance]) else {
            throw FieldProblem(field: "alliance", problem: "'\(e.alliance)' is not a known alliance",
                               valid: "valid: an alliance added before (an alliance entry, or `aitrack add-alliance`)")
        }
        let cid = try companyID(e.company, field: "company")
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

    private func statistic(_ e: StatisticEntry) throws -> Outcome {
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
                                       valid: "valid: \(close) (or leave out --strict-names to add a new metric)")
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

    private func fx(_ e: FXEntry) throws -> Outcome {
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

func quoteIdent(_ s: String) -> String { "\"\(s)\"" }
