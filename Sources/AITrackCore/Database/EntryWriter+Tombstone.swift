import GRDB

/// Entries removed earlier (`aitrack remove`, or an identity `aitrack edit` changed): an ingest
/// leaves them out and counts them, unless it replaces, which brings them back (migration 0014).
extension EntryWriter {
    /// Whether an entry with this identity (or entry id) was removed earlier and stays out. With
    /// the replace policy it comes back: its tombstones are taken away and the answer is false.
    func removedEarlier(_ table: String, identity: String, key: String?) throws -> Bool {
        guard hasTombstones else { return false }
        let ids = try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT id FROM removed_entries WHERE entry_table = ? AND (identity = ? OR (?3 IS NOT NULL AND entry_key = ?3))
            """), arguments: [table, identity, key])
        guard !ids.isEmpty else { return false }
        guard policy == .replace else { return true }
        for id in ids { try db.execute(sql: "DELETE FROM removed_entries WHERE id = ?", arguments: [id]) }
        return false
    }

    /// What a tombstone of a company, alliance or source compares: its name as the writer finds it.
    static func companyTombstone(_ name: String) -> String { NameKey.of(name) }
    static func allianceTombstone(_ name: String) -> String { name.lowercased() }
    static func membershipTombstone(alliance: Int64, company: Int64) -> String { "\(alliance)|\(company)" }
}
