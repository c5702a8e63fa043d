import Foundation
import GRDB
import Testing
@testable import AITrackCore

@Suite struct SchemaDocumentTests {
    static let sample = """
        # The db

        One file.
        Two lines.

        Conventions:

        - `note` is free text
          kept with the row.
        - **Dates** are ISO.

        ## Tables

        ### `things` — what there is

        | column | type | meaning |
        |---|---|---|
        | `id` | INTEGER PK | the row |
        | `owner_id` | INTEGER → owners | |
        | `note`, `size` | | as above |
        | `identity` | TEXT | `a|b|c` (lower case) |

        | `in_total` | when | counts in |
        |---|---|---|
        | `no_value` | no value | nothing |

        ### `things_view`

        Things, named.

        | column | meaning |
        |---|---|
        | `id`, `identity` | as in `things` |
        | `owner` | the [owner](https://example.org)'s **name** |
        """

    /// Sections, titles, first paragraphs and column meanings, with the conventions, the
    /// `→` of a reference and "as in" filling the empty cells; a table not headed `column` is no column list.
    @Test func readsSectionsAndColumns() {
        let d = SchemaDocument(markdown: Self.sample)
        #expect(d.title == "The db")
        #expect(d.description == "One file. Two lines.")
        #expect(d.sections.map(\.name) == ["things", "things_view"])
        let things = d.section("things")!
        #expect(things.title == "what there is")
        #expect(things.description == "What there is.")
        #expect(things.columns.map(\.name) == ["id", "owner_id", "note", "size", "identity"])
        #expect(things.meaning(of: "owner_id") == "refers to owners")
        #expect(things.meaning(of: "note") == "note is free text kept with the row.")
        #expect(things.meaning(of: "size") == "")
        #expect(things.meaning(of: "identity") == "a|b|c (lower case)")
        #expect(things.meaning(of: "no_value") == nil)
        let view = d.section("things_view")!
        #expect(view.title == nil && view.description == "Things, named.")
        #expect(view.meaning(of: "id") == "the row" && view.meaning(of: "identity") == "a|b|c (lower case)")
        #expect(view.meaning(of: "owner") == "the owner's name")
    }

    /// The copy in the binary is docs/SCHEMA.md, and it gives every table and view of a new
    /// database a title, a description and a meaning for each of its columns.
    @Test func theBundledDocumentDescribesEveryColumn() throws {
        let disk = try String(contentsOf: EmbeddedResourcesTests.root.appendingPathComponent("docs/SCHEMA.md"), encoding: .utf8)
        #expect(SchemaDocument(markdown: disk) == SchemaDocument.bundled, "docs/SCHEMA.md differs from the embedded copy: rebuild")
        let db = try AppDatabase.inMemory()
        let names = try db.reader.read { try String.fetchAll($0, sql: """
            SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
            """) }
        #expect(names.count > 20)
        for name in names {
            guard let section = SchemaDocument.bundled.section(name) else { Issue.record("docs/SCHEMA.md has no section for \(name)"); continue }
            #expect(section.title?.isEmpty == false, "\(name) has no title")
            #expect(!section.description.isEmpty, "\(name) has no description")
            let columns = try db.reader.read { try String.fetchAll($0, sql: "SELECT name FROM pragma_table_info(?)", arguments: [name]) }
            for c in columns {
                #expect(section.meaning(of: c).map { !$0.isEmpty } == true, "docs/SCHEMA.md gives \(name).\(c) no meaning")
            }
        }
    }
}
