import Foundation
import Testing

/// Issue 27 (defects 3, 4, 5, 6, 11), end to end: what the door refuses — huge values, decimal
/// commas, blank and invisible fields — it refuses with one sentence, on the command line and
/// in an ingest, leaving the file byte for byte as it was; an empty CSV cell still means none.
@Suite struct InputDoorTests {
    static func bytes(_ cli: CLI) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: cli.db)) }

    static let stat = ["add-stat", "--metric", "revenue_growth", "--date", "2025", "--unit", "percent_change", "--source", "S"]

    @Test func aHugeValueIsRefusedOnTheCommandLine() throws {
        let cli = try CLI(seed: false)
        let before = try Self.bytes(cli)
        let r = try cli.run(Self.stat + ["--company", "Microsoft", "--value", "5e306"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("'5e306' is too large") && r.stderr.contains("below 1e18 in magnitude"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(try Self.bytes(cli) == before)
        let deal = try cli.run("add-deal", "--date", "2025", "--kind", "other", "--party", "A:partner", "--value", "1e308",
                               "--currency", "USD", "--source", "S")
        #expect(deal.status != 0 && deal.stderr.contains("'1e308' is too large"), "\(deal.stderr)")
        #expect(try Self.bytes(cli) == before)
    }

    /// A second line the door refuses, in an ingest: named by file, line and field, the file
    /// byte-identical. A blank company (no-break space) once became a market-level 90 M figure.
    @Test(arguments: [
        (#""company":"B","value":5e306"#, "big.ndjson:2: value: '5e306' is too large"),
        (#""company":"\u00a0","value":90000000"#, "big.ndjson:2: company: is blank"),
    ])
    func aBadSecondLineIsRefusedInAnIngest(fields: String, message: String) throws {
        let cli = try CLI(seed: false)
        let before = try Self.bytes(cli)
        let file = try cli.write("big.ndjson", """
            {"type":"statistic","metric":"m","date":"2025","company":"A","value":1,"unit":"USD","source":"S"}
            {"type":"statistic","metric":"m","date":"2025",\(fields),"unit":"USD","source":"S"}

            """)
        let r = try cli.run("ingest", file)
        #expect(r.status != 0)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(try Self.bytes(cli) == before)
    }

    @Test func aDecimalCommaAfterAPointIsRefused() throws {
        let cli = try CLI(seed: false)
        let r = try cli.run(Self.stat + ["--company", "Microsoft", "--value", "1.000,5"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("use a point for decimals: 1000.5"), "\(r.stderr)")
        #expect(try cli.sqlite("SELECT count(*) FROM statistics") == "0")
    }

    @Test(arguments: [["--company", "   "], ["--company", "\u{200B}"], ["--segment", "\u{00A0}"], ["--region", ""]])
    func aBlankFieldIsRefusedOnTheCommandLine(_ option: [String]) throws {
        let cli = try CLI(seed: false)
        let r = try cli.run(Self.stat + ["--value", "5"] + (option[0] == "--company" ? option : ["--company", "Microsoft"] + option))
        #expect(r.status != 0)
        #expect(r.stderr.contains("is blank"), "\(r.stderr)")
        #expect(try cli.sqlite("SELECT count(*) FROM statistics") == "0")
    }

    @Test func anEmptyCSVCellStillMeansNone() throws {
        let cli = try CLI(seed: false)
        let file = try cli.write("a.csv", "type,metric,date,company,segment,region,value,unit,source\nstatistic,m,2025,,,,7,USD,S\n")
        let r = try cli.run("ingest", file)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try cli.sqlite("SELECT count(*) FROM statistics WHERE company_id IS NULL AND segment IS NULL AND region IS NULL") == "1")
    }

    @Test func anInvisibleCompanyNameIsRefused() throws {
        let cli = try CLI(seed: false)
        let r = try cli.run("add-company", "--name", "\u{200B}")
        #expect(r.status != 0)
        #expect(r.stderr.contains("is blank") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(try cli.sqlite("SELECT count(*) FROM companies") == "0")
        let alias = try cli.run("add-company", "--name", "Acme", "--alias", "\u{2060}")
        #expect(alias.status != 0 && alias.stderr.contains("blank"), "\(alias.stderr)")
    }

    @Test(arguments: [["--year", "-1"], ["--year=-1"], ["--year", "0"]])
    func aNegativeYearSaysWhatYearsAre(_ year: [String]) throws {
        let cli = try CLI(seed: false)
        let r = try cli.run(["deals"] + year)
        #expect(r.status != 0)
        #expect(r.stderr.contains("is not a year; valid: 1 to 9999"), "\(r.stderr)")
        #expect(!r.stderr.contains("Missing value"))
    }

    @Test(arguments: [["--from", "-1"], ["--to", "-2025-Q1"], ["--period", "-2025"]])
    func aNegativeDateSaysWhatDatesAre(_ date: [String]) throws {
        let cli = try CLI(seed: false)
        let r = try cli.run(["deals"] + date)
        #expect(r.status != 0)
        #expect(r.stderr.contains("\(date[0]): '\(date[1])' is not a date; valid: YYYY"), "\(r.stderr)")
        #expect(!r.stderr.contains("Missing value"))
    }

    @Test func aCSVHeaderWithoutANameIsBlamedOnLineOne() throws {
        let cli = try CLI(seed: false)
        let file = try cli.write("a.csv", "type,name,,country\ncompany,Acme,x,DE\n")
        let r = try cli.run("ingest", file)
        #expect(r.status != 0)
        #expect(r.stderr.contains("a.csv:1: column 3: has no name in the header"), "\(r.stderr)")
    }

    @Test func aUnitMismatchInOneFileIsNotCalledStored() throws {
        let cli = try CLI(seed: false)
        let file = try cli.write("a.ndjson", """
            {"type":"statistic","metric":"m","date":"2025","company":"A","value":1,"unit":"USD","source":"S"}
            {"type":"statistic","metric":"m","date":"2025","company":"B","value":2,"unit":"EUR","source":"S"}

            """)
        let r = try cli.run("ingest", file)
        #expect(r.status != 0)
        #expect(r.stderr.contains("a.ndjson:2: unit: 'EUR' differs from the unit 'USD' an earlier entry of this input gave metric m"), "\(r.stderr)")
        #expect(!r.stderr.contains("stored"))
        // once stored, it is called stored
        let first = try cli.write("b.ndjson", "{\"type\":\"statistic\",\"metric\":\"m\",\"date\":\"2025\",\"company\":\"A\",\"value\":1,\"unit\":\"USD\",\"source\":\"S\"}\n")
        #expect(try cli.run("ingest", first).status == 0)
        let again = try cli.run("add-stat", "--metric", "m", "--date", "2024", "--value", "3", "--unit", "EUR", "--source", "S")
        #expect(again.stderr.contains("'USD' stored for metric m"), "\(again.stderr)")
    }
}
