import Foundation
import GRDB
import Testing
@testable import AITrackCore

/// What a large ingest suspends (the unit trigger, indexes, the CHECK constraints of a chunk)
/// must leave the file exactly as the schema says, and never let a row the schema refuses in.
@Suite struct EntryWriterLargeRunTests {
    /// The schema's objects of `statistics` (indexes and triggers) as (name, SQL), by name.
    static func schemaObjects(_ db: some DatabaseReading) throws -> [String] {
        try db.reader.read { db in
            try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'statistics' ORDER BY name").map { "\($0)" }
        }
    }

    @Test func aLargeRunIntoAnEmptyTableLeavesItsIndexesAsTheyWere() throws {
        let folder = TempFolder()
        let db = try AppDatabase.open(path: folder.path(), seed: false).database
        let before = try Self.schemaObjects(db)
        let summary = try db.ingest([ndjson(EntryWriterBulkTests.file(3 * EntryWriter.largeRunRows))], options: IngestOptions())
        #expect(summary.added == 3 * EntryWriter.largeRunRows)
        #expect(try Self.schemaObjects(db) == before)
        #expect(try db.check().isEmpty)
        // the indexes built again hold every row: a query through each finds them all
        for (index, sql) in [("statistics_company", "SELECT count(*) FROM statistics INDEXED BY statistics_company WHERE company_id > 0"),
                             ("statistics_metric_date", "SELECT count(*) FROM statistics INDEXED BY statistics_metric_date WHERE metric > ''"),
                             ("statistics_date", "SELECT count(*) FROM statistics INDEXED BY statistics_date WHERE date > ''")] {
            #expect(try count(db, sql) == summary.added, "\(index)")
        }
    }

    /// A dry run (and a run with errors) leaves the dropped indexes to its rollback: the file is
    /// byte for byte as it was, indexes included.
    @Test(arguments: [false, true])
    func aRunRolledBackLeavesTheIndexesToTheRollback(withError: Bool) throws {
        let folder = TempFolder()
        let path = folder.path()
        let db = try AppDatabase.open(path: path, seed: false).database
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let objects = try Self.schemaObjects(db)
        var options = IngestOptions()
        options.dryRun = !withError
        let n = 3 * EntryWriter.largeRunRows
        let text = EntryWriterBulkTests.file(n) { k in withError && k == n - 1 ? EntryWriterBulkTests.line(k).replacingOccurrences(of: "2024-", with: "2024-13-") : nil }
        let summary = try? db.ingest([ndjson(text)], options: options)
        #expect(withError ? summary == nil : summary?.added == n)
        #expect(try Self.schemaObjects(db) == objects)
        #expect(try db.check().isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    /// The same rows, in one run or in a small run and then a large one: the same table.
    @Test func aRunThatDropsIndexesStoresWhatOneThatKeepsThemStores() throws {
        let text = EntryWriterBulkTests.file(3 * EntryWriter.largeRunRows)
        let lines = text.split(separator: "\n")
        let whole = try AppDatabase.inMemory()
        _ = try whole.ingest([ndjson(text)], options: IngestOptions())
        let parts = try AppDatabase.inMemory()
        // a first part too small to drop anything, then a run twice the table it finds, and more
        _ = try parts.ingest([ndjson(lines[..<(EntryWriter.largeRunRows / 2)].joined(separator: "\n"))], options: IngestOptions())
        _ = try parts.ingest([ndjson(lines.joined(separator: "\n"))], options: IngestOptions())
        #expect(try EntryWriterBulkTests.statistics(whole) == EntryWriterBulkTests.statistics(parts))
        #expect(try whole.check().isEmpty && parts.check().isEmpty)
    }

    /// A metric stored before the indexes were dropped keeps its unit: a second one is refused.
    @Test func aStoredMetricsUnitIsKnownWhileTheIndexesAreDropped() throws {
        let db = try AppDatabase.inMemory()
        _ = try db.ingest([ndjson(EntryWriterBulkTests.line(0, metric: "old_metric") + "\n")], options: IngestOptions())
        let before = try snapshot(db)
        let text = EntryWriterBulkTests.file(3 * EntryWriter.largeRunRows) { k in
            k == 2 * EntryWriter.largeRunRows ? EntryWriterBulkTests.line(k, unit: "GW", metric: "old_metric") : nil
        }
        do {
            _ = try db.ingest([ndjson(text)], options: IngestOptions())
            Issue.record("a second unit for a stored metric was accepted")
        } catch let e as IngestFailure {
            #expect(e.errors.map(\.location.line) == [2 * EntryWriter.largeRunRows + 1])
            #expect(e.errors.first?.problem.field == "unit")
        }
        #expect(try snapshot(db) == before)
    }

    /// After a large run, which skips the checks and enlarges the page cache, whatever the outcome
    /// (here: done, or stopped by too many errors before its end), the connection checks every
    /// write again, with the cache it had.
    @Test(arguments: [false, true])
    func theConnectionChecksAgainAfterARun(failing: Bool) throws {
        let db = try AppDatabase.inMemory()
        let cache = "PRAGMA cache_size"
        let cacheBefore = try count(db, cache)
        let good = EntryWriter.largeRunRows + 500
        let text = EntryWriterBulkTests.file(good + (failing ? Limits.errorsListed : 0)) { k in
            k >= good ? EntryWriterBulkTests.line(k).replacingOccurrences(of: "2024-", with: "2024-13-") : nil
        }
        _ = try? db.ingest([ndjson(text)], options: IngestOptions())
        #expect(try count(db, "SELECT count(*) FROM statistics") == (failing ? 0 : good))
        #expect(try count(db, cache) == cacheBefore && cacheBefore != -EntryWriter.largeRunCacheKiB)
        #expect(throws: DatabaseError.self) {
            try db.dbWriter.write { db in
                try db.execute(sql: "INSERT INTO sources (name) VALUES ('s')")
                try db.execute(sql: "INSERT INTO statistics (identity, metric, date, value, unit, source_id) VALUES ('x', 'Not A Metric', '2024-02-30', -1, ' ', last_insert_rowid())")
            }
        }
    }

