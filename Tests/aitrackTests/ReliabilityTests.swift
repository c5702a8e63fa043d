import Foundation
import Testing
@testable import AITrackCore

/// Bytes of a file, or nil when it does not exist.
func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

/// Starts the binary without waiting (output discarded).
func spawn(_ args: [String], cwd: URL) throws -> Process {
    let p = Process()
    p.executableURL = CLI.binary
    p.arguments = args
    p.currentDirectoryURL = cwd
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "AITRACK_DB")
    p.environment = env
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    return p
}

func fileSize(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.intValue ?? 0
}

/// Files that are not aitrack databases, and aitrack databases this binary must not open, are
/// refused by every command with one sentence, and left byte for byte as they were.
@Suite struct ForeignFileTests {
    static let readCommands: [[String]] = [["companies"], ["report", "--year", "2025"], ["sql", "SELECT 1"], ["db", "status"], ["check"], ["export"],
                                           ["concentration", "--metric", "m", "--year", "2025"]]
    static let writeCommands: [[String]] = [["init"], ["add-company", "--name", "X"], ["db", "upgrade"], ["sql", "--write", "SELECT 1"]]

    /// (label, how to make the file, start of the sentence after the path, also refused by writes)
    static let kinds: [(String, String, String, Bool)] = [
        ("another program's database", "CREATE TABLE notes(body); INSERT INTO notes VALUES('precious');", "is another program's SQLite database (1 table, none of them aitrack's)", true),
        ("a database with a companies table", "CREATE TABLE companies(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO companies(name) VALUES('mine');", "is another program's SQLite database (1 table, none of them aitrack's)", true),
        ("a text file", "text", "is not a database (not an SQLite file)", true),
        ("a newer aitrack's database", "newer", "has schema version 99, newer than this aitrack's", true),
        ("a truncated aitrack database", "truncated", "is damaged (SQLite:", true),
        ("an empty file", "empty", "holds no aitrack database yet (it is empty)", false),
    ]

    func make(_ how: String, _ cli: CLI) throws {
        switch how {
        case "text": try "hello, these are my notes\n".write(toFile: cli.db, atomically: true, encoding: .utf8)
        case "empty": _ = FileManager.default.createFile(atPath: cli.db, contents: nil)
        case "newer":
            #expect(try cli.run("init").status == 0)
            _ = try cli.sqlite("INSERT INTO grdb_migrations VALUES ('0099_future'); PRAGMA user_version = 99;")
        case "truncated":
            #expect(try cli.run("init").status == 0)
            let data = bytes(cli.db)!
            try data.prefix(data.count / 3).write(to: URL(fileURLWithPath: cli.db))
        default: _ = try cli.sqlite(how)
        }
    }

    @Test(arguments: kinds.indices)
    func refusedAndLeftAsItWas(_ k: Int) throws {
        let (label, how, sentence, writesRefused) = Self.kinds[k]
        let cli = try CLI(create: false)
        try make(how, cli)
        let before = bytes(cli.db)
        let sideFiles = ["-wal", "-shm", "-journal"].filter { FileManager.default.fileExists(atPath: cli.db + $0) }
        for args in Self.readCommands + (writesRefused ? Self.writeCommands : []) {
            let r = try cli.run(args)
            #expect(r.status == 1, "\(label): \(args)")
            #expect(r.stderr.hasPrefix("aitrack: '\(cli.db)' \(sentence)"), "\(label): \(args): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(label): \(args): \(r.stderr)")
            #expect(r.stdout.isEmpty, "\(label): \(args)")
            #expect(bytes(cli.db) == before, "\(label): \(args) changed the file")
            #expect(["-wal", "-shm", "-journal"].filter { FileManager.default.fileExists(atPath: cli.db + $0) } == sideFiles, "\(label): \(args) left side files")
        }
    }

