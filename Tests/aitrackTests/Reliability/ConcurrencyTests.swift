import Foundation
import Testing
@testable import AITrackCore

@Suite(.serialized) struct ConcurrencyTests {
    /// While an ingest runs, readers see the old or the new state, never a part of it, and a
    /// second writer waits for its turn instead of failing.
    @Test func readersSeeOldOrNewAndASecondWriterWaits() throws {
        let cli = try CLI()
        _ = try cli.run("init")
        let n = 15_000
        var lines = ""
        for i in 0..<n {
            lines += #"{"type":"statistic","metric":"concurrency_test","date":"2025-12-31","company":"Firm \#(i % 500)","segment":"S\#(i / 500)","value":\#(i),"unit":"H100e","source":"Test"}"# + "\n"
        }
        let file = try cli.write("big.ndjson", lines)
        let before = Int(try cli.sqlite("SELECT count(*) FROM statistics"))!

        let ingest = Process()
        ingest.executableURL = CLI.binary
        ingest.arguments = ["ingest", file, "--db", cli.db, "--quiet"]
        try ingest.run()
        var readsDuringIngest = 0
        var seen = Set<Int>()
        var writer: CLI.Result?
        var rounds = 0
        while ingest.isRunning && rounds < 400 {
            rounds += 1
            let c = Int(try cli.sqlite("SELECT count(*) FROM statistics")) ?? -1
            let viaAitrack = try cli.run("sql", "SELECT count(*) FROM statistics", "--format", "csv")
            let c2 = Int(viaAitrack.stdout.split(separator: "\n").last ?? "") ?? -1
            if ingest.isRunning {
                readsDuringIngest += 1
                seen.insert(c)
                seen.insert(c2)
                #expect(viaAitrack.status == 0, "\(viaAitrack.stderr)")
            }
            if writer == nil && ingest.isRunning {
                // a second writer while the ingest holds the write lock: it waits, then succeeds
                writer = try cli.run("add-company", "--name", "Waiting Writer Inc")
            }
        }
        ingest.waitUntilExit()
        #expect(ingest.terminationStatus == 0)
        #expect(readsDuringIngest >= 1, "the ingest ended before any read: make the file larger")
        #expect(seen.isSubset(of: [before, before + n]), "a reader saw a partial state: \(seen.sorted())")
        #expect(writer?.status == 0, "\(writer?.stderr ?? "")")
        #expect(try cli.sqlite("SELECT count(*) FROM statistics") == String(before + n))
        #expect(try cli.sqlite("SELECT count(*) FROM companies WHERE name = 'Waiting Writer Inc'") == "1")
    }
}
