import GRDB

/// What a large ingest suspends inside its one transaction and restores before the commit, so
/// that SQLite does per run what it would otherwise do per row (BENCHMARKS.md, issue 13). A run
/// that fails is rolled back with everything it suspended; a killed one never committed any of it.
///
/// - The unit-check trigger: every entry's unit is checked against its metric's in `prepare`,
///   and the rows the run added are checked once, set-based, at the end.
/// - SQLite's small page cache: a larger one while the run writes (`enlargeCache`).
/// - The secondary indexes of `statistics`, when the run is large against what was stored
///   before it: built again at the end by sorting, which is faster than inserting into each one
///   row by row once the run is at least twice the table it found.
/// - The CHECK constraints of `statistics` and of the companies and sources their names create
///   (`skipChecks`): the decoder has checked each of their values in Swift already
///   (`EntryDecoder.statistic`, `EntryDecoder.checkStatistic`, `EntryDate`, `FieldReader`'s
///   trimmed, non-empty texts), and `PRAGMA integrity_check` (`aitrack check`) tests every
///   stored row against them. Only when the tables are exactly this schema's.
extension EntryWriter {
    /// Statistics written in chunks after which a run is large and suspends all of the above
    /// (a small run, such as a new database's seed, leaves the schema as it is).
    static let largeRunRows = 4096

    /// Called before each chunk is written: what a large run suspends, once it is large. The
    /// one place where anything is suspended.
    func suspendForALargeRun() throws {
        guard batch.rowsWritten >= Self.largeRunRows else { return }
        try suspendUnitTrigger()
        try enlargeCache()
        try skipChecks()
        if batch.suspended.indexes == nil, batch.lastChunkWasNew, Int64(batch.rowsWritten) >= 2 * batch.idBefore {
            try suspendIndexes()
        }
    }

    /// The checks on, the small cache back, the indexes built again, the run's units checked and
    /// the trigger created again, in this order (`EntryWriter.finish`; docs/INGEST.md). A run
    /// that will be rolled back (a dry run, or one with errors) leaves the indexes to the
    /// rollback, which brings them back as they were.
    func restoreAfterALargeRun(rollingBack: Bool = false) throws {
        try enforceChecks()
        try restoreCache()   // before the index builds, whose sorts take as much memory as the cache may
        if !rollingBack { try restoreIndexes() }
        try restoreUnitTrigger()
    }

    // MARK: - The page cache

    /// The page cache of a large run, in KiB, against SQLite's 2,000: the index pages it dirties
    /// stay in memory until the commit instead of being written to the WAL before it and read
    /// back (BENCHMARKS.md, "The page cache of a large run"). A cap, not an allocation; the
    /// small cache is back before indexes are built again, since each sort may use as much
    /// memory as the cache.
    static let largeRunCacheKiB = 24_000

    func enlargeCache() throws {
        guard batch.suspended.cacheSize == nil else { return }
        batch.suspended.cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -\(Self.largeRunCacheKiB)")
    }

    /// The connection's own cache size again, however the run ended.
    func restoreCache() throws {
        guard let before = batch.suspended.cacheSize else { return }
        try db.execute(sql: "PRAGMA cache_size = \(before)")
        batch.suspended.cacheSize = nil
    }

    // MARK: - The unit check, once per run

    static let unitTrigger = "statistics_one_unit_insert"

