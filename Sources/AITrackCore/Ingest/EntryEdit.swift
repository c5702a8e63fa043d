import GRDB

/// The entries `aitrack edit` and `aitrack remove` change, by the table each is stored in.
public enum EditableType: String, Vocabulary {
    case deal, statistic, company, alliance, membership, source
    public static let noun = "an entry type to edit or remove"

    var table: String {
        switch self {
        case .deal: return "deals"
        case .statistic: return "statistics"
        case .company: return "companies"
        case .alliance: return "alliances"
        case .membership: return "alliance_members"
        case .source: return "sources"
        }
    }

    var entryType: EntryType {
        switch self {
        case .deal: return .deal
        case .statistic: return .statistic
        case .company: return .company
        case .alliance: return .alliance
        case .membership: return .membership
        case .source: return .source
        }
    }

    /// The fields an edit may set: the entry format's, but its type and its own id.
    public var fields: [String] { EntryDecoder.fields[entryType]!.filter { $0 != "members" } + ["note", "verification"] }
}

/// Why an edit or a removal was refused; nothing is written.
public enum EditProblem: Error, Equatable, Sendable {
    /// No such entry: `id` is neither a row id, an entry id nor (for names) a name.
    case notFound(type: EditableType, id: String)
    case unknownField(type: EditableType, field: String, closest: String?)
    /// Other entries name it: (what, how many, a few of them). `cascadable`: only memberships
    /// and deal parties, which removing with their dependants would take too.
    case referenced(type: EditableType, id: Int64, name: String, by: [String], cascadable: Bool)
    /// An edit that sets no field.
    case nothingToSet
}

/// One entry an edit or a removal changed.
public struct EntryChange: Sendable {
    public var type: EditableType
    public var rowID: Int64
    /// "deal 66 (2025-09-08, Microsoft – Nebius)"
    public var describe: String
    /// (field, before, after) as the entry format writes them; after is "" for a removal.
    public var fields: [(field: String, old: String, new: String)]
    /// The edit changed what identifies the entry: its old identity is kept out of later ingests.
    public var identityChanged = false
    /// Entries a removal took with it (memberships and deal parties).
    public var cascaded: [String] = []
}

extension AppDatabase {
    /// Sets `fields` of one stored entry (its identity too), in one transaction recorded in
    /// `ingests` and `entry_history`; the old identity gets a tombstone, so that an ingest of the
    /// file it came from does not bring it back. `id`: row id, entry id, or a name.
    public func edit(_ type: EditableType, id: String, set fields: [(String, String)], dryRun: Bool) throws -> EntryChange {
        guard !fields.isEmpty else { throw EditProblem.nothingToSet }
        for (f, _) in fields where !type.fields.contains(f) {
            throw EditProblem.unknownField(type: type, field: f, closest: CloseNames.closestKey(to: f, in: type.fields))
        }
        var change: EntryChange?
        _ = try write(command: "edit", inputs: ["\(type.rawValue) \(id)"], policy: .replace, dryRun: dryRun) { w in
            change = try EntryEditor(db: w.db).edit(type, id: id, fields: fields, writer: w)
        }
        return change!
    }

    /// Deletes entries, each with a tombstone and its record in `entry_history`, in one
    /// transaction; refused (nothing written) when another entry names one, unless only
    /// memberships and deal parties do and `cascade` takes them too.
    public func remove(_ type: EditableType, ids: [String], cascade: Bool, dryRun: Bool) throws -> [EntryChange] {
        var changes: [EntryChange] = []
        _ = try write(command: "remove", inputs: ids.map { "\(type.rawValue) \($0)" }, dryRun: dryRun) { w in
            let editor = EntryEditor(db: w.db)
            for id in ids { changes.append(try editor.remove(type, id: id, cascade: cascade, ingestID: w.ingestID)) }
        }
        return changes
    }
}

/// The work of `edit` and `remove` inside their transaction.
struct EntryEditor {
    let db: Database

