import Foundation
import GRDB
import Testing
@testable import AITrackCore

@Suite struct DatasetteMetadataTests {
    static func metadata(_ db: some DatabaseReading) throws -> JSONValue {
        try JSONParser.parse(try db.datasetteMetadata(database: "aitrack", licences: db.bundledLicencesInUse()))
    }

    /// The agreement of metadata.json and docs/SCHEMA.md: every table's and view's title,
    /// description and column meanings are the document's, for every column the database has.
    @Test func tablesAndColumnsAreTheSchemaDocuments() throws {
        let db = try AppDatabase.inMemory(seed: true)
        guard case .object(let tables)? = try Self.metadata(db).member("databases")?.member("aitrack")?.member("tables") else {
            Issue.record("no tables"); return
        }
        let names = try db.reader.read { try String.fetchAll($0, sql: """
            SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
            """) }
        #expect(Set(tables.map(\.0)) == Set(names + ["grdb_migrations"]))
        for name in names {
            let t = tables.first { $0.0 == name }!.1
            let section = SchemaDocument.bundled.section(name)!
            #expect(t.member("title") == .string(name + " — " + section.title!))
            #expect(t.member("description") == .string(section.description))
            let columns = try db.reader.read { try String.fetchAll($0, sql: "SELECT name FROM pragma_table_info(?)", arguments: [name]) }
            guard case .object(let described)? = t.member("columns") else { Issue.record("\(name): no columns"); continue }
            #expect(described.map(\.0) == columns)
            for (c, meaning) in described { #expect(meaning == .string(section.meaning(of: c)!)) }
            // Epoch AI's licence where its rows are, a link to the sources elsewhere
            let epoch = ["statistics", "statistics_overview", "metric_year_values", "metric_year_shares", "metric_year_concentration"]
            if epoch.contains(name) {
                #expect(t.member("license_url") == .string("https://github.com/epoch-research/ai-chip-counts/blob/main/LICENSE"))
            } else {
                #expect(t.member("source_url") == .string("/aitrack/sources"))
            }
        }
    }

    /// Without Epoch AI's rows no licence is claimed.
    @Test func noLicenceWithoutLicensedRows() throws {
        let m = try Self.metadata(try AppDatabase.inMemory())
        #expect(m.member("license") == nil)
        #expect(m.member("source_url") == .string("/aitrack/sources"))
    }

    /// Every canned query runs on the seed with its parameters and returns rows; its named
    /// parameters are the ones it lists.
    @Test func everyCannedQueryRuns() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let values = ["metric": "ai_compute_h100e", "year": "2025", "verdict": "", "company": "Google"]
        for q in CannedQuery.all {
            let named = Set(q.sql.matches(of: /:([a-z_]+)/).map { String($0.1) })
            #expect(named == Set(q.params), "\(q.name)")
            let rows = try db.reader.read { db in
                try Row.fetchAll(db, sql: q.sql, arguments: StatementArguments(q.params.map { ($0, values[$0]!) }.reduce(into: [String: String]()) {
                    $0[$1.0] = $1.1
                }))
            }
            #expect(!rows.isEmpty, "\(q.name) returns nothing")
        }
    }
}
