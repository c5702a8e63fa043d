import Foundation
import GRDB
import Testing
@testable import AITrackCore

/// Hostile strings (issue 8): each class is refused with its sentence, the database left as it
/// was, or stored byte for byte. Look-alike names resolve to the company they imitate.
@Suite struct HostileInputTests {
    enum Expect: Sendable {
        /// Refused: the first line of the error, exactly; the database unchanged.
        case refused(String)
        /// Refused with the value cut in the middle: the message's beginning and end.
        case refusedCut(prefix: String, suffix: String)
        /// Accepted: `sql` returns `stored` exactly (byte for byte).
        case stored(sql: String, stored: String)
    }

    static let mega = String(repeating: "x", count: 1 << 20)

    static func ndjson(_ s: String) -> [UInt8] { Array(s.utf8) + [0x0A] }
    static let sqlName = "Robert'); DROP TABLE companies;-- \"x\" \\ % _ ; :a ?1 @b $c"

    static let cases: [(String, String, [UInt8], Expect)] = [
        ("SQL metacharacters", "a.ndjson", ndjson(#"{"type":"company","name":"Robert'); DROP TABLE companies;-- \"x\" \\ % _ ; :a ?1 @b $c"}"#),
         .stored(sql: "SELECT name FROM companies WHERE id = (SELECT max(id) FROM companies)", stored: sqlName)),
        ("NUL in a name", "a.ndjson", ndjson(#"{"type":"company","name":"Evil\u0000Corp"}"#),
         .refused("a.ndjson:1: name: holds the control character U+0000; valid: text without control characters (tab and line breaks only in note, title and purpose)")),
        ("NUL in a CSV field", "a.csv", Array("type,name\ncompany,Evil".utf8) + [0] + Array("Corp\n".utf8),
         .refused("a.csv:2: name: holds the control character U+0000; valid: text without control characters (tab and line breaks only in note, title and purpose)")),
        ("an escape sequence", "a.ndjson", ndjson(#"{"type":"company","name":"Red\u001b[31mCorp"}"#),
         .refused("a.ndjson:1: name: holds the control character U+001B; valid: text without control characters (tab and line breaks only in note, title and purpose)")),
        ("DEL", "a.ndjson", ndjson("{\"type\":\"company\",\"name\":\"A\u{7F}B\"}"),
         .refused("a.ndjson:1: name: holds the control character U+007F; valid: text without control characters (tab and line breaks only in note, title and purpose)")),
        ("a C1 control", "a.ndjson", ndjson(#"{"type":"company","name":"A\u0085B"}"#),
         .refused("a.ndjson:1: name: holds the control character U+0085; valid: text without control characters (tab and line breaks only in note, title and purpose)")),
        ("a tab in a name", "a.ndjson", ndjson(#"{"type":"company","name":"A\tB"}"#),
         .refused("a.ndjson:1: name: holds the control character U+0009; valid: text without control characters (tab and line breaks only in note, title and purpose)")),
        ("a NUL in a party", "a.ndjson", ndjson(#"{"type":"deal","date":"2025","kind":"other","parties":["A\u0000B:partner"],"source":"S"}"#),
         .refused("a.ndjson:1: parties: holds the control character U+0000; valid: text without control characters (tab and line breaks only in note, title and purpose)")),
        ("a NUL in a note", "a.ndjson", ndjson(#"{"type":"company","name":"Acme","note":"a\u0000b"}"#),
         .refused("a.ndjson:1: note: holds the control character U+0000; valid: text without control characters other than tab and line breaks")),
        ("tab and line breaks in a note", "a.ndjson", ndjson(#"{"type":"company","name":"Acme","note":"a\tb\nc\r\nd"}"#),
         .stored(sql: "SELECT note FROM companies WHERE name = 'Acme'", stored: "a\tb\nc\r\nd")),
        ("a 1 MB note", "a.ndjson", ndjson(#"{"type":"company","name":"Acme","note":""# + mega + #""}"#),
         .stored(sql: "SELECT note FROM companies WHERE name = 'Acme'", stored: mega)),
        ("a 1 MB name", "a.ndjson", ndjson(#"{"type":"company","name":""# + mega + #""}"#),
         .stored(sql: "SELECT name FROM companies WHERE length(name) > 1000", stored: mega)),
        ("a 1 MB date, cut in the message", "a.ndjson", ndjson(#"{"type":"fx","currency":"EUR","date":""# + mega + #"","usd":1}"#),
         .refusedCut(prefix: "a.ndjson:1: date: 'xxxxxxxxxx", suffix: "xxxxxxxxxx' is not a date; valid: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD (e.g. 2025, 2025-Q3, 2025-08, 2025-08-21)")),
        ("NaN as JSON", "a.ndjson", ndjson(#"{"type":"fx","currency":"EUR","date":"2025","usd":NaN}"#),
         .refused("a.ndjson:1: column 51: expected a JSON value; valid: one complete JSON object per line")),
        ("NaN as text", "a.ndjson", ndjson(#"{"type":"fx","currency":"EUR","date":"2025","usd":"NaN"}"#),
         .refused("a.ndjson:1: usd: 'NaN' is not a number; valid: a number such as 10000000000, 10e9, 10 bn, 1.5k or 2 tn")),
        ("Infinity as text", "a.ndjson", ndjson(#"{"type":"fx","currency":"EUR","date":"2025","usd":"Infinity"}"#),
         .refused("a.ndjson:1: usd: 'Infinity' is not a number; valid: a number such as 10000000000, 10e9, 10 bn, 1.5k or 2 tn")),
        ("1e400", "a.ndjson", ndjson(#"{"type":"fx","currency":"EUR","date":"2025","usd":1e400}"#),
         .refused("a.ndjson:1: usd: '1e400' is too large; aitrack takes values below 1e18 in magnitude")),
        ("1e400 in CSV", "a.csv", Array("type,currency,date,usd\nfx,EUR,2025,1e400\n".utf8),
         .refused("a.csv:2: usd: '1e400' is too large; aitrack takes values below 1e18 in magnitude")),
        ("deeply nested JSON", "a.ndjson", ndjson(#"{"type":"company","name":"A","note":"# + String(repeating: "[", count: 100_000) + "}"),
         .refused("a.ndjson:1: column 100: JSON nested too deeply; valid: one complete JSON object per line")),
        ("invalid UTF-8 in NDJSON", "a.ndjson", Array(#"{"type":"company","name":"M"#.utf8) + [0xFC, 0x22, 0x7D, 0x0A],
         .refused("a.ndjson:1: column 26: a string that is not valid UTF-8; valid: one complete JSON object per line")),
        ("invalid UTF-8 in CSV, one message", "a.csv", Array("type,name\ncompany,M".utf8) + [0xFC] + Array("nchen\n".utf8),
         .refused("a.csv:2: name: holds bytes that are not UTF-8; valid: UTF-8 text (save the file as UTF-8)")),
        ("invalid UTF-8 in a CSV header", "a.csv", Array("type,n".utf8) + [0xFC] + Array("me\ncompany,A\n".utf8),
         .refused("a.csv:1: column 2: holds bytes that are not UTF-8; valid: UTF-8 text (save the file as UTF-8)")),
        ("BOM, CRLF", "a.csv", [0xEF, 0xBB, 0xBF] + Array("type,name,note\r\ncompany,Acme,\"two\r\nlines\"\r\n".utf8),
         .stored(sql: "SELECT note FROM companies WHERE name = 'Acme'", stored: "two\r\nlines")),
        ("CR line endings in CSV", "a.csv", Array("type,name,country\rcompany,Acme,DE\rcompany,Beta,FR\r".utf8),
         .stored(sql: "SELECT group_concat(name || country, ' ') FROM companies WHERE name IN ('Acme', 'Beta')", stored: "AcmeDE BetaFR")),
        ("CR line endings in NDJSON", "a.ndjson", Array(#"{"type":"company","name":"Acme"}"#.utf8) + [0x0D] + Array(#"{"type":"company","name":"Beta"}"#.utf8) + [0x0D],
         .stored(sql: "SELECT group_concat(name, ' ') FROM companies WHERE name IN ('Acme', 'Beta')", stored: "Acme Beta")),
        ("a bad line after CR endings names its line", "a.csv", Array("type,name,country\rcompany,Acme,DE\rcompany,Beta,XYZ\r".utf8),
         .refused("a.csv:3: country: 'XYZ' is not a country code; valid: a two-letter ISO 3166 code such as US, DE, FR")),
    ] + doorCases

    static func stat(_ fields: String) -> [UInt8] {
        ndjson(#"{"type":"statistic","metric":"revenue_growth","date":"2025","value":5,"unit":"percent_change","source":"S","# + fields + "}")
    }
    static let tooLarge = "is too large; aitrack takes values below 1e18 in magnitude"
    static let blank = "is blank; valid: text with visible characters"

    /// Issue 27 (defects 3, 4, 5, 6): huge values, decimal commas, blank and invisible fields
    /// are refused at the door; an empty CSV cell still means none.
    static let doorCases: [(String, String, [UInt8], Expect)] = [
        ("5e306 as a JSON number", "a.ndjson", ndjson(#"{"type":"statistic","metric":"m","date":"2025","value":5e306,"unit":"USD","source":"S"}"#),
         .refused("a.ndjson:1: value: '5e306' \(tooLarge)")),
        ("1e18 as text", "a.ndjson", ndjson(#"{"type":"statistic","metric":"m","date":"2025","value":"1e18","unit":"USD","source":"S"}"#),
         .refused("a.ndjson:1: value: '1e18' \(tooLarge)")),
        ("a huge low", "a.ndjson", stat(#""low":-1e20"#), .refused("a.ndjson:1: low: '-1e20' \(tooLarge)")),
        ("a suffix past the limit", "a.csv", Array("type,date,kind,parties,value,currency,source\ndeal,2025,other,A:partner,5e9 tn,USD,S\n".utf8),
         .refused("a.csv:2: value: '5e9 tn' \(tooLarge)")),
        ("a huge fx rate", "a.csv", Array("type,currency,date,usd\nfx,EUR,2025,\"1,000,000,000,000,000,000\"\n".utf8),
         .refused("a.csv:2: usd: '1,000,000,000,000,000,000' \(tooLarge)")),
        ("just below the limit", "a.ndjson", ndjson(#"{"type":"statistic","metric":"m","date":"2025","value":9.99e17,"unit":"USD","source":"S"}"#),
         .stored(sql: "SELECT value FROM statistics WHERE metric = 'm'", stored: "9.99e+17")),
        ("a decimal comma after a point", "a.ndjson", stat(#""company":"A","high":"1.000,5""#),
         .refused("a.ndjson:1: high: '1.000,5' has a comma after the decimal point; use a point for decimals: 1000.5")),
        ("a decimal comma with a suffix", "a.csv", Array("type,date,kind,parties,value,currency,source\ndeal,2025,other,A:partner,\"1.000,5 bn\",USD,S\n".utf8),
         .refused("a.csv:2: value: '1.000,5 bn' has a comma after the decimal point; use a point for decimals: 1000.5 bn")),
        ("a no-break space as company", "a.ndjson", stat(#""company":"\u00a0""#), .refused("a.ndjson:1: company: \(blank)")),
        ("spaces as company in CSV", "a.csv", Array("type,metric,date,company,value,unit,source\nstatistic,m,2025,   ,1,USD,S\n".utf8),
         .refused("a.csv:2: company: \(blank)")),
        ("an empty JSON segment", "a.ndjson", stat(#""segment":"""#), .refused("a.ndjson:1: segment: \(blank)")),
        ("a zero-width region", "a.ndjson", stat(#""region":"\u200b\u2060""#), .refused("a.ndjson:1: region: \(blank)")),
        ("an invisible company name", "a.ndjson", ndjson(#"{"type":"company","name":"\u200b"}"#), .refused("a.ndjson:1: name: \(blank)")),
        ("a soft hyphen and BOM as source", "a.ndjson", ndjson(#"{"type":"statistic","metric":"m","date":"2025","value":5,"unit":"USD","source":"\u00ad\ufeff"}"#),
         .refused("a.ndjson:1: source: \(blank)")),
        ("an invisible party", "a.ndjson", ndjson(#"{"type":"deal","date":"2025","kind":"other","parties":["\u200b:partner"],"source":"S"}"#),
         .refused("a.ndjson:1: parties: holds a company name of only invisible characters; valid: Company:role")),
        ("an invisible member", "a.ndjson", ndjson(#"{"type":"alliance","name":"X","members":["A","\u2060"],"source":"S"}"#),
         .refused("a.ndjson:1: members: holds a blank item; valid: a list of strings with visible characters")),
        ("an invisible alias in CSV", "a.csv", Array("type,name,aliases\ncompany,Acme,B;\u{200B}\n".utf8),
         .refused("a.csv:2: aliases: holds a blank item; valid: items with visible characters, split by ;")),
        ("an empty CSV cell is none", "a.csv", Array("type,metric,date,company,segment,value,unit,source\nstatistic,m,2025,,,7,USD,S\n".utf8),
         .stored(sql: "SELECT coalesce(company_id, 'none') || '/' || coalesce(segment, 'none') FROM statistics WHERE metric = 'm'", stored: "none/none")),
    ]

    @Test(arguments: cases.indices)
    func hostile(_ k: Int) throws {
        let (label, name, bytes, expect) = Self.cases[k]
        let db = try AppDatabase.inMemory(seed: true)
        let before = try snapshot(db)
        switch expect {
        case .refused, .refusedCut:
            do {
                _ = try db.ingest([IngestInput(name: name, data: Data(bytes))], options: IngestOptions())
                Issue.record("\(label): accepted")
            } catch let e as IngestFailure {
                if case .refused(let message) = expect { #expect(e.firstLine == message, "\(label)") }
                if case .refusedCut(let prefix, let suffix) = expect {
                    #expect(e.firstLine.hasPrefix(prefix) && e.firstLine.hasSuffix(suffix) && e.firstLine.contains(" characters cut)… "), "\(label)")
                }
                #expect(e.firstLine.count < 1000 && !e.firstLine.unicodeScalars.contains { $0.value < 0x20 }, "\(label)")
            }
            #expect(try snapshot(db) == before, "\(label)")
        case .stored(let sql, let stored):
            _ = try db.ingest([IngestInput(name: name, data: Data(bytes))], options: IngestOptions())
            let got = try db.reader.read { try String.fetchOne($0, sql: sql) }
            #expect(got.map { Array($0.utf8) } == Array(stored.utf8), "\(label)")
        }
    }

    /// Names that print like a stored one resolve to it: no new company, the same CR5.
    @Test(arguments: ["Meta\u{00A0}Platforms", "Meta\u{2003}Platforms", "Meta  Platforms", " Meta Platforms ", "Ｍeta Platforms",
                      "Meta\u{200B} Platforms", "Me\u{00AD}ta Platforms", "\u{FEFF}Meta Platforms", "Meta\u{2060}Platforms".replacingOccurrences(of: "\u{2060}", with: "\u{2060} "),
                      "META PLATFORMS", "meta\u{202F}platforms"])
    func lookAlikesResolveToTheCompany(_ name: String) throws {
        let db = try AppDatabase.inMemory(seed: true)
        let companies = try count(db, "SELECT count(*) FROM companies")
        let cr5 = try db.concentration(metric: "ai_compute_h100e", period: .year(2025)).topShare5
        let line = #"{"type":"statistic","metric":"ai_compute_h100e","date":"2025-12-31","company":"\#(name)","segment":"Test","value":1,"unit":"H100e","source":"Look-alike test"}"#
        let s = try db.ingest([IngestInput(name: "a.ndjson", data: Data((line + "\n").utf8))], options: IngestOptions())
        #expect(s.companiesCreated.isEmpty, "\(name.unicodeScalars.map { String($0.value, radix: 16) })")
        #expect(try count(db, "SELECT count(*) FROM companies") == companies)
        #expect(try count(db, "SELECT count(*) FROM statistics st JOIN companies c ON c.id = st.company_id WHERE st.segment = 'Test' AND c.name = 'Meta Platforms'") == 1)
        let after = try db.concentration(metric: "ai_compute_h100e", period: .year(2025)).topShare5!
        #expect(abs(after - cr5!) < 0.001)
        // listings find the company by the look-alike too
        #expect(try db.statistics(ListFilter(company: name, metric: "ai_compute_h100e")).rows.count > 0)
    }

    /// A huge name created by an ingest is cut in the summary, not echoed whole.
    @Test func longNamesAreCutInTheSummary() throws {
        let db = try AppDatabase.inMemory()
        let name = String(repeating: "N", count: 10 << 20)
        let line = #"{"type":"deal","date":"2025","kind":"other","parties":[""# + name + #":partner"],"source":"S"}"#
        let s = try db.ingest([IngestInput(name: "a.ndjson", data: Data((line + "\n").utf8))], options: IngestOptions())
        #expect(s.companiesCreated == [name])
        let text = SummaryFormatter.text(s)
        #expect(text == "1 entry: 1 added, 0 unchanged, 0 replaced, 0 ignored; 1 company created: " + String(repeating: "N", count: 59) + "…")
    }

    @Test func nameKeyFoldsWhatPrintsAlike() {
        #expect(NameKey.of("Ｍeta\u{00A0}Platforms\u{200B}") == "meta platforms")
        #expect(NameKey.of("  Google   Cloud ") == "google cloud")
        #expect(NameKey.of("Alphabet") == "alphabet")
        #expect(NameKey.of("Ｇｏｏｇｌｅ") == "google")
        #expect(NameKey.of("Mistral AI") != NameKey.of("Mistral.AI"))
    }

    /// Tampered views, triggers and CHECKs (another program's doing): `check` names each one,
    /// and the report's guard refuses a changed view or trigger.
    @Test(arguments: [
        ("DROP VIEW deals_overview; CREATE VIEW deals_overview AS SELECT 1 AS x", "the view deals_overview differs from this version's definition", true),
        ("DROP TRIGGER statistics_one_unit_insert", "the trigger statistics_one_unit_insert is missing", true),
        ("PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'value >= 0', 'value >= -1e9') WHERE name = 'statistics'; PRAGMA writable_schema = OFF",
         "the table statistics differs from this version's definition", false),
    ])
    func tamperedSchemaIsNamed(sql: String, finding: String, refusesReport: Bool) throws {
        let db = try AppDatabase.inMemory(seed: false)
        try db.dbWriter.writeWithoutTransaction { try $0.execute(sql: sql) }
        #expect(try db.check().map(\.rule).contains(finding))
        #expect(((try? db.requireIntactViewsAndTriggers()) == nil) == refusesReport)
    }
}
