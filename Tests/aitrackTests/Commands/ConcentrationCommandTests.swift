import Foundation
import Testing
@testable import AITrackCore

@Suite struct ConcentrationCommandTests {
    /// The command's JSON against the figures computed here from the raw rows with sqlite3.
    @Test func jsonMatchesAnIndependentComputation() throws {
        let cli = try CLI()
        let r = try cli.run("concentration", "--metric", "ai_compute_h100e", "--year", "2025", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let c = jsonObject(try JSONParser.parse(r.stdout))
        for key in ["metric", "unit", "period", "total", "coverage", "firms", "cr", "top5_share", "hhi", "band", "published"] {
            #expect(c[key] != nil, "missing \(key)")
        }
        #expect(jsonObject(c["period"]!)["from"] == .string("2025-01-01") && jsonObject(c["period"]!)["to"] == .string("2025-12-31"))
        // independent route: sqlite3 over the tables, by hand
        let raw = try cli.sqlite("""
            SELECT coalesce(p.name, c.name), c.kind, sum(s.value) FROM statistics s JOIN companies c ON c.id = s.company_id
            LEFT JOIN companies p ON p.id = c.parent_id
            WHERE s.metric = 'ai_compute_h100e' AND s.measure = 'value' AND s.date = '2025-12-31'
            GROUP BY 1, 2 ORDER BY 3 DESC
            """)
        var firms: [(String, Double)] = []
        var total = 0.0
        for line in raw.split(separator: "\n") {
            let f = line.split(separator: "|").map(String.init)
            let v = Double(f[2])!
            total += v
            if f[1] != "aggregate" { firms.append((f[0], v)) }
        }
        #expect(jsonNumber(c["total"]) == total)
        let shares = firms.map { 100 * $0.1 / total }
        guard case .array(let listed)? = c["firms"] else { Issue.record("no firms"); return }
        #expect(listed.map { jsonObject($0)["company"] } == firms.map { .string($0.0) })
        #expect(zip(listed, shares).allSatisfy { abs(jsonNumber(jsonObject($0)["share"])! - $1) < 1e-9 })
        #expect(abs(jsonNumber(c["top5_share"])! - shares.prefix(5).reduce(0, +)) < 1e-9)
        let low = shares.reduce(0) { $0 + $1 * $1 }
        #expect(abs(jsonNumber(jsonObject(c["hhi"]!)["low"])! - low) < 1e-6)
        let rest = 100 - shares.reduce(0, +), smin = shares.min()!
        let k = (rest / smin).rounded(.down)
        let high = low + k * smin * smin + (rest - k * smin) * (rest - k * smin)
        #expect(abs(jsonNumber(jsonObject(c["hhi"]!)["high"])! - high) < 1e-6)
        #expect(jsonObject(c["band"]!)["us2023"] == .string("moderately concentrated"))
        guard case .array(let published)? = c["published"], let claim = published.first.map(jsonObject) else { Issue.record("no claims"); return }
        #expect(claim["agrees"] == .bool(true) && claim["verification"] == .string("contradicted"))
    }

    @Test func byYearAsCSVAndQuartersAsJSON() throws {
        let cli = try CLI()
        let csv = try cli.run("concentration", "--metric", "ai_compute_h100e", "--from", "2023", "--to", "2025", "--by", "year", "--format", "csv")
        #expect(csv.status == 0)
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows[0] == "metric,period_from,period_to,rank,company,aggregate,value,share,total,coverage,cr5,cr5_high,hhi_low,hhi_high,band_us2023,band_us2010,band_eu2004")
        #expect(Set(rows.dropFirst().map { $0.split(separator: ",")[1] }) == ["2023-01-01", "2024-01-01", "2025-01-01"])
        let q = try cli.run("concentration", "--metric", "cloud_market_share", "--from", "2024-Q1", "--to", "2024-Q4", "--by", "quarter", "--format", "json")
        guard case .array(let sets) = try JSONParser.parse(q.stdout) else { Issue.record("not a list"); return }
        // every quarter of 2024 has cloud shares (the seed's and the market research's); Q3 is
        // computed from the verified values where two sources give the same quarter, and Google's
        // 13 % of Synergy's release text, which the research chose over a list's disputed 12 %:
        // 31² + 20² + 13² + 4² + 3² + 4 · 2² = 1,571
        #expect(sets.count == 4)
        #expect(q.stderr.isEmpty)
        let q3 = jsonObject(sets[2])
        #expect(jsonObject(q3["period"]!)["from"] == .string("2024-07-01"))
        #expect(jsonNumber(jsonObject(q3["hhi"]!)["low"]) == 1571)
        #expect(jsonNumber(jsonObject(q3["cr"]!)["3"]) == 64)
        let md = try cli.run("concentration", "--metric", "ai_compute_h100e", "--year", "2025", "--format", "markdown")
        #expect(md.stdout.contains("| ai_compute_h100e | 2025-01-01 | 2025-12-31 | 1 | Alphabet |"))
    }

    @Test func consolidationCanBeTurnedOff() throws {
        let cli = try CLI()
        let merged = try cli.run("concentration", "--metric", "cloud_market_share", "--period", "2025-Q3", "--format", "csv")
        #expect(merged.stdout.contains(",1,Amazon,false,29,"))
        let apart = try cli.run("concentration", "--metric", "cloud_market_share", "--period", "2025-Q3", "--format", "csv", "--no-consolidate")
        #expect(apart.stdout.contains(",1,Amazon Web Services,false,29,"))
    }

