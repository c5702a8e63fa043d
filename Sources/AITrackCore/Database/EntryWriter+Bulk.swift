import GRDB

/// The bulk path of `ingest`: new statistics are checked and resolved one by one as they are
/// read, then inserted `chunkSize` at a time by one statement, so that SQLite opens its cursors,
/// statement journal and trigger program once per chunk instead of once per row (BENCHMARKS.md).
/// An entry the chunk did not add (stored already, given twice, or refused by a constraint)
/// then takes the one-by-one path, which reports it exactly as it would have without the chunk.
extension EntryWriter {
    /// 512 rather than 128: 100,000 new statistics into a million in 1.17 s against 1.28 s (mean
    /// of six alternating runs; a page a chunk touches is copied into its statement journal once
    /// per chunk), at 1.5 % fewer instructions; 19 values a row stay under SQLite's 32,766.
    static let chunkSize = 512

    /// Whether `entry` can wait in a chunk: a statistic without an id.
    func canStage(_ entry: Entry) -> StatisticEntry? {
        guard case .statistic(let e) = entry, e.common.key == nil else { return nil }
        return e
    }

    /// Checks and resolves `e` now (throwing its problem), and writes it with its chunk (counted
    /// then, as added, unchanged, replaced or ignored).
    func stage(_ e: StatisticEntry, at location: InputLocation) throws -> [InputError] {
        staged.append((location, try prepare(e)))
        return staged.count >= Self.chunkSize ? try flushStaged() : []
    }

    /// Writes the waiting statistics; returns the problems of those that take the one-by-one path.
    /// While the chunks before were mostly new, the chunk is inserted first and the rows it left
    /// out are looked up; otherwise (a re-ingest) the chunk is looked up first with one query.
    func flushStaged() throws -> [InputError] {
        guard !staged.isEmpty else { return [] }
        let chunk = staged
        staged.removeAll(keepingCapacity: true)
        bulkRows += chunk.count
        try suspendForALargeRun()
        if lastChunkWasNew { return try insertChunk(chunk) }
        var problems: [InputError] = []
        var fresh: [(location: InputLocation, statistic: PreparedStatistic)] = []
        let identities = chunk.map(\.statistic.identity)
        let stored = try storedStatistics(identities, columns: columns(chunk[0].statistic, identity: identities[0]).pairs.map(\.0))
        var differing: Set<String> = []
        for ((location, p), identity) in zip(chunk, identities) {
            guard let old = stored[identity] else { fresh.append((location, p)); continue }
            if !differing.contains(identity), same(old, columns(p, identity: identity)) {
                count(.unchanged)
                continue
            }
            differing.insert(identity)   // compared with the stored row as it is now, one by one
            do {
                count(try upsert(p))
            } catch let problem as FieldProblem {
                problems.append(InputError(location, problem))
            }
        }
        return problems + (fresh.isEmpty ? [] : try insertChunk(fresh))
    }

    /// Inserts a chunk with one statement; the rows it did not add take the one-by-one path.
    private func insertChunk(_ chunk: [(location: InputLocation, statistic: PreparedStatistic)]) throws -> [InputError] {
        let before = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM statistics")) ?? 0
        let added: Int
        do {
            added = try insertNew(chunk.lazy.map(\.statistic))
        } catch let e as DatabaseError where e.resultCode == .SQLITE_CONSTRAINT {
            added = 0   // a row the schema refuses: none of the chunk is in; each is tried alone below
        }
        summary.added += added
        lastChunkWasNew = 2 * added >= chunk.count
        if added == chunk.count { return [] }
        var addedIdentities = Set(try String.fetchAll(db.cachedStatement(sql: "SELECT identity FROM statistics WHERE id > ?"), arguments: [before]))
        var problems: [InputError] = []
        for (location, p) in chunk where addedIdentities.remove(p.identity) == nil {
            do {
                count(try upsert(p))   // adds it when the whole chunk was refused for another row
            } catch let problem as FieldProblem {
                problems.append(InputError(location, problem))
            } catch let e as DatabaseError where e.resultCode == .SQLITE_CONSTRAINT {
                problems.append(InputError(location, .refused(by: e)))
            }
        }
        return problems
    }

    /// The stored statistics with these identities: identity → the values of `columns` (whose
    /// first is the identity) in order.
    private func storedStatistics(_ identities: [String], columns: [String]) throws -> [String: [DatabaseValue]] {
        let marks = Array(repeating: "?", count: identities.count).joined(separator: ", ")
        let statement = try db.cachedStatement(sql: "SELECT \(columns.map(quoteIdent).joined(separator: ", ")) FROM statistics WHERE identity IN (\(marks))")
        var out: [String: [DatabaseValue]] = [:]
        // values straight from the statement (GRDB's row cursor decoded each through its generic
        // path, a third of a re-ingest's writing thread)
        try RawRows.forEach(statement, arguments: StatementArguments(identities)) { r in
            out[r.text(0)] = (0..<Int32(columns.count)).map { r.value($0) }
        }
        return out
    }

    /// Whether the stored values equal the entry's (columns the entry leaves out are no difference).
    func same(_ stored: [DatabaseValue], _ columns: Columns) -> Bool {
        for (k, (_, new)) in columns.pairs.enumerated() where !columns.isUnstated(k) {
            if !sameValue(stored[k], new) { return false }
        }
        return true
    }
}
