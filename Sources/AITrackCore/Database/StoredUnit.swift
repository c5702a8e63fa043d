import GRDB

/// The unit a metric's values are stored in: one per metric (the trigger of migration 0008,
/// `EntryWriter.prepare`, the end of a large run and `aitrack check` keep it; docs/INGEST.md),
/// so the first value row tells it. Nil: the metric has no values yet.
enum StoredUnit {
    static func of(_ metric: String, in db: Database) throws -> String? {
        let sql = "SELECT unit FROM statistics WHERE metric = ? AND measure = 'value' LIMIT 1"
        return try String.fetchOne(db.cachedStatement(sql: sql), arguments: [metric])
    }
}
