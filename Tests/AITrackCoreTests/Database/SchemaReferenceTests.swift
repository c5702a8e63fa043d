import Foundation
import GRDB
import Testing
@testable import AITrackCore

@Suite struct SchemaReferenceTests {
    /// A file migrated step by step from the oldest version compares equal to a new one.
    @Test func aFileMigratedFromTheOldestVersionIsIntact() throws {
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue, upTo: Migrations.all[0].name)
        try queue.write { try $0.execute(sql: "PRAGMA user_version = 1") }
        _ = try AppDatabase.createOrMigrate(queue, seed: false)
        let c = try queue.read { try SchemaReference.compare($0) }
        #expect(c.changed.isEmpty)
        #expect(c.added.isEmpty)
        #expect(SchemaReference.objects.contains { $0.type == "view" && $0.name == "deals_overview" })
    }

    @Test func whitespaceIsNotADifference() {
        #expect(SchemaReference.normalised("CREATE  VIEW v\n\tAS SELECT 1 ") == "CREATE VIEW v AS SELECT 1")
    }

    /// The report's guard names a changed view and a missing trigger.
    @Test func aChangedViewOrTriggerIsRefused() throws {
        let db = try AppDatabase.inMemory(seed: false)
        try db.requireIntactViewsAndTriggers()
        try db.dbWriter.writeWithoutTransaction { try $0.execute(sql: "DROP TRIGGER statistics_one_unit_insert") }
        #expect(throws: SchemaProblem.changed(path: ":memory:", type: "trigger", name: "statistics_one_unit_insert", missing: true)) {
            try db.requireIntactViewsAndTriggers()
        }
    }
}