    /// The row id of `id`: a row id, an entry id, or the name of a company, alliance or source.
    func rowID(_ type: EditableType, _ id: String) throws -> Int64 {
        let t = type.table
        if let n = Int64(id), try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(t) WHERE id = ?)", arguments: [n]) == true { return n }
        if let n = try Int64.fetchOne(db, sql: "SELECT id FROM \(t) WHERE entry_key = ?", arguments: [id]) { return n }
        switch type {
        case .company:
            let key = NameKey.of(id)
            for r in try Row.fetchAll(db, sql: "SELECT id, name FROM companies") where NameKey.of(r["name"]) == key { return r["id"] }
        case .alliance, .source:
            if let n = try Int64.fetchOne(db, sql: "SELECT id FROM \(t) WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1", arguments: [id]) {
                return n
            }
        default: break
        }
        throw EditProblem.notFound(type: type, id: id)
    }

    /// The entry as `export` writes it (without derived columns).
    func record(_ type: EditableType, _ rowID: Int64) throws -> [(String, JSONValue)] {
        let q = ExportQuery.of(type.entryType)
        guard let r = try Row.fetchOne(db, sql: "SELECT * FROM (\(q.sql)) WHERE id = ?", arguments: [rowID]) else {
            throw EditProblem.notFound(type: type, id: String(rowID))
        }
        var b = RecordBuilder(row: r, type: type.entryType)
        q.fields(&b)
        return b.record.filter { $0.0 != ExportQuery.derivedDealColumn }
    }

    /// What an ingest compares to find the entry again (the tombstone's identity).
    func identity(_ type: EditableType, _ rowID: Int64) throws -> String {
        let row = try Row.fetchOne(db, sql: "SELECT * FROM \(type.table) WHERE id = ?", arguments: [rowID])!
        switch type {
        case .deal, .statistic: return row["identity"]
        case .company: return EntryWriter.companyTombstone(row["name"])
        case .alliance: return EntryWriter.allianceTombstone(row["name"])
        case .membership: return EntryWriter.membershipTombstone(alliance: row["alliance_id"], company: row["company_id"])
        case .source: return SourceKey.cacheKey(SourceRef(name: row["name"], url: row["url"], viaURL: row["via_url"]))
        }
    }

    func describe(_ type: EditableType, _ rowID: Int64, _ record: [(String, JSONValue)]) -> String {
        func text(_ k: String) -> String { record.first { $0.0 == k }.map { plainText($0.1) } ?? "" }
        let what: String
        switch type {
        case .deal: what = "\(text("date")), \(text("title"))"
        case .statistic: what = "\(text("metric")) \(text("date")) \(text("company").isEmpty ? "market" : text("company")) = \(text("value"))"
        case .company, .alliance, .source: what = text("name")
        case .membership: what = "\(text("company")) in \(text("alliance"))"
        }
        return "\(type.rawValue) \(rowID) (\(what))"
    }

    func edit(_ type: EditableType, id: String, fields: [(String, String)], writer w: EntryWriter) throws -> EntryChange {
        let rowID = try rowID(type, id)
        let old = try record(type, rowID)
        var rec = old
        for (f, v) in fields {
            rec.removeAll { $0.0 == f }
            if !v.isEmpty { rec.append((f, .string(v))) }
        }
        let storedKey = old.first { $0.0 == "id" }.map { plainText($0.1) }
        let oldIdentity = try identity(type, rowID)
        try rewrite(type, rowID, rec, writer: w)
        let new = try record(type, rowID)
        var change = EntryChange(type: type, rowID: rowID, describe: describe(type, rowID, new), fields: Self.differences(old, new))
        if try identity(type, rowID) != oldIdentity {
            change.identityChanged = true
            try tombstone(type, rowID, identity: oldIdentity, key: storedKey, record: old, reason: "edited", ingestID: w.ingestID)
        }
        if type == .company, change.identityChanged, let oldName = old.first(where: { $0.0 == "name" }).map({ plainText($0.1) }) {
            // files that name the company as it was still resolve to it (not to a new company)
            try db.execute(sql: "INSERT INTO company_aliases (alias, company_id) SELECT ?1, ?2 WHERE NOT EXISTS "
                           + "(SELECT 1 FROM company_aliases WHERE alias = ?1 COLLATE NOCASE)", arguments: [oldName, rowID])
            change.fields.append(("aliases", "", oldName))
        }
        if type == .company || type == .source { try reidentifyDependants(type, rowID, writer: w) }
        return change
    }

    /// A company's or source's name is in the identity of its deals and statistics: each is
    /// written again, so that its identity is the one an ingest of it would compute now.
    func reidentifyDependants(_ type: EditableType, _ rowID: Int64, writer w: EntryWriter) throws {
        let deals = type == .company
            ? try Int64.fetchAll(db, sql: "SELECT DISTINCT deal_id FROM deal_parties WHERE company_id = ?", arguments: [rowID])
            : try Int64.fetchAll(db, sql: "SELECT id FROM deals WHERE source_id = ?", arguments: [rowID])
        let stats = try Int64.fetchAll(db, sql: "SELECT id FROM statistics WHERE \(type == .company ? "company_id" : "source_id") = ?",
                                       arguments: [rowID])
        for (t, ids) in [(EditableType.deal, deals), (.statistic, stats)] {
            for id in ids { try rewrite(t, id, try record(t, id), writer: w) }
        }
    }

    /// Writes `rec` over row `rowID` through the writer (as `ingest --replace` would), found by
    /// the row's entry id, or by a temporary one when it has none.
    func rewrite(_ type: EditableType, _ rowID: Int64, _ rec: [(String, JSONValue)], writer w: EntryWriter) throws {
        let storedKey = try String.fetchOne(db, sql: "SELECT entry_key FROM \(type.table) WHERE id = ?", arguments: [rowID])
        let key = storedKey ?? "aitrack-edit-\(type.table)-\(rowID)"
        if storedKey == nil { try db.execute(sql: "UPDATE \(type.table) SET entry_key = ? WHERE id = ?", arguments: [key, rowID]) }
        _ = try w.apply(try EntryDecoder().decode(rec.filter { $0.0 != "id" } + [("id", .string(key))]))
        if storedKey == nil { try db.execute(sql: "UPDATE \(type.table) SET entry_key = NULL WHERE id = ?", arguments: [rowID]) }
    }

    static func differences(_ old: [(String, JSONValue)], _ new: [(String, JSONValue)]) -> [(field: String, old: String, new: String)] {
        var names: [String] = []
        for (k, _) in old + new where !names.contains(k) && !ExportQuery.dateSpanColumns.contains(k) { names.append(k) }
        return names.compactMap { k in
            let a = old.first { $0.0 == k }.map { plainText($0.1) } ?? ""
            let b = new.first { $0.0 == k }.map { plainText($0.1) } ?? ""
            return a == b ? nil : (k, a, b)
        }
    }

    func tombstone(_ type: EditableType, _ rowID: Int64, identity: String, key: String?, record: [(String, JSONValue)],
                   reason: String, ingestID: Int64) throws {
        try db.execute(sql: """
            INSERT INTO removed_entries (entry_table, entry_id, identity, entry_key, reason, record, ingest_id) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [type.table, rowID, identity, key, reason, JSONWriter.string(.object(record)), ingestID])
    }
}

/// A record's value as the entry format reads it: a string's text, nothing for null, else JSON.
func plainText(_ v: JSONValue) -> String {
    switch v {
    case .string(let s): return s
    case .null: return ""
    default: return JSONWriter.string(v)
    }
}
