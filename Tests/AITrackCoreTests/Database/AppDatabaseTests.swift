import Foundation
import GRDB
import Testing
@testable import AITrackCore

@Suite struct AppDatabaseTests {
    static func pageSize(_ path: String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { try Int.fetchOne($0, sql: "PRAGMA page_size") ?? 0 }
    }

    @Test func aNewFileHasPagesOfSixteenKiB() throws {
        let folder = TempFolder()
        _ = try AppDatabase.open(path: folder.path(), seed: false)
        #expect(try Self.pageSize(folder.path()) == AppDatabase.pageSize)
        #expect(AppDatabase.pageSize == 16_384)
    }

    /// A file made with SQLite's 4 KiB pages (by an older aitrack, or another tool) keeps them:
    /// it is opened, written and checked as it is.
    @Test func aFileWithOtherPagesKeepsThem() throws {
        let folder = TempFolder()
        let path = folder.path()
        try makeDatabase(at: path) { db in
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
            try db.execute(sql: "PRAGMA page_size = 4096")
            try db.execute(sql: "VACUUM")
        }
        #expect(try Self.pageSize(path) == 4096)
        let db = try AppDatabase.open(path: path, seed: false).database
        let summary = try db.ingest([ndjson(EntryWriterBulkTests.file(100))], options: IngestOptions())
        #expect(summary.added == 100)
        #expect(try db.check().isEmpty)
        #expect(try Self.pageSize(path) == 4096)
    }
}