    /// A `statistics` table made again by another tool, with a CHECK of its own: a large run does
    /// not skip the checks, and a row that CHECK refuses is reported at its line.
    @Test func aTableOfAnotherToolKeepsItsOwnChecks() throws {
        let folder = TempFolder()
        let path = folder.path()
        try makeDatabase(at: path) { db in
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'statistics'")!
            try db.execute(sql: "PRAGMA writable_schema = ON")
            try db.execute(sql: "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'statistics'",
                           arguments: [sql.replacingOccurrences(of: ") STRICT", with: ", CHECK (value <> 7777)) STRICT")])
            try db.execute(sql: "PRAGMA writable_schema = OFF")
        }
        let db = try AppDatabase.open(path: path, seed: false).database
        let late = EntryWriter.largeRunRows + 400
        do {
            _ = try db.ingest([ndjson(EntryWriterBulkTests.file(late + 100) { k in k == late ? EntryWriterBulkTests.line(k, value: 7777) : nil })],
                              options: IngestOptions())
            Issue.record("a row the table's own CHECK refuses was accepted")
        } catch let e as IngestFailure {
            #expect(e.errors.map(\.location.line) == [late + 1])
        }
        #expect(try count(db, "SELECT count(*) FROM statistics") == 0)
    }

    @Test func theTablesOfThisSchemaAreKnownWordForWord() throws {
        let db = try AppDatabase.inMemory()
        for table in EntryWriter.checkedTables {
            let stored = try db.reader.read { try String.fetchOne($0, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [table]) }
            #expect(stored != nil && stored == Migrations.tableSQL(table), "\(table)")
        }
        #expect(Migrations.tableSQL("statistics")?.hasPrefix("CREATE TABLE \"statistics\" (") == true)
        #expect(Migrations.tableSQL("no_such_table") == nil)
    }

