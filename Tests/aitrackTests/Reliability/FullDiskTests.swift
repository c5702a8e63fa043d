import Foundation
import Testing
@testable import AITrackCore

/// A full disk (a file-size limit) is named as the cause, once, and nothing is written.
@Suite struct FullDiskTests {
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
