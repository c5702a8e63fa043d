import Foundation
import GRDB
@testable import AITrackCore

/// Every row of every table, as text: two equal snapshots mean an unchanged database.
func snapshot(_ db: some DatabaseReading) throws -> String {
    try db.reader.read { db in
        var out = ""
        for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name") {
            out += "## \(table)\n"
            for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\" ORDER BY rowid") { out += row.description + "\n" }
        }
        return out
    }
}

func count(_ db: some DatabaseReading, _ sql: String, _ args: StatementArguments = []) throws -> Int {
    try db.reader.read { try Int.fetchOne($0, sql: sql, arguments: args) ?? -1 }
}

/// Decodes one NDJSON line (tests write entries as they appear in files).
func entry(_ json: String) throws -> Entry {
    guard case .object(let o) = try JSONParser.parse(json) else { fatalError("not an object") }
    return try EntryDecoder().decode(o)
}

/// An input of these bytes or this text under `name` (as a file of that name would be read).
func input(_ name: String, _ bytes: [UInt8]) -> IngestInput { IngestInput(name: name, data: Data(bytes)) }

func input(_ name: String, _ text: String) -> IngestInput { input(name, Array(text.utf8)) }

/// NDJSON lines as the input `test.ndjson` (or `name`).
func ndjson(_ lines: String, name: String = "test.ndjson") -> IngestInput { input(name, lines) }

/// Makes an empty aitrack database at `path`, then changes it through a plain connection, as
/// another tool would.
func makeDatabase(at path: String, changedBy body: (Database) throws -> Void) throws {
    _ = try AppDatabase.open(path: path, seed: false)
    let queue = try DatabaseQueue(path: path)
    try queue.writeWithoutTransaction(body)
    try queue.close()
}

/// A folder of its own for a test's files, removed when the test no longer holds it.
final class TempFolder {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("aitrack-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ name: String = "aitrack.db") -> String { url.appendingPathComponent(name).path }
}

extension IngestFailure {
    /// The first problem as `aitrack ingest` prints it, without a remedy (the sentences of a
    /// failure are the executable's: ErrorText).
    var firstLine: String { errors.first.map { Excerpt.message($0.description, limit: 1000) } ?? "" }
}
