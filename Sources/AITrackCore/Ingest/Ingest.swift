import Foundation
import GRDB

extension AppDatabase {
    /// Reads every input and writes its entries in one transaction. On any error nothing is
    /// written and the error lists every problem found (up to `errorLimit`) as
    /// `FILE:LINE: field: problem; valid: …`. A run that changes nothing (every entry
    /// unchanged, or a dry run) is rolled back, so the file stays byte-identical.
    public func ingest(_ inputs: [IngestInput], options: IngestOptions, command: String = "ingest") throws -> WriteSummary {
        try transaction(dryRun: options.dryRun) { db in
            try Self.ingest(db, inputs, options: options, command: command, path: dbWriter.path)
        }
    }

    /// The ingest inside a transaction the caller owns (also the seed of a new database).
    static func ingest(_ db: Database, _ inputs: [IngestInput], options: IngestOptions, command: String, path: String) throws -> WriteSummary {
        var errors: [InputError] = []
        var deferred: [(InputLocation, Entry)] = []
        var limitReached = false
        // Two stages on two threads: one reads and decodes entries, this one writes them.
        let pipe = EntryPipe()
        let decoder = EntryDecoder(dateFormat: options.dateFormat, defaultType: options.type)
        let inputs = RecordReader.inIngestOrder(try DataPackage.expand(inputs), options: options)   // a data package: its CSVs
        let reader = Thread {
            do {
                for input in inputs {
                    var open = true
                    try RecordReader.read(input, options: options) { location, result in
                        open = pipe.push(location, result.flatMap { record in Result { () throws(FieldProblem) in try decoder.decode(record) } })
                        return open
                    }
                    if !open { break }
                }
                pipe.finish(nil)
            } catch {
                pipe.finish(error)
            }
        }
        reader.stackSize = 8 << 20
        reader.start()
        defer { pipe.stop() }   // whatever happens here, the reader stops and is not left waiting
        return try write(db, command: command, inputs: inputs.map(\.name), policy: options.policy, strictNames: options.strictNames) { w in
            w.forPull = options.forPull
            var seen = 0
            batches: while let batch = pipe.next() {
                for (location, result) in batch {
                    seen += 1
                    if let progress = options.progress, seen % options.progressEvery == 0 { progress(seen) }
                    do {
                        try w.take(try result.get(), at: location, problems: &errors)
                    } catch is UnresolvedReference {
                        // names an entry that may come later in the run: tried again at its end
                        if case .success(let entry) = result { deferred.append((location, entry)) }
                    } catch let p as FieldProblem {
                        errors.append(InputError(location, p))
                    } catch let e as DatabaseError {
                        // the file, not the entry: a full disk, a lock, an I/O error ends the run here
                        if let storage = DatabaseFileProblem.from(e, path: path, at: location.description) { throw storage }
                        errors.append(InputError(location, .refused(by: e)))
                    }
                    if errors.count >= options.errorLimit {
                        limitReached = true
                        pipe.stop()
                        break batches
                    }
                }
            }
            if !limitReached {
                if let failure = pipe.failure { throw failure }
                try w.finish(rollingBack: options.dryRun, at: InputLocation(file: inputs.first?.name ?? "-"), problems: &errors)
            }
            (errors, limitReached) = inInputOrder(errors, inputs: inputs, limit: options.errorLimit, limitReached: limitReached)
            for (location, entry) in deferred where errors.count < options.errorLimit {
                do {
                    _ = try w.apply(entry)
                } catch let u as UnresolvedReference {
                    errors.append(InputError(location, u.problem))
                } catch let p as FieldProblem {
                    errors.append(InputError(location, p))
                }
            }
            // any error: the transaction is rolled back, nothing of the run is written
            if !errors.isEmpty { throw IngestFailure(errors: errors, limitReached: limitReached) }
        }
    }
}

/// Problems in the order of the inputs and their lines (a chunk's problems are found when it is
/// written, after those of entries read since), at most `limit` of them (a chunk may report
/// several at once).
func inInputOrder(_ errors: [InputError], inputs: [IngestInput], limit: Int, limitReached: Bool) -> ([InputError], Bool) {
    let fileOrder = Dictionary(inputs.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
    let sorted = errors.enumerated().sorted { a, b in
        let ka = (fileOrder[a.element.location.file] ?? 0, a.element.location.line ?? 0, a.offset)
        let kb = (fileOrder[b.element.location.file] ?? 0, b.element.location.line ?? 0, b.offset)
        return ka < kb
    }.map(\.element)
    return sorted.count > limit ? (Array(sorted.prefix(limit)), true) : (sorted, limitReached)
}

/// A bounded hand-over of decoded entries from the reading thread to the writing one; memory
/// stays flat (at most `capacity` entries wait).
final class EntryPipe: @unchecked Sendable {
    typealias Item = (InputLocation, Result<Entry, FieldProblem>)
    private let condition = NSCondition()
    private var items: [Item] = []
    private var finished = false
    private var stopped = false
    private(set) var failure: Error?
    private let capacity = 4096

    /// Called by the reader; false once the writer has stopped reading.
    func push(_ location: InputLocation, _ result: Result<Entry, FieldProblem>) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !stopped { condition.wait() }
        if stopped { return false }
        items.append((location, result))
        if items.count == 1 || items.count >= capacity / 4 { condition.broadcast() }
        return true
    }

    func finish(_ error: Error?) {
        condition.lock()
        failure = error
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Called by the writer; nil at the end of all inputs.
    func next() -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        if items.isEmpty { return nil }
        let batch = items
        items = []
        items.reserveCapacity(capacity)
        condition.broadcast()
        return batch
    }

    /// The writer stops reading: the reader's next push returns false.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
