import Foundation
import GRDB
import Testing
@testable import AITrackCore

@Suite struct SchemaRepairTests {
    func file() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("repair-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("a.db").path
        _ = try AppDatabase.open(path: path, seed: true)
        return path
    }

    func tamper(_ path: String, _ sql: String) throws {
        let q = try DatabaseQueue(path: path)
        try q.writeWithoutTransaction { try $0.execute(sql: sql) }
        try q.close()
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func aHealthyFileNeedsNothingAndStaysByteIdentical() throws {
        let path = try file()
        let before = try bytes(path)
        #expect(try AppDatabase.repair(path: path, dryRun: false).isEmpty)
        #expect(try bytes(path) == before)
    }

    @Test func aRedefinedViewIsRestoredAndDryRunWritesNothing() throws {
        let path = try file()
        try tamper(path, "DROP VIEW deals_overview; CREATE VIEW deals_overview AS SELECT 1 AS x; DROP INDEX statistics_market")
        let before = try bytes(path)
        let planned = try AppDatabase.repair(path: path, dryRun: true)
        #expect(planned.contains(RepairStep(kind: .recreate, type: "view", name: "deals_overview")))
        #expect(planned.contains(RepairStep(kind: .create, type: "index", name: "statistics_market")))
        #expect(try bytes(path) == before)
        #expect(try AppDatabase.repair(path: path, dryRun: false) == planned)
        #expect(try AppDatabase.repair(path: path, dryRun: false).isEmpty)
    }

    /// grdb_migrations emptied: recognised by its tables, the stamp restored, the rows kept.
    @Test func aMissingStampIsRecognisedAndRestored() throws {
        let path = try file()
        let count = { () throws -> Int in
            let q = try DatabaseQueue(path: path); defer { try? q.close() }
            return try q.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM statistics")! }
        }
        let rows = try count()
        try tamper(path, "DELETE FROM grdb_migrations")
        #expect(throws: DatabaseFileProblem.stampMissing(path: path)) { _ = try AppDatabase.openForReading(path: path, create: false) }
        #expect(try AppDatabase.repair(path: path, dryRun: false).map(\.kind) == [.stamp])
        _ = try AppDatabase.openForReading(path: path, create: false)
        #expect(try count() == rows)
    }

    @Test func aChangedTableIsRefusedWithoutWriting() throws {
        let path = try file()
        try tamper(path, "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'value >= 0', 'value >= -1e9') WHERE name = 'statistics'; PRAGMA writable_schema = OFF")
        let before = try bytes(path)
        #expect(throws: SchemaProblem.tablesChanged(path: path, names: ["statistics"])) { _ = try AppDatabase.repair(path: path, dryRun: false) }
        #expect(try bytes(path) == before)
    }
}
