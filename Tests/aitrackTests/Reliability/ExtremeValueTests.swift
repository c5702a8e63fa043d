import Foundation
import Testing

/// The binary on values the schema accepts but no market has (issue 27, defects 1 to 3): growth
/// rates, and values near Double's largest written by another program. Every format runs to
/// the end (a crash is a signal, never exit 0), no output says `inf` or `nan`, JSON parses.
@Suite struct ExtremeValueTests {
    static let reportFormats = ["table", "json", "csv", "markdown", "html"]
    static let concentrationFormats = ["table", "json", "csv", "markdown", "svg"]

    /// `inf`, `nan` or `infinity` as a word, in any case.
    static func saysNotANumber(_ s: String) -> Bool {
        s.range(of: #"(?i)(?<![a-z])(inf|infinity|nan)(?![a-z])"#, options: .regularExpression) != nil
    }

    static func parses(_ json: String) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil
    }

    /// Every report and concentration format of `metric` exits 0, says no `inf` or `nan`, and
    /// its JSON parses (concentration only with a metric); returns the outputs by command and format.
    func everyFormat(_ cli: CLI, metric: String?, env: [String: String] = [:]) throws -> [String: String] {
        var out: [String: String] = [:]
        for (command, formats) in [("report", Self.reportFormats), ("concentration", metric == nil ? [] : Self.concentrationFormats)] {
            for f in formats {
                let args = command == "report" ? ["report", "--year", "2025", "--format", f] : ["concentration", "--metric", metric ?? "", "--year", "2025", "--format", f]
                let r = try cli.run(args, env: env)
                #expect(r.status == 0, "\(args): \(r.stderr)")
                #expect(!Self.saysNotANumber(r.stdout), "\(args): \(r.stdout.prefix(3000))")
                if f == "json" { #expect(Self.parses(r.stdout), "\(args): \(r.stdout.prefix(3000))") }
                out["\(command) \(f)"] = r.stdout
            }
        }
        return out
    }

    /// The issue's steps: two growth rates, -5 and 12, crashed the report and got shares of 171 % and -71 %.
    @Test(arguments: ["percent_change", "pp"])
    func growthRatesGetNoShares(unit: String) throws {
        let cli = try CLI(seed: true)
        for (company, value) in [("Microsoft", "-5"), ("Alphabet", "12")] {
            let r = try cli.run("add-stat", "--metric", "revenue_growth", "--date", "2025", "--company", company, "--value", value, "--unit", unit, "--source", "S")
            #expect(r.status == 0, "\(r.stderr)")
        }
        for bars in [[:], ["NO_COLOR": "1"]] {
            let out = try everyFormat(cli, metric: "revenue_growth", env: bars)
            let why = "revenue_growth is in percent_change, a change: a change has no market share, so there are no shares, CRn or HHI"
            #expect(out["concentration table"]?.contains("n/a: " + why) == true, "\(out["concentration table"] ?? "")")
            #expect(out["report markdown"]?.contains("n/a: " + why) == true)
            #expect(out["report html"]?.contains("n/a: " + why) == true)
            // the shares 12 / 7 = 171.43 % and -5 / 7 = -71.43 %, and their HHI 29,388
            for (name, text) in out { #expect(!text.contains("171.4") && !text.contains("71.43") && !text.contains("29,388") && !text.contains("29388"), "\(name)") }
            let json = try #require(try JSONSerialization.jsonObject(with: Data((out["concentration json"] ?? "").utf8)) as? [String: Any])
            #expect((json["firms"] as? [Any])?.isEmpty == true && json["hhi"] is NSNull && json["band"] is NSNull)
        }
    }

    /// Four companies of 2.5e306 each (written with `sql --write`, past the door's limit): shares
    /// of 25 %, HHI 2,500, where 100 · 2.5e306 alone would overflow.
    @Test func hugeHoldingsGiveShares() throws {
        let cli = try CLI(seed: false)
        #expect(try cli.run("add-metric", "--name", "m", "--unit", "usd", "--kind", "flow").status == 0)
        for company in ["A", "B", "C", "D"] {
            #expect(try cli.run("add-stat", "--metric", "m", "--date", "2025", "--company", company, "--value", "1", "--unit", "usd", "--source", "S").status == 0)
        }
        let w = try cli.run("sql", "--write", "UPDATE statistics SET value = 2.5e306 WHERE metric = 'm'")
        #expect(w.status == 0, "\(w.stderr)")
        let out = try everyFormat(cli, metric: "m")
        #expect(out["concentration table"]?.contains("25.00 %") == true && out["concentration table"]?.contains("HHI 2,500") == true,
                "\(out["concentration table"] ?? "")")
        let json = try #require(try JSONSerialization.jsonObject(with: Data((out["concentration json"] ?? "").utf8)) as? [String: Any])
        #expect((json["firms"] as? [[String: Any]])?.compactMap { $0["share"] as? Double } == [25, 25, 25, 25])
    }

    /// Two deals of 1e308 USD add up past Double's range: the total says so, with no change
    /// in percent, where it printed "together inf tn USD" and "change +inf.0 %".
    @Test func dealsPastDoublesRangeSaySo() throws {
        let cli = try CLI(seed: false)
        for (i, date) in ["2024-05", "2025-01", "2025-02"].enumerated() {
            let r = try cli.run("add-deal", "--title", "Big \(i)", "--date", date, "--kind", "investment", "--party", "A\(i):investor",
                                "--party", "B\(i):investee", "--value", "1", "--currency", "USD", "--source", "S")
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(try cli.run("sql", "--write", "UPDATE deals SET value = 1e308 WHERE date LIKE '2025%'").status == 0)
        let out = try everyFormat(cli, metric: nil)
        let table = out["report table"] ?? ""
        #expect(table.contains("together n/a USD (the values add up to more than aitrack can compute with, about 1.8e308)"), "\(table)")
        #expect(table.contains("2024: 1 deal, together 1 USD\n"), "\(table)")
    }
}