    /// Drops the trigger that checks each inserted statistic's unit (an index seek and a trigger
    /// program per row).
    func suspendUnitTrigger() throws {
        guard batch.suspended.unitTrigger == nil,
              let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                            arguments: [Self.unitTrigger])
        else { return }
        try db.execute(sql: "DROP TRIGGER \(quoteIdent(Self.unitTrigger))")
        batch.suspended.unitTrigger = sql
    }

    /// The set-based unit check of the rows this run added, then the trigger as it was. Throws
    /// the problem of a metric that would be stored with two units (which `prepare` already
    /// refuses): two units among the run's rows (one pass over them, not over the table), or one
    /// other than the unit of the rows stored before the run (one of which tells it: the
    /// triggers kept them in one unit).
    func restoreUnitTrigger() throws {
        guard let sql = batch.suspended.unitTrigger else { return }
        var added: [String: [String]] = [:]
        // the run's rows by their ids (`+`: not a scan of the whole table through an index in
        // the order asked for, as SQLite chose for `ORDER BY metric`)
        for row in try Row.fetchAll(db, sql: "SELECT DISTINCT +metric, +unit FROM statistics WHERE id > ? AND measure = 'value'",
                                    arguments: [batch.idBefore]) {
            added[row[0], default: []].append(row[1])
        }
        for (metric, units) in added.sorted(by: { $0.key < $1.key }) {
            // on (metric, measure, date), not on the ids (`+`): a metric new to the file reads
            // its run's rows, not the rows stored before
            let stored = try String.fetchOne(db.cachedStatement(sql: """
                SELECT unit FROM statistics WHERE metric = ? AND measure = 'value' AND +id <= ? LIMIT 1
                """), arguments: [metric, batch.idBefore])
            let all = Set(units + (stored.map { [$0] } ?? [])).sorted()
            if all.count > 1 {
                throw FieldProblem(field: "unit", problem: "metric \(metric) would be stored with two units, \(all.joined(separator: " and "))",
                                   valid: "valid: one unit per metric")
            }
        }
        try db.execute(sql: sql)
        batch.suspended.unitTrigger = nil
    }

    // MARK: - Secondary indexes, built once at the end

    /// The indexes where a new row's place depends on the order of the data (a company's rows,
    /// a date): inserting into them row by row reads and writes a page in no order for each row.
    /// The other indexes of `statistics` take new rows at the end of a few runs (a source) and
    /// cost little; the unique ones find a run's duplicates and stay, and (metric, measure, date)
    /// stays for what `prepare` looks up meanwhile (a metric's unit, the stored metrics).
    /// Which to drop was measured at a million new statistics (BENCHMARKS.md, "Indexes built
    /// again at the end").
    static let rebuiltIndexes = ["statistics_company", "statistics_date"]

    /// Drops the `rebuiltIndexes` (when not unique: a file's own may be).
    func suspendIndexes() throws {
        let indexes = try Row.fetchAll(db, sql: """
            SELECT m.name, m.sql FROM sqlite_master m JOIN pragma_index_list('statistics') l ON l.name = m.name
            WHERE m.type = 'index' AND m.sql IS NOT NULL AND l."unique" = 0
              AND m.name IN (\(Self.rebuiltIndexes.map { "'\($0)'" }.joined(separator: ", "))) ORDER BY m.rowid
            """)
        for index in indexes {
            try db.execute(sql: "DROP INDEX \(quoteIdent(index["name"]))")
        }
        batch.suspended.indexes = indexes.map { $0["sql"] }
    }

    /// The dropped indexes created again, in their order, each by one sort of the table: through
    /// temporary files (in memory, the sort of a million rows would hold them all) and with one
    /// helper thread.
    func restoreIndexes() throws {
        guard let indexes = batch.suspended.indexes else { return }
        // SQLite refuses the change when the connection has its temporary database open (an
        // in-memory database has): the sort then stays in memory, which is only slower to grow.
        let onDisk = (try? db.execute(sql: "PRAGMA temp_store = FILE")) != nil
        try db.execute(sql: "PRAGMA threads = 1")
        defer {
            try? db.execute(sql: "PRAGMA threads = 0")
            if onDisk { try? db.execute(sql: "PRAGMA temp_store = MEMORY") }
        }
        for sql in indexes { try db.execute(sql: sql) }
        batch.suspended.indexes = nil
    }

    // MARK: - CHECK constraints, for rows checked when decoded

    /// The tables whose rows a large run writes with their CHECKs skipped: statistics, and the
    /// companies and sources their names create.
    static let checkedTables = ["statistics", "companies", "sources"]

    /// Skips the CHECK constraints while a large run writes statistics (SQLite compiles them into
    /// each statement, and a change of the setting prepares every statement again: it is changed
    /// when a large run begins and when another kind of entry comes, not per chunk).
    func skipChecks() throws {
        guard !batch.suspended.checks, try tablesAreThisSchemas() else { return }
        try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
        batch.suspended.checks = true
    }

    /// The CHECK constraints on again: before an entry of another kind (`apply`), at the end of a
    /// run (`finish`), and however a write ends (`abandon`).
    func enforceChecks() throws {
        guard batch.suspended.checks else { return }
        try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        batch.suspended.checks = false
    }

    /// Whether the `checkedTables` are this schema's, word for word (a table another tool made
    /// again may carry CHECKs of its own, which only SQLite knows).
    func tablesAreThisSchemas() throws -> Bool {
        if let known = batch.suspended.tablesAreThisSchemas { return known }
        var known = true
        for table in Self.checkedTables {
            let stored = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [table])
            if stored == nil || stored != Migrations.tableSQL(table) { known = false }
        }
        batch.suspended.tablesAreThisSchemas = known
        return known
    }
}
