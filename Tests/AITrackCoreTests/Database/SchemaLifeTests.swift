import Foundation
import GRDB
import Testing
@testable import AITrackCore

@Suite struct SchemaLifeTests {
    /// A database made by the first released schema (0001) is upgraded with its data intact.
    @Test func upgradesTheFirstSchemaWithItsData() throws {
        let tmp = TempFolder()
        let path = tmp.path()
        let queue = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(queue, upTo: "0001_init")
        try queue.write { db in
            try db.execute(sql: """
                PRAGMA user_version = 1;
                INSERT INTO sources (name) VALUES ('S');
                INSERT INTO companies (name) VALUES ('A'), ('B');
                INSERT INTO companies (name, kind) VALUES ('Rest', 'aggregate');
                INSERT INTO statistics (identity, metric, date, company_id, value, unit, source_id) VALUES
                  ('1', 'm', '2024-12-31', 1, 60, 'u', 1), ('2', 'm', '2024-12-31', 2, 30, 'u', 1), ('3', 'm', '2024-12-31', 3, 10, 'u', 1);
                """)
        }
        let before = try queue.read { try Row.fetchAll($0, sql: "SELECT * FROM statistics ORDER BY id").map(\.description) }
        try queue.close()
        let opened = try AppDatabase.open(path: path)
        #expect(opened.migratedFrom == 1 && !opened.created)
        let db = opened.database
        #expect(try db.schemaVersion() == Migrations.currentVersion)
        #expect(try AppDatabase.open(path: path).migratedFrom == nil)
        #expect(try db.reader.read { try Row.fetchAll($0, sql: "SELECT * FROM statistics ORDER BY id").map(\.description) } == before)
        func viewHHI() throws -> Double? {
            try db.reader.read { try Double.fetchOne($0, sql: "SELECT hhi_low FROM metric_year_concentration WHERE metric = 'm' AND year = 2024") }
        }
        // its metric has no definition yet (kind other): no figure, in the command or the view;
        // the same figure in both once it is defined a flow
        #expect(try db.concentration(metric: "m", period: .year(2024)).hhiLow == nil)
        #expect(try viewHHI() == nil)
        try db.add(.metric(MetricEntry(name: "m", unit: "u", kind: .flow)), command: "add-metric")
        #expect(try db.concentration(metric: "m", period: .year(2024)).hhiLow == 4500)
        #expect(try viewHHI() == 4500)
        // the upgrade sorted through temporary files; the connection keeps its statement
        // journals in memory again afterwards
        #expect(try db.dbWriter.read { try Int.fetchOne($0, sql: "PRAGMA temp_store") } == 2)
    }

    /// Opening a current database for a read takes no write lock: it works while another
    /// process holds one (a long ingest).
    @Test func openingToReadWorksWhileAWriterHoldsTheLock() throws {
        let tmp = TempFolder()
        let path = tmp.path()
        _ = try AppDatabase.open(path: path)
        let other = try DatabaseQueue(path: path)
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            try db.execute(sql: "INSERT INTO companies (name) VALUES ('Uncommitted')")
            let reader = try AppDatabase.openForReading(path: path, create: false).database
            #expect(try reader.companies(ListFilter(company: "Alphabet")).rows.count == 2)
            #expect(try count(reader, "SELECT count(*) FROM companies WHERE name = 'Uncommitted'") == 0)
        }
    }
}
