import Foundation

/// Tests/Support/upstream_server.py on 127.0.0.1, serving a folder: the files, broken answers
/// (statuses, redirects, HTML, a cut body, a stall). It ends when this object goes.
final class UpstreamServer: @unchecked Sendable {
    let port: Int
    let dir: URL
    private let process = Process()
    private let input = Pipe()

    init(serving dir: URL) throws {
        self.dir = dir
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CLI.root.appendingPathComponent("Tests/Support/upstream_server.py").path, dir.path]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // the first line is the port it bound
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) { line += byte }
        guard let p = Int(String(decoding: line, as: UTF8.self)) else { throw CocoaError(.fileReadUnknown) }
        port = p
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

    deinit {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

/// The repository's Epoch AI files, and copies of them revised as upstream might.
enum EpochFiles {
    static let folder = CLI.root.appendingPathComponent("data/epoch-ai-chip-counts")
    static let nvidia = "nvidia_owners_cumulative_totals.csv"

    static func text(_ name: String) throws -> String { try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) }

    /// The Nvidia owners with Meta's 2025-Q4 median 2,100,000 (high at least that), China's
    /// 2025-Q4 row gone and a new owner, xAI, at 2025-Q4.
    static func revisedNvidia() throws -> String {
        var lines = try text(nvidia).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var out = [lines[0]]
        for line in lines.dropFirst() {
            var f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if f[2] == "China" && f[4] == "12/31/2025" { continue }
            if f[2] == "Meta" && f[4] == "12/31/2025" {
                f[5] = "2100000"
                f[7] = String(max(Int(f[7]) ?? 0, 2_100_000))
            }
            out.append(f.joined(separator: ","))
        }
        var x = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        (x[0], x[2], x[4], x[5], x[6], x[7]) = ("xAI cumulative", "xAI", "12/31/2025", "500000", "400000", "600000")
        out.append(x.joined(separator: ","))
        return out.joined(separator: "\n") + "\n"
    }
}
