import Foundation
import Testing
@testable import AITrackCore

@Suite struct ProgressTests {
    /// On a terminal (a pseudo-terminal made by `script`), a long ingest shows a progress line.
    @Test func aProgressLineOnATerminal() throws {
        let cli = try CLI(seed: false)
        var lines = ""
        for i in 0..<12_000 {
            lines += #"{"type":"statistic","metric":"progress_test","date":"2025","company":"F\#(i % 100)","segment":"S\#(i)","value":1,"unit":"u","source":"T"}"# + "\n"
        }
        let file = try cli.write("p.ndjson", lines)
        let typescript = cli.dir.appendingPathComponent("typescript").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-qc", "'\(CLI.binary.path)' ingest '\(file)' --db '\(cli.db)'", typescript]
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        var env = ProcessInfo.processInfo.environment
        env["AITRACK_PROGRESS_AFTER"] = "0"   // show it however fast the machine is
        p.environment = env
        try p.run()
        p.waitUntilExit()
        let screen = try String(contentsOfFile: typescript, encoding: .utf8)
        #expect(screen.contains("entries read"))
        #expect(screen.contains("12000 entries: 12000 added"))
    }
}
