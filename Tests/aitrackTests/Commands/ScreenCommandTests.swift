import Foundation
import Testing
@testable import AITrackCore

@Suite struct ScreenCommandTests {
    /// The screen's figures against an independent route: the shares of the stored values by
    /// sqlite3, ΔHHI and the HHI after computed here, the verdicts from the guidelines' numbers.
    @Test func theArticlesCaseAgainstAnIndependentComputation() throws {
        let cli = try CLI()
        let before = try cli.dump()
        let r = try cli.run("screen", "--metric", "ai_compute_h100e", "--year", "2025", "--combine", "Meta", "--with", "Google", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let s = jsonObject(try JSONParser.parse(r.stdout))
        let total = Double(try cli.sqlite("SELECT sum(value) FROM statistics WHERE metric = 'ai_compute_h100e' AND date = '2025-12-31' AND measure = 'value'"))!
        func value(_ name: String) throws -> Double {
            Double(try cli.sqlite("""
                SELECT sum(s.value) FROM statistics s JOIN company_ultimate_parents u ON u.company_id = s.company_id
                WHERE s.metric = 'ai_compute_h100e' AND s.date = '2025-12-31' AND s.measure = 'value' AND u.ultimate_parent = '\(name)'
                """))!
        }
        let (a, b) = (100 * (try value("Meta Platforms")) / total, 100 * (try value("Alphabet")) / total)
        #expect(abs(jsonNumber(jsonObject(s["a"])["share"])! - a) < 1e-9 && abs(jsonNumber(jsonObject(s["b"])["share"])! - b) < 1e-9)
        let delta = jsonNumber(s["delta_hhi"])!
        #expect(abs(delta - 2 * a * b) < 1e-9)
        let (low, high) = (jsonNumber(jsonObject(s["hhi_before"])["low"])!, jsonNumber(jsonObject(s["hhi_before"])["high"])!)
        #expect(jsonNumber(jsonObject(s["hhi_after"])["low"]) == low + delta && jsonNumber(jsonObject(s["hhi_after"])["high"]) == high + delta)
        // the guidelines' tests, by hand: 1,942–1,996 after, ΔHHI 610, combined 37.66 %
        #expect(low + delta > 1800 && delta > 100)
        #expect(jsonObject(jsonObject(s["verdicts"])["us2023"])["at_low"] == .string("presumed to substantially lessen competition"))
        #expect(jsonObject(jsonObject(s["verdicts"])["eu2004"])["at_high"] == .string("not cleared by the HHI screen"))
        #expect(s["caveat"] != nil)
        #expect(try cli.dump() == before)   // a command that only reads
    }

    /// The text says the caveat; CSV has numbers unformatted.
    @Test func textAndCSV() throws {
        let cli = try CLI()
        let text = try cli.run("screen", "--metric", "ai_compute_h100e", "--year", "2025", "--combine", "Meta", "--with", "Google", "--format", "table",
                               "--draws", "0")
        #expect(text.status == 0 && text.stdout.contains("ΔHHI                     610\n"), "\(text.stdout)")
        #expect(text.stdout.contains("HHI after                1,942–1,996\n"))
        #expect(text.stdout.hasSuffix("not a finding that an alliance or contract is a merger.\n"))
        let csv = try cli.run("screen", "--metric", "ai_compute_h100e", "--year", "2025", "--combine", "Meta", "--with", "Google", "--format", "csv")
        #expect(csv.stdout.hasPrefix("figure,value,high,unit\nmarket,ai_compute_h100e,,\nshare of Meta Platforms,11.79"), "\(csv.stdout)")
    }

    /// The market's values carry bounds: the screen gives the intervals of its figures and the
    /// share of draws reaching each verdict; --draws 0 none; the same seed the same output.
    @Test func theIntervalsOfTheArticlesCase() throws {
        let cli = try CLI()
        let args = ["screen", "--metric", "ai_compute_h100e", "--year", "2025", "--combine", "Meta", "--with", "Google"]
        let r = try cli.run(args + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try cli.run(args + ["--format", "json"]).stdout == r.stdout)
        let s = jsonObject(try JSONParser.parse(r.stdout)), i = jsonObject(s["intervals"])
        let delta = jsonObject(i["delta_hhi"]), point = jsonNumber(s["delta_hhi"])!
        #expect(jsonNumber(delta["p5"])! < point && point < jsonNumber(delta["p95"])!, "\(delta)")
        guard case .array(let us2023)? = jsonObject(i["verdicts"])["us2023"], let first = us2023.first else { Issue.record("no verdicts"); return }
        #expect(jsonObject(first)["verdict"] == .string("presumed to substantially lessen competition"))
        #expect(jsonNumber(jsonObject(first)["share"])! > 0.99)
        let text = try cli.run(args + ["--format", "table"]).stdout
        #expect(text.contains("us2023 in the draws             presumed to substantially lessen competition in more than 99 % of draws\n"), "\(text)")
        let none = try cli.run(args + ["--format", "json", "--draws", "0"])
        #expect(jsonObject(try JSONParser.parse(none.stdout))["intervals"] == .null)
    }

    /// A stake adds the modified HHI; full ownership of one firm by the other is their combination.
    @Test func aFullStakeIsTheCombination() throws {
        let cli = try CLI()
        let r = try cli.run("screen", "--metric", "ai_compute_h100e", "--year", "2025", "--combine", "Meta", "--with", "Google",
                            "--stake", "Alphabet:Meta Platforms:100", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let s = jsonObject(try JSONParser.parse(r.stdout))
        let m = jsonObject(s["modified_hhi"]), after = jsonObject(s["hhi_after"])
        #expect(abs(jsonNumber(m["low"])! - jsonNumber(after["low"])!) < 1e-6 && abs(jsonNumber(m["high"])! - jsonNumber(after["high"])!) < 1e-6)
    }

    /// --stake is repeatable: two stakes give the MHHI of both, above that of either alone.
    @Test func stakesRepeat() throws {
        let cli = try CLI()
        func low(_ stakes: [String]) throws -> Double {
            let r = try cli.run(["screen", "--metric", "ai_compute_h100e", "--year", "2025", "--combine", "Meta", "--with", "Google",
                                 "--format", "json"] + stakes.flatMap { ["--stake", $0] })
            #expect(r.status == 0, "\(r.stderr)")
            return jsonNumber(jsonObject(jsonObject(try JSONParser.parse(r.stdout))["modified_hhi"])["low"]) ?? 0
        }
        let one = try low(["Microsoft:CoreWeave:5"]), other = try low(["Amazon:xAI:20"])
        let both = try low(["Microsoft:CoreWeave:5", "Amazon:xAI:20"])
        #expect(both > one && both > other)
    }

    /// Every deal of a year between two firms with shares of a market: ΔHHI = 2ab on each row,
    /// largest first, the article's deal among them at ΔHHI ≈ 610 in AI compute.
    @Test func everyDealOfAYear() throws {
        let cli = try CLI()
        let before = try cli.dump()
        let r = try cli.run("screen", "--deals", "--year", "2025", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        guard case .array(let rows) = try JSONParser.parse(r.stdout) else { Issue.record("not an array"); return }
        #expect(!rows.isEmpty)
        var last = Double.infinity
        for row in rows.map(jsonObject) {
            let (a, b, d) = (jsonNumber(row["share_a"])!, jsonNumber(row["share_b"])!, jsonNumber(row["delta_hhi"])!)
            #expect(abs(d - 2 * a * b) < 1e-9)
            #expect(d <= last)
            last = d
            #expect(jsonNumber(row["hhi_after_low"])! <= jsonNumber(row["hhi_after_high"])!)
        }
        let article = rows.map(jsonObject).first { $0["date"] == .string("2025-08-21") && $0["market"] == .string("ai_compute_h100e") }
        #expect(article.map { abs(jsonNumber($0["delta_hhi"])! - 610.13) < 0.01 } == true)
        #expect(article?["us2023"] == .string("presumed to substantially lessen competition"))
        let text = try cli.run("screen", "--deals", "--year", "2025", "--format", "table")
        #expect(text.stdout.contains("Meta Platforms 11.79 % + Alphabet 25.87 %  610   1,942–1,996"), "\(text.stdout)")
        #expect(try cli.dump() == before)
        let mixed = try cli.run("screen", "--deals", "--year", "2025", "--metric", "ai_compute_h100e")
        #expect(mixed.status != 0 && mixed.stderr.contains("--deals screens every deal and market of the period"), "\(mixed.stderr)")
    }

    /// The report asks the article's question: its largest combination, in every format.
    @Test func theReportNamesTheLargestCombination() throws {
        let cli = try CLI()
        let text = try cli.run("report", "--year", "2025", "--format", "table")
        #expect(text.stdout.contains("== Deals as combinations (a what-if) =="), "\(text.stdout)")
        #expect(text.stdout.contains("; ΔHHI ≈ ") && text.stdout.contains("not a finding that an alliance or contract is a merger"))
        let json = try cli.run("report", "--year", "2025", "--format", "json")
        guard case .array(let rows)? = jsonObject(try JSONParser.parse(json.stdout))["combinations"] else { Issue.record("no combinations"); return }
        let deals = try cli.run("screen", "--deals", "--year", "2025", "--format", "json")
        guard case .array(let all) = try JSONParser.parse(deals.stdout) else { Issue.record("no deals"); return }
        #expect(rows == Array(all.prefix(5)))   // the report's are the screen's first five
        let html = try cli.run("report", "--year", "2025", "--format", "html")
        #expect(html.stdout.contains("<li><b>What if</b>: "))
    }

    /// Bad input: one sentence naming what is wrong and what is valid, exit 1, nothing written.
    @Test(arguments: [
        (["--combine", "Meta", "--with", "Nobody Inc"], "aitrack: screen: 'Nobody Inc' is not a known company or alias; see `aitrack companies` for the names.\n"),
        (["--combine", "Meta", "--with", "Facebook"], "aitrack: screen: 'Meta' and 'Facebook' are one firm, Meta Platforms, once subsidiaries are consolidated; give two firms.\n"),
        (["--combine", "Meta", "--with", "Google", "--stake", "Fund:Oracle:60", "--stake", "Amazon:Oracle:50:10"],
         "aitrack: --stake: the stakes in Oracle add up to 110 % of its ownership; valid: stakes of other owners in one firm that add up to 100 % at most.\n"),
        (["--combine", "Meta", "--with", "Google", "--stake", "Meta:Google"],
         "aitrack: screen: --stake: 'Meta:Google' is not OWNER:TARGET:OWNERSHIP[:CONTROL]; valid: e.g. Microsoft:CoreWeave:5 or Microsoft:CoreWeave:5:0 (percent, 0 to 100)\n"),
    ])
    func badInput(_ args: [String], _ message: String) throws {
        let cli = try CLI()
        let before = try cli.dump()
        let r = try cli.run(["screen", "--metric", "ai_compute_h100e", "--year", "2025"] + args)
        #expect(r.status != 0)
        #expect(r.stderr.hasPrefix(String(message.dropLast(2))), "\(r.stderr)")
        #expect(try cli.dump() == before)
    }

    /// A figure that describes no market is not screened.
    @Test func noMarketNoScreen() throws {
        let cli = try CLI()
        let r = try cli.run("screen", "--metric", "cio_vendor_usage_rate", "--year", "2025", "--combine", "OpenAI", "--with", "Anthropic")
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("aitrack: screen: cio_vendor_usage_rate in 2025 describes no market (cio_vendor_usage_rate is a rate"), "\(r.stderr)")
    }
}
