import GRDB
import GRDBSQLite

/// The state of ingest's bulk path, in one place (docs/INGEST.md): the statistics waiting to be
/// written as one chunk, how the last chunk went, and what a large run has suspended.
/// `EntryWriter` holds one; the ingest loop reaches it only through `EntryWriter.take`, `finish`
/// and `abandon` (EntryWriter+Bulk.swift), and what a large run does with it is in
/// EntryWriter+LargeRun.swift.
struct StatisticBatch {
    /// Statistics checked and resolved, waiting to be inserted together.
    var staged: [(location: InputLocation, statistic: EntryWriter.PreparedStatistic)] = []
    /// The inserts of new statistics by number of rows, prepared on first use (valid for the
    /// writer's transaction).
    var inserts: [Int: RawInsert] = [:]
    /// Statistics of this run written in chunks so far: past `EntryWriter.largeRunRows` the run
    /// is large.
    var rowsWritten = 0
    /// The largest statistic id when the run began: how large the table it found is, and where
    /// the run's own rows begin.
    let idBefore: Int64
    /// Whether most of the last chunk was new: the next is then inserted first, else looked up first.
    var lastChunkWasNew = true
    /// Rows a chunk holds: `EntryWriter.preferredChunkSize`, or fewer when SQLite's limit on the
    /// variables of one statement would be passed.
    let chunkSize: Int
    /// What a large run has suspended, to restore before the commit.
    var suspended = LargeRunSuspension()

    init(_ db: Database) throws {
        idBefore = try Int64.fetchOne(db, sql: "SELECT max(id) FROM statistics") ?? 0
        let variables = Int(sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_VARIABLE_NUMBER, -1))
        chunkSize = Self.chunkSize(variableLimit: variables)
    }

    /// The rows of one insert: the bulk insert binds every statistic column and the ingest id.
    static func chunkSize(variableLimit: Int) -> Int {
        max(1, min(EntryWriter.preferredChunkSize, variableLimit / EntryWriter.insertedColumns.count))
    }
}

/// What a large run has changed on the connection and in the schema inside its transaction;
/// nil or false: nothing (EntryWriter+LargeRun.swift suspends and restores each).
struct LargeRunSuspension {
    /// The unit-check trigger's SQL while it is dropped.
    var unitTrigger: String?
    /// The connection's cache size while the run has it enlarged.
    var cacheSize: Int?
    /// The SQL of the indexes dropped to be built again at the end.
    var indexes: [String]?
    /// Whether the connection skips CHECK constraints.
    var checks = false
    /// Whether the tables whose CHECKs are skipped are this schema's, word for word (asked once).
    var tablesAreThisSchemas: Bool?
}
