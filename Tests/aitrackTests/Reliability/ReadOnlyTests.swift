import Foundation
import Testing
@testable import AITrackCore

/// A read-only file or folder can be read; a write says why it cannot. Run as an unprivileged
/// user (root ignores permissions).
@Suite struct ReadOnlyTests {
    func asNobody(_ binary: URL, _ args: [String], cwd: URL) throws -> CLI.Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        p.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", binary.path] + args
        p.currentDirectoryURL = cwd
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLI.Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    @Test(arguments: ["folder", "file"])
    func readOnlyCanBeReadNotWritten(_ what: String) throws {
        let cli = try CLI()
        // a copy of the binary inside the test's folder (under the temporary directory), so the
        // unprivileged user can run it wherever the checkout lives: a clone in a private home
        // folder is not searchable by `nobody`
        let binary = cli.dir.appendingPathComponent("aitrack-copy")
        try FileManager.default.copyItem(at: CLI.binary, to: binary)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: cli.db)
        try FileManager.default.setAttributes([.posixPermissions: what == "folder" ? 0o555 : 0o777], ofItemAtPath: cli.dir.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: cli.dir.path) }
        let before = bytes(cli.db)
        let report = try asNobody(binary, ["report", "--year", "2025", "--db", cli.db], cwd: cli.dir)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("CR5 73.56 %"))
        let sql = try asNobody(binary, ["sql", "SELECT count(*) AS n FROM deals", "--db", cli.db, "--format", "csv"], cwd: cli.dir)
        #expect(sql.stdout == "n\n\(try cli.sqlite("SELECT count(*) FROM deals"))\n", "\(sql.stderr)")
        let write = try asNobody(binary, ["add-company", "--name", "Newco", "--db", cli.db], cwd: cli.dir)
        #expect(write.status == 1)
        #expect(write.stderr == "aitrack: cannot write to '\(cli.db)': the file is read-only (no write permission); commands that only read still work, or give a writable --db PATH.\n", "\(write.stderr)")
        #expect(bytes(cli.db) == before)
        // neither the reads nor the refused write leave a `-wal` or `-shm` beside the file
        #expect(!FileManager.default.fileExists(atPath: cli.db + "-wal") && !FileManager.default.fileExists(atPath: cli.db + "-shm"))
    }

    /// A refused write leaves nothing that blocks the next one (issue 27): once the file is
    /// writable again, the same write lands. A read-only `-shm` another program left is named
    /// as the cause, and the file is left as it was.
    @Test func aRefusedWriteLeavesNothingThatBlocksTheNext() throws {
        let cli = try CLI()
        let binary = cli.dir.appendingPathComponent("aitrack-copy")
        try FileManager.default.copyItem(at: CLI.binary, to: binary)
        let files = FileManager.default
        try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary.path)
        try files.setAttributes([.posixPermissions: 0o777], ofItemAtPath: cli.dir.path)
        defer { try? files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: cli.dir.path) }
        try files.setAttributes([.posixPermissions: 0o444], ofItemAtPath: cli.db)
        let before = bytes(cli.db)
        let add = ["add-company", "--name", "Newco", "--db", cli.db]
        #expect(try asNobody(binary, ["companies", "--db", cli.db], cwd: cli.dir).status == 0)
        let refused = try asNobody(binary, add, cwd: cli.dir)
        #expect(refused.status == 1 && refused.stderr.contains("the file is read-only (no write permission)"), "\(refused.stderr)")
        #expect(!files.fileExists(atPath: cli.db + "-wal") && !files.fileExists(atPath: cli.db + "-shm"))
        #expect(bytes(cli.db) == before)
        try files.setAttributes([.posixPermissions: 0o666], ofItemAtPath: cli.db)
        let landed = try asNobody(binary, add, cwd: cli.dir)
        #expect(landed.status == 0, "\(landed.stderr)")
        #expect(try cli.sqlite("SELECT count(*) FROM companies WHERE name = 'Newco'") == "1")

        // a read-only `-shm` of another user's: named, and nothing written
        let after = bytes(cli.db)
        #expect(files.createFile(atPath: cli.db + "-shm", contents: Data(), attributes: [.posixPermissions: 0o444]))
        let blocked = try asNobody(binary, ["add-company", "--name", "Othercorp", "--db", cli.db], cwd: cli.dir)
        #expect(blocked.stderr == "aitrack: cannot write to '\(cli.db)': the file '\(cli.db)-shm' beside it is read-only (another program or user made it); make it writable, or remove it when nothing else uses the database (it holds no data); commands that only read still work, or give a writable --db PATH.\n", "\(blocked.stderr)")
        #expect(blocked.status == 1 && bytes(cli.db) == after)
    }
}
