import GRDB

/// Applies validated entries inside one open write transaction, keeping the rules of
/// DESIGN §3: names resolve through aliases, identities make ingest idempotent, and a
/// changed entry is a conflict unless the policy says otherwise.
final class EntryWriter {
    enum Outcome { case added, unchanged, replaced, ignored, removedEarlier }

    let db: Database
    let ingestID: Int64
    let policy: ConflictPolicy
    let strictNames: Bool
    var summary = WriteSummary()

    /// Every company name and alias by its comparison key (`NameKey`): names and aliases that
    /// differ only in case, spaces, invisible characters or compatibility forms are one company.
    var companyIDs: [String: Int64] = [:]
    /// The keys that are a company's own name (the rest are aliases).
    var nameKeys: Set<String> = []
    var companiesCreatedHere: Set<Int64> = []
    /// Sources made in this run because an entry named them: a later source entry defines them.
    var sourcesCreatedHere: Set<Int64> = []
    /// Source ids by `SourceKey.cacheKey`.
    var sourceIDs: [String: Int64] = [:]
    /// The source the last statistic named (`sourceIDAndLowerName`); forgotten at any other entry.
    var lastSource: (ref: SourceRef, id: Int64, lower: String)?
    var metricUnits: [String: String] = [:]
    /// Metrics whose unit was first given in this write (not stored before it).
    var runMetricUnits: Set<String> = []
    /// Ingest's bulk path: the chunk waiting to be written and what a large run suspended.
    var batch: StatisticBatch
    /// Prepared statements of `upsert`, per table and lookup (valid for this writer's transaction).
    var upsertStatements: [String: (names: [String], select: Statement, insert: Statement, exists: Statement)] = [:]

    /// A pull (issue 24): every statistic's identity is kept in the summary, so that what the
    /// source no longer has can be told; a new company close to a stored name is refused.
    var forPull = false

    /// Whether any entry was removed earlier (`removed_entries`): only then is each entry
    /// compared with them.
    lazy var hasTombstones: Bool = (try? Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM removed_entries)")) ?? false
    /// The row the last `upsert` found or added (the id `add-*` prints).
    var lastRowID: Int64?