    /// Every statistic the decoder accepts satisfies every CHECK of the table: the rows of a chunk
    /// are not checked again by SQLite, so `integrity_check` (which applies the CHECKs to every
    /// row) must find nothing. Values at and across each rule's edges, combined at random.
    @Test func everyStatisticTheDecoderAcceptsPassesTheTablesChecks() throws {
        // (values that pass, values at or across an edge): each field takes one of the second
        // kind one time in eight
        let metrics = (["a", "z9", "m_1"], ["A", "_a", "1a", "a-b", "é", "a b", ""])
        let dates = (["2024-02-29", "0001-01-01", "9999-12-31", "2024", "2024-Q3", "2024-07"], ["2023-02-29", "2024-13-01", "2024-04-31", "24-01-01"])
        let units = (["percent", "%", "points", "percent_change", "GW", " GW ", "H100e"], ["\\t", " ", ""])
        let measures = (["value", "cr5", "hhi"], ["cr11"])
        let numbers = (["0", "50", "100", "10000"], ["-1", "100.5", "10001", "1e308", "null"])
        let lows = (["null", "null", "0", "50"], ["-1", "100.5"])
        let highs = (["null", "null", "100", "10000"], ["10001", "1e308", "-1"])
        let texts = (["null", "\"x\"", "\" y \""], ["\"\"", "\" \"", "\"\\u00a0\""])
        var rng = SeededGenerator(seed: 20261130)
        let sources = (["S", "Source B", " Padded "], ["\\u00a0", " ", ""])
        let companies = (["null", "\"Firm 1\"", "\" Firm 2 \"", "\"firm 1\""], ["\"\"", "\" \"", "\"\\u00a0\""])
        var accepted: [String] = []
        // enough for a large run (whose chunks are not checked by SQLite), a few thousand lines
        var k = 0
        while accepted.count < EntryWriter.largeRunRows + 1000 && k < 100_000 {
            k += 1
            func pick(_ values: ([String], [String])) -> String {
                let from = rng.next() % 8 == 0 ? values.1 : values.0
                return from[Int(rng.next() % UInt64(from.count))]
            }
            // a metric of its own per line (digits keep a name valid or not), so that units never clash
            let line = #"{"type":"statistic","metric":"\#(pick(metrics))\#(k)","measure":"\#(pick(measures))","date":"\#(pick(dates))","value":\#(pick(numbers)),"low":\#(pick(lows)),"high":\#(pick(highs)),"unit":"\#(pick(units))","segment":\#(pick(texts)),"region":\#(pick(texts)),"company":\#(pick(companies)),"source":"\#(pick(sources))"}"#
            if (try? entry(line)) != nil { accepted.append(line) }
        }
        #expect(accepted.count == EntryWriter.largeRunRows + 1000)
        let db = try AppDatabase.inMemory()
        let summary = try db.ingest([ndjson(accepted.joined(separator: "\n"))], options: IngestOptions())
        #expect(summary.added == accepted.count)
        #expect(try db.check().isEmpty)
    }

    /// The end of a large run finds a second unit however it came in: among the run's rows, or
    /// against the rows stored before it (which come after the run's in the metric's index here:
    /// later dates); one unit throughout restores the trigger.
    @Test(arguments: [(["u"], ["v"]), ([], ["u", "v"]), (["u"], ["u", "u"]), ([], ["u"])])
    func theEndOfARunFindsASecondUnit(stored: [String], added: [String]) throws {
        let db = try AppDatabase.inMemory()
        try db.dbWriter.write { db in
            try db.execute(sql: "INSERT INTO sources (id, name) VALUES (1, 'S')")
            func insert(_ units: [String], _ prefix: String, year: Int) throws {
                for (k, unit) in units.enumerated() {
                    try db.execute(sql: "INSERT INTO statistics (identity, metric, date, value, unit, source_id) VALUES (?, 'm', ?, 1, ?, 1)",
                                   arguments: ["\(prefix)\(k)", "\(year + k)-01-01", unit])
                }
            }
            try insert(stored, "stored", year: 2025)
            try db.execute(sql: "INSERT INTO statistics (identity, metric, date, value, unit, source_id) VALUES ('other', 'n', '2025-01-01', 1, 'w', 1)")
            let writer = try EntryWriter(db: db, ingestID: 0, policy: .fail, strictNames: false)
            try writer.suspendUnitTrigger()
            try insert(added, "added", year: 2000)
            if Set(stored + added).count > 1 {
                #expect(throws: FieldProblem.self) { try writer.restoreUnitTrigger() }
            } else {
                try writer.restoreUnitTrigger()
            }
            let trigger = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name = ?", arguments: [EntryWriter.unitTrigger])
            #expect(trigger == (Set(stored + added).count > 1 ? 0 : 1))
        }
    }