    /// An empty file is a database not made yet: a writing command makes it.
    @Test func anEmptyFileIsMadeByAWritingCommand() throws {
        let cli = try CLI(create: false)
        _ = FileManager.default.createFile(atPath: cli.db, contents: nil)
        let r = try cli.run("init")
        #expect(r.status == 0 && r.stderr.contains("loaded the bundled seed data"))
        #expect(try cli.run("check").status == 0)
    }
}

/// A read-only file or folder can be read; a write says why it cannot. Run as an unprivileged
/// user (root ignores permissions).
@Suite struct ReadOnlyTests {
    func asNobody(_ args: [String], cwd: URL) throws -> CLI.Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        p.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", CLI.binary.path] + args
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
        // the binary must be reachable for the unprivileged user: every folder above it searchable
        var dir = CLI.binary.deletingLastPathComponent()
        var reachable = true
        while dir.path != "/" {
            if let perms = try FileManager.default.attributesOfItem(atPath: dir.path)[.posixPermissions] as? Int, perms & 0o001 == 0 { reachable = false }
            dir = dir.deletingLastPathComponent()
        }
        try #require(reachable, "the built binary is not reachable for an unprivileged user; this test needs it")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: cli.db)
        try FileManager.default.setAttributes([.posixPermissions: what == "folder" ? 0o555 : 0o777], ofItemAtPath: cli.dir.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: cli.dir.path) }
        let before = bytes(cli.db)
        let report = try asNobody(["report", "--year", "2025", "--db", cli.db], cwd: cli.dir)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("CR5 73.56 %"))
        let sql = try asNobody(["sql", "SELECT count(*) AS n FROM deals", "--db", cli.db, "--format", "csv"], cwd: cli.dir)
        #expect(sql.stdout == "n\n6\n", "\(sql.stderr)")
        let write = try asNobody(["add-company", "--name", "Newco", "--db", cli.db], cwd: cli.dir)
        #expect(write.status == 1)
        #expect(write.stderr == "aitrack: cannot write to '\(cli.db)': the file or its folder is read-only; commands that only read still work, or give a writable --db PATH.\n"
                || write.stderr.hasPrefix("aitrack: cannot open the database '\(cli.db)'"), "\(write.stderr)")
        #expect(bytes(cli.db) == before)
        if what == "folder" {
            #expect(!FileManager.default.fileExists(atPath: cli.db + "-wal") && !FileManager.default.fileExists(atPath: cli.db + "-shm"))
        }
    }
}

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

/// SIGKILL at random moments: the database holds all of a run or none of it, and a killed
/// creation is completed, with the whole seed, by the next run.
@Suite(.serialized) struct CrashTests {
    static let trials = 20

    @Test func killedIngestsLeaveAllOrNothing() throws {
        let cli = try CLI()
        let n = 20_000
        var lines = ""
        for i in 0..<n {
            lines += #"{"type":"statistic","metric":"crash_test","date":"2025-12-31","company":"Firm \#(i % 300)","segment":"S\#(i)","value":\#(i),"unit":"u","source":"Test"}"# + "\n"
        }
        let file = try cli.write("big.ndjson", lines)
        var rng = SystemRandomNumberGenerator()
        var outcomes: [Int: Int] = [:]
        for trial in 0..<Self.trials {
            let p = try spawn(["ingest", file, "--db", cli.db, "--quiet"], cwd: cli.dir)
            // kill once the WAL has grown past a random size: a random moment of the write
            let threshold = Int.random(in: 0..<3_000_000, using: &rng)
            while p.isRunning {
                if fileSize(cli.db + "-wal") >= threshold { kill(p.processIdentifier, SIGKILL); break }
                usleep(200)
            }
            p.waitUntilExit()
            let check = try cli.run("check")
            #expect(check.status == 0, "trial \(trial): \(check.stdout)\(check.stderr)")
            let count = Int(try cli.sqlite("SELECT count(*) FROM statistics WHERE metric = 'crash_test'")) ?? -1
            #expect(count == 0 || count == n, "trial \(trial): \(count) of \(n) entries")
            outcomes[count, default: 0] += 1
            if count == n { _ = try cli.sqlite("DELETE FROM statistics WHERE metric = 'crash_test'") }
        }
        #expect(outcomes[0, default: 0] > 0, "no ingest was killed before it committed: \(outcomes)")
    }

