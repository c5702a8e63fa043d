import Foundation
import Testing
@testable import AITrackCore

@Suite struct PublishCommandTests {
    /// `publish datasette DIR` writes DIR/metadata.json naming the database as Datasette does
    /// (its file name without .db), with every canned query, and leaves the database as it was.
    @Test func writesMetadataAndOnlyReads() throws {
        let cli = try CLI()
        let before = bytes(cli.db)
        let r = try cli.run("publish", "datasette", "site")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "aitrack: wrote site/metadata.json (\(CannedQuery.all.count) canned queries); serve it with: datasette \(cli.db) -m site/metadata.json\n")
        #expect(bytes(cli.db) == before)
        let text = try String(contentsOf: cli.dir.appendingPathComponent("site/metadata.json"), encoding: .utf8)
        let m = try JSONParser.parse(text)
        guard case .object(let queries)? = m.member("databases")?.member("aitrack")?.member("queries") else { Issue.record("no queries"); return }
        #expect(queries.map(\.0) == CannedQuery.all.map(\.name))
        // a database of another name is another key; the same database gives the same file
        let copy = cli.dir.appendingPathComponent("market-2026.db").path
        try FileManager.default.copyItem(atPath: cli.db, toPath: copy)
        #expect(try cli.run(["publish", "datasette", "site2", "--db", copy, "--quiet"], withDB: false).status == 0)
        let other = try JSONParser.parse(String(contentsOf: cli.dir.appendingPathComponent("site2/metadata.json"), encoding: .utf8))
        #expect(other.member("databases")?.member("market-2026") != nil)
        #expect(try cli.run("publish", "datasette", "site", "--quiet").status == 0)
        #expect(try String(contentsOf: cli.dir.appendingPathComponent("site/metadata.json"), encoding: .utf8) == text)
    }

    /// A file where the folder should be: one sentence, nothing written.
    @Test func aFileIsNoFolder() throws {
        let cli = try CLI()
        let file = try cli.write("site", "not a folder")
        let r = try cli.run("publish", "datasette", file)
        #expect(r.status != 0)
        #expect(r.stderr == "aitrack: publish datasette: '\(file)' is a file, not a folder; give a folder (it is created if missing).\n")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "not a folder")
    }
}