    init(db: Database, ingestID: Int64, policy: ConflictPolicy, strictNames: Bool) throws {
        self.db = db
        self.ingestID = ingestID
        self.policy = policy
        self.strictNames = strictNames
        batch = try StatisticBatch(db)
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
    var storedCompanyKeys: [String] = []
    lazy var storedMetrics: [String] = (try? String.fetchAll(db, sql: "SELECT DISTINCT metric FROM statistics")) ?? []
    lazy var storedSourceKeys: [String: String] = {
        var out: [String: String] = [:]
        for n in (try? String.fetchAll(db, sql: "SELECT DISTINCT name FROM sources")) ?? [] { out[NameKey.of(n)] = n }
        return out
    }()
    static let closeNameLimit = 20_000

    /// "Google (Alphabet)" for an alias, "Alphabet" for a name.
    func describeCompanyKey(_ key: String) throws -> String {
        guard let id = companyIDs[key] else { return key }
        let name = try canonicalCompanyName(id)
        if nameKeys.contains(key) { return name }
        let alias = try String.fetchAll(db.cachedStatement(sql: "SELECT alias FROM company_aliases WHERE company_id = ?"), arguments: [id])
            .first { NameKey.of($0) == key } ?? key
        return "\(alias) (\(name))"
    }

    /// Applies one entry. Throws a `FieldProblem` for anything the user must fix.
    func apply(_ entry: Entry) throws -> Outcome {
        if case .statistic = entry {} else {
            try enforceChecks()
            lastSource = nil
        }
        let outcome: Outcome
        switch entry {
        case .company(let e): outcome = try company(e)
        case .source(let e): outcome = try source(e)
        case .deal(let e): outcome = try deal(e)
        case .alliance(let e): outcome = try alliance(e)
        case .membership(let e): outcome = try membership(e)
        case .statistic(let e): outcome = try statistic(e)
        case .fx(let e): outcome = try fx(e)
        case .metric(let e): outcome = try metric(e)
        }
        count(outcome)
        summary.rowID = lastRowID
        return outcome
    }

    func count(_ o: Outcome) {
        switch o {
        case .added: summary.added += 1
        case .unchanged: summary.unchanged += 1
        case .replaced: summary.replaced += 1
        case .ignored: summary.ignored += 1
        case .removedEarlier: summary.removedEarlier += 1
        }
    }

    // MARK: - Names

    /// The id of the company or alias `name`, created if unknown (unless strict).
    func companyID(_ name: String, field: String) throws -> Int64 {
        let key = NameKey.of(name)
        if let id = companyIDs[key] { return id }
        // a name of only invisible characters would be one company for all of them
        guard !key.isEmpty else {
            throw FieldProblem(field: field, problem: "is empty (it holds only invisible characters)", valid: "valid: a company name")
        }
        if strictNames {
            throw FieldProblem(field: field, problem: "'\(name)' is not a known company or alias",
                               valid: "valid: a company or alias stored before", remedy: .allowNewNames)
        }
        if let close = CloseNames.closest(to: key, in: storedCompanyKeys) {
            if forPull {
                let stored = try describeCompanyKey(close)
                throw FieldProblem(field: field,
                                   problem: "'\(name)' does not resolve: it is no stored company or alias, and close to the stored \(stored)",
                                   valid: "valid: \(stored), or '\(name)' stored as a company or an alias first")
            }
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

    /// Company names by id, as stored and in lower case (a statistic's identity).
    var companyNames: [Int64: (name: String, lower: String)] = [:]

    func canonicalCompanyName(_ id: Int64) throws -> String {
        try canonicalCompanyNames(id).name
    }

    func canonicalCompanyNames(_ id: Int64) throws -> (name: String, lower: String) {
        if let n = companyNames[id] { return n }
        let n = try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM companies WHERE id = ?"), arguments: [id]) ?? ""
        let names = (name: n, lower: n.lowercased())
        companyNames[id] = names
        return names
    }

    /// The id of a source (one document: name and URL), created if new.
    func sourceID(_ ref: SourceRef) throws -> Int64 {
        let key = SourceKey.cacheKey(ref)
        if let id = sourceIDs[key] {
            try fillPublished(id, ref)
            return id
        }
        let id: Int64
        if let found = try storedSourceID(ref) {
            id = found
            try fillPublished(id, ref)
        } else {
            try checkNewSource(ref.name)
            try db.cachedStatement(sql: "INSERT INTO sources (name, url, published, precision, via, via_url, ingest_id) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .execute(arguments: [ref.name, ref.url, ref.published?.iso, ref.published?.precision.rawValue, ref.via, ref.viaURL, ingestID])
            id = db.lastInsertedRowID
            sourcesCreatedHere.insert(id)
        }
        sourceIDs[key] = id
        return id
    }

    /// The stored source of `ref`'s name and URL.
    func storedSourceID(_ ref: SourceRef) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM sources WHERE \(SourceKey.lookupSQL)"), arguments: SourceKey.arguments(ref))
    }

    /// A new source name close to a stored one: said in the summary, refused when strict.
    func checkNewSource(_ name: String) throws {
        let key = NameKey.of(name)
        guard storedSourceKeys[key] == nil, storedSourceKeys.count <= Self.closeNameLimit,
              let close = CloseNames.closest(to: key, in: Array(storedSourceKeys.keys).sorted()), let stored = storedSourceKeys[close] else { return }
        if strictNames {
            throw FieldProblem(field: "source", problem: "'\(name)' is a new source, close to the stored '\(stored)'",
                               valid: "valid: '\(stored)'", remedy: .allowNewNames)
        }
        summary.lookAlikes.append((what: "source", created: name, suggestion: "'\(stored)'"))
        storedSourceKeys[key] = name
    }

    /// The date a stored source was published, when an entry says it and the source does not.
    /// The page it was read on is never filled in: a stored source without `via` was read at the
    /// originator, and another entry reading it elsewhere leaves it so (the first reading is kept).
    func fillPublished(_ id: Int64, _ ref: SourceRef) throws {
        guard let date = ref.published else { return }
        try db.cachedStatement(sql: "UPDATE sources SET published = ?, precision = ? WHERE id = ? AND published IS NULL")
            .execute(arguments: [date.iso, date.precision.rawValue, id])
    }

    /// `cited_by` names a source without a URL (the article relaying a claim).
    func citedByID(_ name: String?) throws -> Int64? {
        guard let name else { return nil }
        if let id = try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT id FROM sources WHERE name = ? COLLATE NOCASE ORDER BY url IS NOT NULL, id LIMIT 1
            """), arguments: [name]) {
            return id
        }
        return try sourceID(SourceRef(name: name))
    }

}

/// How a source is found, defined once: one document is a name in any case and its address
/// (the originator's URL, else the page it was read on, none being ''), as the unique index
/// `sources_name_url` says. The relay's name never counts.
enum SourceKey {
    /// The lookup's condition, with `arguments` bound.
    static let lookupSQL = "name = ? COLLATE NOCASE AND coalesce(url, via_url, '') = ?"

    static func arguments(_ ref: SourceRef) -> StatementArguments { [ref.name, address(ref)] }

    static func address(_ ref: SourceRef) -> String { ref.url ?? ref.viaURL ?? "" }

    /// The key of a source in a writer's cache, equal for the refs the lookup finds as one.
    static func cacheKey(_ ref: SourceRef) -> String { ref.name.lowercased() + "\u{1F}" + address(ref) }
}

/// A name as an SQL identifier, its double quotes doubled: safe for names read from
/// `sqlite_master` or another tool's table (GRDB's `quotedDatabaseIdentifier` wraps the name in
/// quotes without doubling the ones inside it).
func quoteIdent(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