    @Test func killedCreationsAreCompletedByTheNextRun() throws {
        let cli = try CLI(create: false)
        let full = try CLI()   // a database made without interruption, to compare with
        let seedCount = try full.sqlite("SELECT count(*) FROM statistics")
        var rng = SystemRandomNumberGenerator()
        var leftFiles = 0
        for trial in 0..<Self.trials {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: cli.db + suffix) }
            let p = try spawn(["init", "--db", cli.db, "--quiet"], cwd: cli.dir)
            let threshold = Int.random(in: 0..<600_000, using: &rng)
            while p.isRunning {
                if fileSize(cli.db) + fileSize(cli.db + "-wal") >= threshold { kill(p.processIdentifier, SIGKILL); break }
            }
            p.waitUntilExit()
            if FileManager.default.fileExists(atPath: cli.db) { leftFiles += 1 }
            let next = try cli.run("init")
            #expect(next.status == 0, "trial \(trial): \(next.stderr)")
            #expect(try cli.sqlite("SELECT count(*) FROM statistics") == seedCount, "trial \(trial)")
            #expect(try cli.sqlite("SELECT count(*) FROM ingests WHERE command = 'seed'") == "1", "trial \(trial)")
            #expect(try cli.run("check").status == 0, "trial \(trial)")
        }
        #expect(leftFiles > 0, "no creation was killed after it made the file")
    }
}

/// Writers wait for each other and all land; first users of a missing database wait for the
/// one that creates it, and the seed is loaded once.
@Suite(.serialized) struct ConcurrentUseTests {
    @Test func eightWritersTimesFiftyAllLand() throws {
        let cli = try CLI()
        let before = Int(try cli.sqlite("SELECT count(*) FROM companies"))!
        let group = DispatchGroup()
        let failures = Failures()
        for w in 0..<8 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                for k in 0..<50 {
                    guard let r = try? cli.run("add-company", "--name", "Writer \(w) company \(k)", "--quiet"), r.status == 0 else {
                        failures.add("writer \(w) write \(k)")
                        continue
                    }
                }
            }
        }
        group.wait()
        #expect(failures.all.isEmpty, "\(failures.all)")
        #expect(Int(try cli.sqlite("SELECT count(*) FROM companies"))! == before + 400)
        #expect(try cli.run("check").status == 0)
    }

    @Test func eightFirstUsersOfAMissingDatabase() throws {
        let rounds = 5
        for round in 0..<rounds {
            let cli = try CLI(create: false)
            let commands: [[String]] = [["report", "--year", "2025"], ["companies"], ["add-company", "--name", "First A"], ["stats"],
                                        ["add-company", "--name", "First B"], ["init"], ["deals"], ["concentration", "--metric", "ai_compute_h100e", "--year", "2025"]]
            let group = DispatchGroup()
            let failures = Failures()
            for args in commands {
                group.enter()
                Thread.detachNewThread {
                    defer { group.leave() }
                    // the default ./aitrack.db: read commands create it there too (the quick start)
                    guard let r = try? cli.run(args + ["--quiet"], withDB: false), r.status == 0 else { failures.add("\(args)"); return }
                }
            }
            group.wait()
            #expect(failures.all.isEmpty, "round \(round): \(failures.all)")
            #expect(try cli.sqlite("SELECT count(*) FROM ingests WHERE command = 'seed'") == "1", "round \(round)")
            #expect(try cli.sqlite("SELECT count(*) FROM companies WHERE name IN ('First A', 'First B')") == "2", "round \(round)")
            #expect(try cli.run("check").status == 0)
        }
    }
}

final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}

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