    @Test func badMetricOrNoDataIsClear() throws {
        let cli = try CLI()
        let r = try cli.run("concentration", "--metric", "nope", "--year", "2025")
        #expect(r.status != 0 && r.stderr.contains("--metric: 'nope' has no statistics; valid: ai_alliance_members"))
        let open = try cli.run("concentration", "--metric", "ai_compute_h100e", "--from", "2023", "--by", "year")
        #expect(open.status != 0 && open.stderr.contains("give --from and --to as well"))
        let empty = try cli.run("concentration", "--metric", "ai_compute_h100e", "--year", "2019", "--format", "table")
        #expect(empty.status == 0 && empty.stdout.isEmpty)
        #expect(empty.stderr == "aitrack: concentration: ai_compute_h100e has no statistics in 2019; nothing to compute.\n")
        let json = try cli.run("concentration", "--metric", "ai_compute_h100e", "--year", "2019", "--format", "json")
        #expect(json.stdout == "[]\n")
    }

    /// Ten thousand years by quarter cost what their data cost: the steps without data are
    /// left out (one indexed query finds the others), and said so on stderr.
    @Test func aLongRangeSkipsStepsWithoutData() throws {
        let cli = try CLI()
        let r = try cli.run("concentration", "--metric", "ai_compute_h100e", "--from", "0001", "--to", "9999", "--by", "quarter", "--format", "csv")
        #expect(r.status == 0, "\(r.stderr)")
        let periods = Set(r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] })
        let expected = try cli.sqlite("""
            SELECT count(DISTINCT substr(date, 1, 4) || ((CAST(substr(date, 6, 2) AS INTEGER) + 2) / 3)) FROM statistics
            WHERE metric = 'ai_compute_h100e' AND (measure <> 'value' OR forecast = 0)
            """)
        #expect(String(periods.count) == expected)
        #expect(r.stderr.contains("quarters of 0001..9999 without statistics of ai_compute_h100e left out."))
        let year = try cli.run("concentration", "--metric", "ai_compute_h100e", "--year=-9223372036854775808")
        #expect(year.status != 0)
        #expect(year.stderr == "aitrack: concentration: --year: -9223372036854775808 is not a year; valid: 1 to 9999; see 'aitrack help concentration'.\n")
        let report = try cli.run("report", "--year", "10000")
        #expect(report.status != 0 && report.stderr.contains("--year: 10000 is not a year; valid: 1 to 9999"))
    }

    /// The intervals where people look: the text prints CR5 with its 90 % interval and the bands
    /// in the draws; JSON an `intervals` object; the same seed the same bytes, `--draws 0` none;
    /// a metric without bounds prints as before; the report draws the same figure alike.
    @Test func intervalsOfTheSeededComputeEstimates() throws {
        let cli = try CLI()
        let args = ["concentration", "--metric", "ai_compute_h100e", "--year", "2025"]
        let text = try cli.run(args + ["--format", "table"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("CR5 73.56 % (90 % interval "), "\(text.stdout)")
        #expect(text.stdout.contains("bands in the draws: us2023 moderately concentrated in "))
        #expect(text.stdout.contains("90 % intervals (10,000 draws of the 16 values with bounds, independent, seed 2023)"))
        let json = try cli.run(args + ["--format", "json"])
        #expect(try cli.run(args + ["--format", "json"]).stdout == json.stdout)
        let i = jsonObject(jsonObject(try JSONParser.parse(json.stdout))["intervals"])
        #expect(i["draws"] == .number("10000") && i["correlation"] == .string("independent") && i["values_drawn"] == .number("16"))
        let cr5 = jsonObject(i["top5_share"])
        let (p5, p50, p95) = (jsonNumber(cr5["p5"])!, jsonNumber(cr5["p50"])!, jsonNumber(cr5["p95"])!)
        #expect(p5 < 73.56 && 73.56 < p95 && p5 < p50 && p50 < p95, "\(cr5)")
        #expect(jsonObject(i["cr"])["5"] == i["top5_share"])
        let none = try cli.run(args + ["--format", "json", "--draws", "0"])
        #expect(jsonObject(try JSONParser.parse(none.stdout))["intervals"] == .null)
        let other = try cli.run(args + ["--format", "json", "--seed", "99"])
        #expect(jsonObject(jsonObject(try JSONParser.parse(other.stdout))["intervals"])["top5_share"] != i["top5_share"])
        // no bounds: as before, no interval words
        let cloud = try cli.run("concentration", "--metric", "cloud_market_share", "--period", "2025-Q3", "--format", "table")
        #expect(cloud.status == 0 && !cloud.stdout.contains("interval") && !cloud.stdout.contains("draws"), "\(cloud.stdout)")
        // the report's figure is the command's, draw for draw
        let report = jsonObject(try JSONParser.parse(try cli.run("report", "--year", "2025", "--format", "json").stdout))
        guard case .array(let sets)? = report["concentration"] else { Issue.record("no concentration"); return }
        let compute = sets.first { jsonObject($0)["metric"] == .string("ai_compute_h100e") }
        #expect(JSONWriter.prettyString(jsonObject(compute)["intervals"]!) == JSONWriter.prettyString(jsonObject(try JSONParser.parse(json.stdout))["intervals"]!))
    }

    /// `--draws` out of range and `--correlation` outside its words are refused in one sentence.
    @Test(arguments: [(["--draws", "-5"], "aitrack: concentration: --draws: -5 is not a number of draws; valid: 0 (no intervals) to 1000000"),
                      (["--draws", "2000000"], "--draws: 2000000 is not a number of draws"),
                      (["--correlation", "firm"], "--correlation: 'firm' is not")])
    func badSimulationOptions(_ extra: [String], _ message: String) throws {
        let cli = try CLI()
        let r = try cli.run(["concentration", "--metric", "ai_compute_h100e", "--year", "2025"] + extra)
        #expect(r.status != 0 && r.stderr.contains(message) && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }
}
