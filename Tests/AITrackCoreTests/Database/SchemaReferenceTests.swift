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
        _ = try AppDatabase.createOrMigrate(queue, seeding: nil)
        let c = try queue.read { try SchemaReference.compare($0) }
        #expect(c.changed.isEmpty)
        #expect(c.added.isEmpty)
        #expect(SchemaReference.objects.contains { $0.type == "view" && $0.name == "deals_overview" })
    }

    @Test func whitespaceIsNotADifference() {
        #expect(SchemaReference.normalised("CREATE  VIEW v\n\tAS SELECT 1 ") == "CREATE VIEW v AS SELECT 1")
        #expect(SchemaReference.normalised(" \r\n ") == "" && SchemaReference.normalised("a\r\n\r\nb ") == "a b")
        #expect(SchemaReference.normalised("x = 'ü  é'") == "x = 'ü é'")
    }

    /// The reference written down (SchemaReference+Expected.swift) is what the migrations make
    /// of an empty database, object for object; after a new migration, run scripts/schema-reference.sh.
    @Test func theEmbeddedReferenceIsWhatTheMigrationsMake() throws {
        let built = try SchemaReference.build()
        #expect(built.count == SchemaReference.expected.count, "run scripts/schema-reference.sh")
        for (b, e) in zip(built, SchemaReference.expected) {
            #expect(b == e, "\(b.type) \(b.name) differs from the written reference: run scripts/schema-reference.sh")
        }
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
