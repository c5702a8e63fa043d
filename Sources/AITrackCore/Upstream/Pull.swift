import Foundation
import GRDB

/// An upstream file as a pull takes it: where it came from (a URL, or a path for `--from`),
/// its bytes and when they were fetched.
public struct PullFile: Sendable {
    public var origin: String
    public var data: Data
    public var fetchedAt: Date

    public init(origin: String, data: Data, fetchedAt: Date = Date()) {
        self.origin = origin
        self.data = data
        self.fetchedAt = fetchedAt
    }

    public var sha256: String { SHA256.hex(data) }
}

/// What a pull would change (issue 24, item 2): per file, the entries it adds and revises and
/// the stored ones it no longer has (kept, marked, out of the figures) or has again; then, for
/// all of them together, the entries and every computed figure that move — the comparison of
/// `aitrack diff`, of the database before and after the files are applied to a copy in memory.
public struct PullReview: Sendable, Equatable {
    public struct File: Sendable, Equatable {
        public var recipe: String
        public var origin: String
        public var bytes: Int
        public var sha256: String
        /// Statistics of the file: new, revised (a changed value of the same identity), as stored.
        public var added = 0, revised = 0, unchanged = 0
        /// Statistics of the recipe's source the file no longer has (newly), by key.
        public var dropped: [String] = []
        /// Statistics marked as dropped before that the file has again.
        public var restored: [String] = []
    }
    public var files: [File]
    public var diff: DatabaseDiff

    public var isEmpty: Bool { diff.isEmpty && files.allSatisfy { $0.dropped.isEmpty && $0.restored.isEmpty } }
}

/// One file of a pull: its recipe and its bytes.
public struct PullItem: Sendable {
    public var recipe: Recipe
    public var file: PullFile
    public init(recipe: Recipe, file: PullFile) {
        self.recipe = recipe
        self.file = file
    }
}

/// What applying a file did.
struct PullOutcome {
    var summary: WriteSummary
    var dropped: [String], restored: [String]
}

extension Recipe {
    /// The fixed value the recipe gives `field`, if any.
    func fixed(_ field: String) -> String? { set.first { $0.field == field }?.text }

    /// The source, metric, measure, segment and region the recipe fixes (lowercased).
    var scope: [String?] { ["source", "source_url", "metric", "measure", "segment", "region"].map { fixed($0)?.lowercased() } }

    /// Whether another bundled recipe fixes the same scope, so that a file of this one holds only
    /// some of the scope's owners.
    var sharesItsScope: Bool { Recipe.bundled.contains { $0.name != name && $0.scope == scope } }
}

public enum Pull {
    /// The review of `items` against `base`, which is only read: the files are applied, in
    /// order, to a copy of the database in memory. Throws what an ingest of a file would (every
    /// problem with its line), or a `FetchProblem` for a body that is not the recipe's format.
    public static func review(_ base: some DatabaseReading, _ items: [PullItem], tolerance: Double = 0.005) throws -> PullReview {
        for item in items {
            if let found = Fetcher.mismatch(item.file.data, format: item.recipe.format) {
                throw FetchProblem.notFormat(url: item.file.origin, expected: item.recipe.format.rawValue, found: found)
            }
        }
        let before = try DatabaseQueue(configuration: AppDatabase.configuration())
        try base.reader.backup(to: before)
        let after = try DatabaseQueue(configuration: AppDatabase.configuration())
        try before.backup(to: after)
        let copy = AppDatabase(unchecked: after)
        var files: [PullReview.File] = []
        for item in items {
            let o = try copy.applyPull([item])[0]
            let f = item.file
            files.append(PullReview.File(recipe: item.recipe.name, origin: f.origin, bytes: f.data.count, sha256: f.sha256,
                                         added: o.summary.added, revised: o.summary.replaced, unchanged: o.summary.unchanged,
                                         dropped: o.dropped, restored: o.restored))
        }
        let diff = try DatabaseDiff.compute(old: AppDatabase(unchecked: before), new: copy, tolerance: tolerance)
        return PullReview(files: files, diff: diff)
    }
}

