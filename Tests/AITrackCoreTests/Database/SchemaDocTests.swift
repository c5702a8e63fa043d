import Foundation
import GRDB
import Testing
@testable import AITrackCore

/// The example queries in docs/SCHEMA.md run on the seed data and return rows.
@Suite struct SchemaDocTests {
    @Test func everyExampleQueryRuns() throws {
        let doc = try String(contentsOf: EmbeddedResourcesTests.root.appendingPathComponent("docs/SCHEMA.md"), encoding: .utf8)
        let blocks = doc.components(separatedBy: "```sql\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        #expect(blocks.count >= 6)
        let db = try AppDatabase.inMemory(seed: true)
        for sql in blocks {
            let r = try db.runSQL(sql)
            #expect(r.tables.last.map { !$0.rows.isEmpty } == true, "no rows: \(sql)")
        }
    }

    @Test func everyTableAndViewIsDocumented() throws {
        let doc = try String(contentsOf: EmbeddedResourcesTests.root.appendingPathComponent("docs/SCHEMA.md"), encoding: .utf8)
        let db = try AppDatabase.inMemory()
        let names = try db.reader.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'") }
        for name in names {
            #expect(doc.contains("### `\(name)`"), "docs/SCHEMA.md has no section for \(name)")
            let columns = try db.reader.read { try Row.fetchAll($0, sql: "SELECT name FROM pragma_table_info(?)", arguments: [name]).map { $0["name"] as String } }
            for column in columns {
                #expect(doc.contains("`\(column)`"), "docs/SCHEMA.md does not name \(name).\(column)")
            }
        }
    }
}
