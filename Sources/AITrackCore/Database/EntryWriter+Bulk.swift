import GRDB

/// The bulk path of `ingest`: new statistics are checked and resolved one by one as they are
/// read, then inserted `chunkSize` at a time by one statement, so that SQLite opens its cursors,
/// statement journal and trigger program once per chunk instead of once per row (BENCHMARKS.md).
/// An entry the chunk did not add (stored already, given twice, or refused by a constraint)
/// then takes the one-by-one path, which reports it exactly as it would have without the chunk.
extension EntryWriter {
    /// Rows a chunk holds at most: 512 rather than 128, since a page a chunk touches is copied
    /// into its statement journal once per chunk (BENCHMARKS.md, "Chunk size").
    static let preferredChunkSize = 512

    // MARK: - The ingest loop's three calls

    /// Writes `entry`, or holds it for its chunk (a statistic without an id). Throws the
    /// entry's own problem (`FieldProblem`, `UnresolvedReference`, `DatabaseError`); appends to
    /// `problems` those of the entries of a chunk this write made it write, which come before it.
    func take(_ entry: Entry, at location: InputLocation, problems: inout [InputError]) throws {
        if case .statistic(let e) = entry, e.common.key == nil {
            let p = try prepare(e)
            // one indexed look-up, and only in a file with removals: the chunk stays
            if try removedEarlier("statistics", identity: p.identity, key: nil) {
                count(.removedEarlier)
                return
            }
            batch.staged.append((location, p))
            if batch.staged.count >= batch.chunkSize { problems += try flush() }
            return
        }
        problems += try flush()   // what came before is written before this entry
        _ = try apply(entry)
    }

    /// The end of the inputs: the last chunk written, then what a large run suspended restored
    /// (`restoreAfterALargeRun`); its problems appended to `problems`, the end's own (a metric
    /// with two units) at `end`. `rollingBack`: the run will be rolled back whatever happens here
    /// (a dry run); so it is when `problems` holds any.
    func finish(rollingBack: Bool, at end: InputLocation, problems: inout [InputError]) throws {
        problems += try flush()
        do {
            try restoreAfterALargeRun(rollingBack: rollingBack || !problems.isEmpty)
        } catch let p as FieldProblem {
            problems.append(InputError(end, p))
        }
    }

    /// However the write ends: the connection checks every later write and has its own cache
    /// again. The rest of what a large run suspended is in the schema, which the rollback of a
    /// run that did not finish brings back as it was.
    func abandon() {
        try? enforceChecks()
        try? restoreCache()
    }

    // MARK: - Chunks

    /// Writes the waiting statistics; returns the problems of those that take the one-by-one path.
    /// While the chunks before were mostly new, the chunk is inserted first and the rows it left
    /// out are looked up; otherwise (a re-ingest) the chunk is looked up first with one query.
    private func flush() throws -> [InputError] {
        guard !batch.staged.isEmpty else { return [] }
        let chunk = batch.staged
        batch.staged.removeAll(keepingCapacity: true)
        batch.rowsWritten += chunk.count
        try suspendForALargeRun()
        if batch.lastChunkWasNew { return try insertChunk(chunk) }
        var problems: [InputError] = []
        var fresh: [(location: InputLocation, statistic: PreparedStatistic)] = []
        let identities = chunk.map(\.statistic.identity)
        let stored = try storedStatistics(identities, columns: Self.statisticColumns)
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
        batch.lastChunkWasNew = 2 * added >= chunk.count
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
        let statement = try db.cachedStatement(sql: """
            SELECT \(columns.map(quoteIdent).joined(separator: ", ")) FROM statistics WHERE identity IN (\(marks))
            """)
        var out: [String: [DatabaseValue]] = [:]
        // values straight from the statement, not decoded through GRDB's generic row path
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
