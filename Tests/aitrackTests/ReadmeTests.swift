import Foundation
import Testing
@testable import AITrackCore

/// The README is tested: every ```sh block runs, in order and as written, in a fresh folder
/// whose default database is the seeded one (with `examples/` and `data/` beside it, as in a
/// clone); every error example shows the real message.
@Suite struct ReadmeTests {
    struct Block {
        var line: Int
        var language: String
        var text: String
        /// The reason given by a `<!-- readme-test: skip … -->` line just before the block.
        var skipped: String?
    }

    /// The documents whose examples run: the README and the command reference.
    static let documents = ["README.md", "docs/COMMANDS.md", "docs/DATABASE.md"]

    static func blocks(_ document: String = "README.md") throws -> [Block] {
        let lines = try String(contentsOf: CLI.root.appendingPathComponent(document), encoding: .utf8).components(separatedBy: "\n")
        var out: [Block] = []
        var k = 0
        while k < lines.count {
            guard lines[k].hasPrefix("```") else { k += 1; continue }
            let language = String(lines[k].dropFirst(3)).trimmingCharacters(in: .whitespaces)
            let previous = lines[..<k].last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
            let skip = previous.hasPrefix("<!-- readme-test: skip") ? previous : nil
            var body: [String] = []
            let start = k + 1
            k += 1
            while k < lines.count && !lines[k].hasPrefix("```") { body.append(lines[k]); k += 1 }
            out.append(Block(line: start, language: language, text: body.joined(separator: "\n"), skipped: skip))
            k += 1
        }
        return out
    }

    /// A fresh folder as a clone looks to a user: `examples/` and `data/`, and the seeded
    /// default database.
    static func folder() throws -> CLI {
        let cli = try CLI(create: false)
        for sub in ["examples", "data"] {
            try FileManager.default.copyItem(at: CLI.root.appendingPathComponent(sub), to: cli.dir.appendingPathComponent(sub))
        }
        let r = try cli.run(["init", "--quiet"], withDB: false)
        precondition(r.status == 0, r.stderr)
        return cli
    }

    static func bash(_ script: String, in cli: CLI) throws -> CLI.Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-e", "-o", "pipefail", "-c", script]
        p.currentDirectoryURL = cli.dir
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "AITRACK_DB")
        env["AITRACK_CEILING_DIRECTORIES"] = cli.dir.deletingLastPathComponent().path
        env["PATH"] = CLI.binary.deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env["NO_COLOR"] = "1"
        p.environment = env
        let out = cli.dir.appendingPathComponent(".readme-out"), err = cli.dir.appendingPathComponent(".readme-err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return CLI.Result(status: p.terminationStatus, stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                          stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    @Test(arguments: documents) func everyShellExampleRuns(_ document: String) throws {
        let blocks = try Self.blocks(document).filter { $0.language == "sh" }
        let cli = try Self.folder()
        var ran = 0
        for b in blocks {
            if let reason = b.skipped {
                #expect(reason.count > "<!-- readme-test: skip -->".count + 5, "\(document):\(b.line): a skipped block must say why")
                continue
            }
            let r = try Self.bash(b.text, in: cli)
            #expect(r.status == 0, "\(document):\(b.line): the example failed:\n\(b.text)\n\(r.stderr)")
            ran += 1
        }
        // what the examples did leaves a database that still passes its checks
        #expect(try cli.run(["check"], withDB: false).status == 0)
    }

    /// Between them, the documents run at least as many examples as the README alone once did.
    @Test func theExamplesAreMany() throws {
        let runnable = try Self.documents.flatMap { try Self.blocks($0) }.filter { $0.language == "sh" && $0.skipped == nil }
        #expect(runnable.count >= 20)
        let errors = try Self.documents.flatMap { try Self.blocks($0) }.filter { $0.language.isEmpty && $0.text.hasPrefix("$ aitrack") }
        #expect(errors.count >= 2)
    }

    /// Plain blocks of `$ aitrack …` lines followed by what it prints on stderr: the real message.
    @Test(arguments: documents) func errorExamplesShowTheRealMessage(_ document: String) throws {
        let examples = try Self.blocks(document).filter { $0.language.isEmpty && $0.text.hasPrefix("$ aitrack") }
        for b in examples {
            var command: String?
            var expected: [String] = []
            func check() throws {
                guard let command else { return }
                let cli = try Self.folder()
                let r = try Self.bash(command, in: cli)
                #expect(r.status != 0, "\(document):\(b.line): \(command) succeeded")
                #expect(r.stderr == expected.joined(separator: "\n") + "\n", "\(document):\(b.line): \(command)")
            }
            for line in b.text.components(separatedBy: "\n") {
                if line.hasPrefix("$ ") {
                    try check()
                    command = String(line.dropFirst(2))
                    expected = []
                } else {
                    expected.append(line)
                }
            }
            try check()
        }
    }
}
