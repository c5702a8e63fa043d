import Foundation
import Testing
@testable import AITrackCore

/// Every failure is one sentence in the house style: no type names, no `Optional(…)`, no SQL,
/// no framework error dumps.
@Suite struct InternalTextTests {
    static let leaks = ["FieldProblem", "Optional(", "NSCocoaErrorDomain", "Error Domain", "while executing", "SQLite error", "DatabaseError"]

    func expectOneSentence(_ r: CLI.Result, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 1, sourceLocation: sourceLocation)
        #expect(r.stderr == expected + "\n", sourceLocation: sourceLocation)
        for leak in Self.leaks { #expect(!r.stderr.contains(leak), sourceLocation: sourceLocation) }
    }

    @Test func badOptionValuesAndFolders() throws {
        let cli = try CLI()
        expectOneSentence(try cli.run("deals", "--kind", "banana"),
                          "aitrack: deals: --kind: 'banana' is not a deal kind; valid: cloud_contract, investment, acquisition, partnership, licensing, hardware_purchase, other.")
        let file = try cli.write("not-a-folder", "x")
        expectOneSentence(try cli.run("export", "--format", "csv", "--dir", file),
                          "aitrack: export: --dir: '\(file)' is a file, not a folder; give a folder (it is created if missing).")
        let folder = cli.dir.appendingPathComponent("a-folder").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        expectOneSentence(try cli.run(["companies", "--db", folder], withDB: false),
                          "aitrack: the database path '\(folder)' is a folder; give a file with --db PATH or $AITRACK_DB.")
        expectOneSentence(try cli.run(["init", "--db", cli.dir.appendingPathComponent("no/such/x.db").path], withDB: false),
                          "aitrack: the folder of the database '\(cli.dir.appendingPathComponent("no/such/x.db").path)' does not exist; create it or give another --db PATH.")
    }

    /// A writer that waits longer than the busy timeout says who holds the lock and what to do.
    @Test func aLockHeldTooLongIsOneSentence() throws {
        let cli = try CLI()
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["sqlite3", cli.db]
        let input = Pipe(), output = Pipe()
        holder.standardInput = input
        holder.standardOutput = output
        try holder.run()
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nSELECT 'locked';\n".utf8))
        var seen = ""
        while !seen.contains("locked") {
            let d = output.fileHandleForReading.availableData
            if d.isEmpty { break }
            seen += String(decoding: d, as: UTF8.self)
        }
        #expect(seen.contains("locked"))
        let r = try cli.run(["add-company", "--name", "Waiter"], env: ["AITRACK_BUSY_TIMEOUT": "1"])
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        expectOneSentence(r, "aitrack: another process has held the write lock on '\(cli.db)' for 1 s; try again when it is done.")
        // reading is not held up by the lock
        #expect(try cli.run("companies", "--company", "Alphabet").status == 0)
    }
}