    // MARK: - Every CHECK the bulk path skips is the decoder's too

    /// How the decoder keeps each CHECK clause of the `checkedTables` (whitespace folded): input
    /// fields (JSON, over a valid statistic) it refuses, with the field it names; or, for a
    /// clause no statistic's value can reach, why not.
    static let checksTheDecoderKeeps: [String: [String: (refused: [(fields: String, field: String)], why: String)]] = [
        "statistics": [
            "metric GLOB '[a-z]*' AND metric NOT GLOB '*[^a-z0-9_]*'": ([(#""metric":"1a""#, "metric"), (#""metric":"a-b""#, "metric")], ""),
            "measure = 'value' OR measure = 'cr1' OR measure = 'cr2' OR measure = 'cr3' OR measure = 'cr4' OR measure = 'cr5' OR measure = 'cr6' OR measure = 'cr7' OR measure = 'cr8' OR measure = 'cr9' OR measure = 'cr10' OR measure = 'hhi'":
                ([(#""measure":"cr11""#, "measure")], ""),
            "date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(date, '+0 days') IS date": ([(#""date":"2023-02-29""#, "date"), (#""date":"24-01-01""#, "date")], ""),
            "precision = 'year' OR precision = 'quarter' OR precision = 'month' OR precision = 'day'": ([(#""date":"2024-W01""#, "date")], ""),
            "segment IS NULL OR length(trim(segment)) > 0": ([(#""segment":" ""#, "segment")], ""),
            "region IS NULL OR length(trim(region)) > 0": ([(#""region":" ""#, "region")], ""),
            "length(trim(unit)) > 0": ([(#""unit":" ""#, "unit")], ""),
            "qualifier = 'exact' OR qualifier = 'at_least' OR qualifier = 'at_most' OR qualifier = 'approx' OR qualifier = 'estimate'": ([(#""qualifier":"roughly""#, "qualifier")], ""),
            "forecast = 0 OR forecast = 1": ([(#""forecast":2"#, "forecast")], ""),
            "verification = 'unverified' OR verification = 'verified' OR verification = 'disputed' OR verification = 'contradicted'": ([(#""verification":"maybe""#, "verification")], ""),
            "unit = 'percent_change' OR value >= 0": ([(#""value":-1"#, "value")], ""),
            "unit = 'percent_change' OR low IS NULL OR low >= 0": ([(#""low":-1"#, "low")], ""),
            "unit <> 'percent' OR (value <= 100 AND (high IS NULL OR high <= 100))": ([(#""unit":"percent","value":101"#, "value"), (#""unit":"percent","value":50,"high":101"#, "high")], ""),
            "measure NOT GLOB 'cr*' OR unit = 'percent'": ([(#""measure":"cr5","value":50"#, "unit")], ""),
            "measure <> 'hhi' OR (unit = 'points' AND value <= 10000)": ([(#""measure":"hhi","value":500"#, "unit"), (#""measure":"hhi","unit":"points","value":10001"#, "value")], ""),
            "low IS NULL OR low <= value": ([(#""low":6"#, "low")], ""),
            "high IS NULL OR high >= value": ([(#""high":4"#, "high")], ""),
            "precision <> 'year' OR substr(date, 6) = '01-01'": ([], "a year's date is its first day, which EntryDate writes"),
            "precision <> 'quarter' OR substr(date, 6) = '01-01' OR substr(date, 6) = '04-01' OR substr(date, 6) = '07-01' OR substr(date, 6) = '10-01'":
                ([(#""date":"2024-Q5""#, "date")], "a quarter's date is its first day, which EntryDate writes"),
            "precision <> 'month' OR substr(date, 9) = '01'": ([(#""date":"2024-13""#, "date")], "a month's date is its first day, which EntryDate writes"),
        ],
        "companies": [
            "length(trim(name)) > 0": ([(#""company":" ""#, "company")], ""),
            "kind IN ('company', 'lab', 'university', 'government', 'nonprofit', 'aggregate')": ([], Self.companyByName),
            "country IS NULL OR (length(country) = 2 AND country GLOB '[A-Z][A-Z]')": ([], Self.companyByName),
            "verification IN ('unverified', 'verified', 'disputed', 'contradicted')": ([], Self.companyByName),
            "parent_id IS NULL OR parent_id <> id": ([], Self.companyByName),
        ],
        "sources": [
            "length(trim(name)) > 0": ([(#""source":" ""#, "source")], ""),
            "published IS NULL OR (published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(published, '+0 days') IS published)":
                ([(#""source_published":"2023-02-29""#, "source_published")], ""),
            "precision IN ('year', 'quarter', 'month', 'day')": ([(#""source_published":"2024-W01""#, "source_published")], ""),
            "verification IN ('unverified', 'verified', 'disputed', 'contradicted')": ([], "a statistic creates its source unverified; a source entry turns the CHECKs on"),
            "(published IS NULL) = (precision IS NULL)": ([], "EntryDate gives a published date with its precision"),
            "via IS NULL OR length(trim(via)) > 0": ([(#""source":"S","source_via":" ""#, "source_via")], ""),
            "via_url IS NULL OR via IS NOT NULL": ([(#""source":"S","source_via_url":"https://relay.example/a""#, "source_via")], ""),
        ],
    ]
    static let companyByName = "a statistic creates its company by name alone; a company entry turns the CHECKs on again (EntryWriter.apply)"

    /// The CHECK clauses of a table's SQL, comments left out and whitespace folded.
    static func checkClauses(_ sql: String) -> [String] {
        let text = Array(sql.split(separator: "\n").map { $0.components(separatedBy: "--")[0] }.joined(separator: " "))
        var clauses: [String] = []
        var i = 0
        while i + 5 < text.count {
            guard String(text[i..<i + 5]).uppercased() == "CHECK", text[(i + 5)...].first(where: { $0 != " " }) == "(" else { i += 1; continue }
            var j = text[(i + 5)...].firstIndex(of: "(")!
            let start = j + 1
            var depth = 0
            repeat {
                if text[j] == "(" { depth += 1 } else if text[j] == ")" { depth -= 1 }
                j += 1
            } while depth > 0
            clauses.append(String(text[start..<j - 1]).split(whereSeparator: \.isWhitespace).joined(separator: " "))
            i = j
        }
        return clauses
    }

    /// A large run writes statistics, and the companies and sources they name, with the CHECKs
    /// skipped; each CHECK must then be one the decoder keeps too (docs/INGEST.md).
    @Test func everyCheckOfTheBulkPathsTablesIsKeptByTheDecoder() throws {
        let db = try AppDatabase.inMemory()
        #expect(Set(Self.checksTheDecoderKeeps.keys) == Set(EntryWriter.checkedTables))
        for table in EntryWriter.checkedTables {
            let sql = try db.reader.read { try String.fetchOne($0, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [table]) } ?? ""
            let clauses = Self.checkClauses(sql)
            let known = Self.checksTheDecoderKeeps[table] ?? [:]
            for clause in clauses where known[clause] == nil {
                Issue.record("""
                    A CHECK of \(table) the decoder is not known to keep: \(clause). A large run skips it: make EntryDecoder refuse \
                    what it refuses, and add it with a refused input to checksTheDecoderKeeps (docs/INGEST.md).
                    """)
            }
            for clause in known.keys where !clauses.contains(clause) {
                Issue.record("checksTheDecoderKeeps lists a CHECK \(table) no longer has: \(clause)")
            }
            for (clause, keep) in known {
                #expect(!keep.refused.isEmpty || !keep.why.isEmpty, "\(clause): give a refused input or say why none can reach it")
                for (fields, field) in keep.refused {
                    // the fields replace those of a valid statistic
                    let base = #"{"type":"statistic","metric":"m","date":"2024-01-01","value":5,"unit":"GW","company":"Firm","source":"S"}"#
                    guard case .object(let valid) = try JSONParser.parse(base), case .object(let changed) = try JSONParser.parse("{\(fields)}")
                    else { Issue.record("not an object: \(fields)"); continue }
                    let names = Set(changed.map(\.0))
                    switch Result(catching: { () throws(FieldProblem) in try EntryDecoder().decode(valid.filter { !names.contains($0.0) } + changed) }) {
                    case .success: Issue.record("the decoder accepts \(fields), which breaks \(table)'s CHECK (\(clause))")
                    case .failure(let p): #expect(p.field == field, "\(fields): \(p.field) named, \(field) expected")
                    }
                }
            }
        }
    }
}
