import Foundation
import Testing
@testable import AITrackCore

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

    /// A database written around its own checks (a statistic dated in a form the schema
    /// refuses) stops the report with one sentence naming the row, and is left as it was; a
    /// control character in the value is named, not written to the terminal.
    @Test(arguments: [("'2025-1-01'", "2025-1-01"), ("'2025-01-01' || char(10)", "2025-01-01U+000A")])
    func aRowTheChecksRefuseStopsTheReport(stored: String, shown: String) throws {
        let cli = try CLI()
        _ = try cli.sqlite("""
            PRAGMA ignore_check_constraints = 1;
            INSERT INTO statistics (id, identity, metric, measure, date, company_id, value, unit, source_id)
            VALUES (99999, 'odd', 'odd_metric', 'value', \(stored), (SELECT min(id) FROM companies), 1, 'GPUs', (SELECT min(id) FROM sources));
            """)
        let before = bytes(cli.db)
        let r = try cli.run("report", "--year", "2025")
        #expect(r.status == 1)
        #expect(r.stderr == "aitrack: the database breaks its own checks: statistics row 99999 has date '\(shown)', which the schema refuses; run `aitrack check` and correct the row.\n")
        #expect(r.stdout.isEmpty)
        #expect(bytes(cli.db) == before)
    }

    /// A value the schema refuses, written around its checks (issue 27: a negative holding
    /// crashed the report and was ranked by `concentration`), stops both with one sentence
    /// naming the row and value; the file is left as it was. Company values, a market total and
    /// a published figure.
    @Test(arguments: [("-500000", "GPUs", "company", "-500000"), ("150", "percent", "company", "150"), ("9e999", "GPUs", "company", "infinity"),
                      ("-9e999", "percent_change", "company", "-infinity"), ("-3", "GPUs", "market", "-3"), ("130", "percent", "cr5", "130")])
    func aValueTheChecksRefuseStopsTheReport(value: String, unit: String, kind: String, shown: String) throws {
        let cli = try CLI()
        let company = kind == "company" ? "(SELECT min(id) FROM companies)" : "NULL"
        let measure = kind == "cr5" ? "cr5" : "value"
        _ = try cli.sqlite("""
            INSERT INTO statistics (identity, metric, measure, date, company_id, value, unit, source_id)
            VALUES ('fine', 'odd_metric', 'value', '2025-01-01', (SELECT max(id) FROM companies), 5, '\(unit)', (SELECT min(id) FROM sources));
            PRAGMA ignore_check_constraints = 1;
            INSERT INTO statistics (id, identity, metric, measure, date, company_id, value, unit, source_id)
            VALUES (99999, 'odd', 'odd_metric', '\(measure)', '2025-01-01', \(company), \(value), '\(kind == "cr5" ? "percent" : unit)', (SELECT min(id) FROM sources));
            """)
        let before = bytes(cli.db)
        let sentence = "aitrack: the database breaks its own checks: statistics row 99999 has value '\(shown)', which the schema refuses; run `aitrack check` and correct the row.\n"
        for args in [["report", "--year", "2025"], ["report", "--year", "2025", "--format", "json"],
                     ["concentration", "--metric", "odd_metric", "--year", "2025", "--format", "table"]] {
            let r = try cli.run(args)
            #expect(r.status == 1 && r.stderr == sentence, "\(args): \(r.stderr)")
            #expect(r.stdout.isEmpty, "\(args)")
        }
        #expect(bytes(cli.db) == before)
    }

    /// An empty file is a database not made yet: a writing command makes it.
    @Test func anEmptyFileIsMadeByAWritingCommand() throws {
        let cli = try CLI(create: false)
        _ = FileManager.default.createFile(atPath: cli.db, contents: nil)
        let r = try cli.run("init")
        #expect(r.status == 0 && r.stderr.contains("with the bundled seed data"))
        #expect(try cli.run("check").status == 0)
    }
}
