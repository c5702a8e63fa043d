import Foundation
import Testing
@testable import AITrackCore

/// A full disk (a file-size limit) is named as the cause, once, and nothing is written.
@Suite struct FullDiskTests {
    /// Output sent to a full disk (`/dev/full`) is a failed run with one sentence, for a small
    /// report and for the JSON one written in pieces; the database is left as it was.
    @Test(arguments: [["report", "--year", "2025"], ["report", "--year", "2025", "--format", "json"], ["companies"]])
    func outputToAFullDiskFails(args: [String]) throws {
        let cli = try CLI()
        let before = bytes(cli.db)
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = args + ["--db", cli.db]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        try p.run()
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 1, "\(args)")
        #expect(e == "aitrack: cannot write the output: No space left on device.\n", "\(args)")
        #expect(bytes(cli.db) == before)
    }

    @Test func aFileSizeLimitIsTheCauseAndNothingIsWritten() throws {
        let cli = try CLI()
        var lines = ""
        for i in 0..<60_000 {
            lines += #"{"type":"statistic","metric":"disk_test","date":"2025-12-31","company":"Firm \#(i % 700)","segment":"S\#(i)","value":\#(i),"unit":"u","source":"Test"}"# + "\n"
        }
        let file = try cli.write("big.ndjson", lines)
        let before = try cli.dump()
        let limitKB = fileSize(cli.db) / 1024 + 400
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", "ulimit -f \(limitKB); exec \"$0\" ingest \"$1\" --db \"$2\"", CLI.binary.path, file, cli.db]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 1)
        #expect(e.split(separator: "\n").count == 1, "\(e)")
        #expect(e.hasPrefix("aitrack: could not write to '\(cli.db)'"), "\(e)")
        #expect(e.hasSuffix(": the disk is full or a file-size limit was reached; nothing was written.\n"), "\(e)")
        #expect(try cli.dump() == before)
        #expect(try cli.run("check").status == 0)
    }
}