extension AppDatabase {
    /// Applies reviewed files in one transaction: each recipe's entries (a revision by the same
    /// source replaces its values; the old ones go to `entry_history`), the marks of what the
    /// source no longer has, and a snapshot record per file. Files that change nothing write nothing.
    @discardableResult
    public func pull(_ items: [PullItem]) throws -> WriteSummary {
        var total = WriteSummary()
        for o in try applyPull(items) {
            total.added += o.summary.added
            total.replaced += o.summary.replaced
            total.unchanged += o.summary.unchanged
            total.companiesCreated += o.summary.companiesCreated
            total.changed = total.changed || o.summary.changed
        }
        return total
    }

    func applyPull(_ items: [PullItem]) throws -> [PullOutcome] {
        var outcomes: [PullOutcome] = []
        _ = try transaction(dryRun: false) { db in
            for item in items {
                // a file that changes nothing leaves nothing, not even its run or snapshot rows
                try db.inSavepoint {
                    let o = try Self.applyPull(db, recipe: item.recipe, file: item.file, path: dbWriter.path)
                    outcomes.append(o)
                    return o.summary.changed ? .commit : .rollback
                }
            }
            var summary = WriteSummary()
            summary.changed = outcomes.contains { $0.summary.changed }
            return summary
        }
        return outcomes
    }

    static func applyPull(_ db: Database, recipe: Recipe, file: PullFile, path: String) throws -> PullOutcome {
        var options = recipe.apply(to: IngestOptions())
        options.policy = .replace
        options.forPull = true
        var summary = try ingest(db, [IngestInput(name: file.origin, data: file.data)], options: options, command: "pull", path: path)
        let run = try Int64.fetchOne(db, sql: "SELECT max(id) FROM ingests") ?? 0
        let changedEntries = summary.changed
        try db.execute(sql: """
            INSERT INTO snapshots (recipe, url, fetched_at, bytes, sha256, licence, licence_url, ingest_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [recipe.name, file.origin, ISO8601DateFormatter().string(from: file.fetchedAt), file.data.count, file.sha256,
                             recipe.licence, recipe.licenceURL, run])
        let snapshot = db.lastInsertedRowID
        var dropped: [String] = [], restored: [String] = []
        // the statistics the file stands for: its source's, of the metric and segment it fixes;
        // where another bundled recipe fixes the same (Epoch AI's Nvidia owners, CoreWeave and
        // "Other"), of the owners the file names, as a file tells only the owners it has
        if let source = recipe.fixed("source"), !summary.companyIDs.isEmpty {
            var sql = """
                SELECT st.id, st.identity, st.id IN (SELECT statistic_id FROM upstream_drops) FROM statistics st JOIN sources s ON s.id = st.source_id
                WHERE s.name = ? COLLATE NOCASE AND coalesce(s.url, '') = ? AND st.measure = ?
                """
            var args: StatementArguments = [source, recipe.fixed("source_url") ?? "", recipe.fixed("measure") ?? "value"]
            if recipe.sharesItsScope {
                sql += " AND st.company_id IN (\(summary.companyIDs.sorted().map(String.init).joined(separator: ", ")))"
            }
            if let m = recipe.fixed("metric") { sql += " AND st.metric = ?"; args += [m] }
            if let s = recipe.fixed("segment") { sql += " AND lower(coalesce(st.segment, '')) = lower(?)"; args += [s] }
            if let r = recipe.fixed("region") { sql += " AND lower(coalesce(st.region, '')) = lower(?)"; args += [r] }
            for row in try Row.fetchAll(db, sql: sql + " ORDER BY st.identity", arguments: args) {
                let id: Int64 = row[0], identity: String = row[1], marked: Bool = row[2]
                let inFile = summary.identities.contains(identity)
                if !inFile && !marked {
                    try db.execute(sql: "INSERT INTO upstream_drops (statistic_id, snapshot_id) VALUES (?, ?)", arguments: [id, snapshot])
                    dropped.append(key(identity))
                } else if inFile && marked {
                    try db.execute(sql: "DELETE FROM upstream_drops WHERE statistic_id = ?", arguments: [id])
                    restored.append(key(identity))
                }
            }
        }
        // the snapshot alone is no change: a file as stored is rolled back, the database untouched
        summary.changed = changedEntries || !dropped.isEmpty || !restored.isEmpty
        summary.identities = []
        summary.companyIDs = []
        return PullOutcome(summary: summary, dropped: dropped, restored: restored)
    }

    /// A statistic's identity as `aitrack diff` writes keys.
    static func key(_ identity: String) -> String { identity.split(separator: "|", omittingEmptySubsequences: false).joined(separator: " | ") }
}
