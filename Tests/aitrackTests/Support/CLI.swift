import Foundation

/// Runs the built `aitrack` binary as a user would, with its own database file in a folder of
/// its own, removed when the test is done with it.
final class CLI: Sendable {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let db: String
    let dir: URL

    /// A fresh folder with a database made by `aitrack init` (seeded unless `seed` is false);
    /// with `create` false, the folder only.
    init(seed: Bool = true, create: Bool = true) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("aitrack-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        db = dir.appendingPathComponent("aitrack.db").path
        guard create else { return }
        let r = seed ? try run("init") : try run("init", "--no-seed")
        precondition(r.status == 0, r.stderr)
    }

    deinit {
        try? FileManager.default.removeItem(at: dir)
    }

    static let binary: URL = {
        // next to the test bundle in .build/<triple>/<config>/
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("aitrack")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/aitrack")
    }()

    /// The repository (this file is Tests/aitrackTests/Support/CLI.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Runs with `--db` appended (unless `withDB` is false), optional stdin and environment.
    @discardableResult
    func run(_ args: String..., stdin: String? = nil, env: [String: String] = [:], withDB: Bool = true) throws -> Result {
        try run(args, stdin: stdin, env: env, withDB: withDB)
    }

    func run(_ args: [String], stdin: String? = nil, env: [String: String] = [:], withDB: Bool = true) throws -> Result {
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = args + (withDB ? ["--db", db] : [])
        p.currentDirectoryURL = dir
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "AITRACK_DB")
        // no aitrack.db in a parent folder (a stray /tmp/aitrack.db) is ever found instead
        environment["AITRACK_CEILING_DIRECTORIES"] = dir.deletingLastPathComponent().path
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        // stdout and stderr go to files: no pipe can fill up and block the child
        let id = UUID().uuidString
        let outURL = dir.appendingPathComponent("out-\(id)"), errURL = dir.appendingPathComponent("err-\(id)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        p.waitUntilExit()
        try out.close()
        try err.close()
        let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// `sqlite3 DB SQL` — a real client of the file.
    func sqlite(_ sql: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sqlite3", db, sql]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A text dump of every table, to prove a failed command changed nothing.
    func dump() throws -> String { try sqlite(".dump") }

    func write(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}

extension CLI {
    /// Runs in a pseudo-terminal `columns` wide (Tests/Support/pty_run.py; COLUMNS unset, so the
    /// binary asks the terminal), with `--db` appended; stdout and stderr as the terminal shows them.
    func inTerminal(columns: Int, _ args: [String], env: [String: String] = [:]) throws -> Result {
        let p = Process()
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", CLI.root.appendingPathComponent("Tests/Support/pty_run.py").path, String(columns), Self.binary.path]
            + args + ["--db", db]
        p.currentDirectoryURL = dir
        let out = dir.appendingPathComponent("pty-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let handle = try FileHandle(forWritingTo: out)
        p.standardOutput = handle
        try p.run()
        p.waitUntilExit()
        try handle.close()
        defer { try? FileManager.default.removeItem(at: out) }
        return Result(status: p.terminationStatus, stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self), stderr: "")
    }
}
