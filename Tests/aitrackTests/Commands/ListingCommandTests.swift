import Foundation
import Testing
@testable import AITrackCore

@Suite struct ListingCommandTests {
    @Test func filtersAndFormats() throws {
        let cli = try CLI()
        let stats = try cli.run("stats", "--metric", "ai_compute_h100e", "--period", "2025-Q4", "--company", "Alphabet", "--format", "csv")
        let lines = stats.stdout.split(separator: "\n")
        #expect(lines.count == 3)   // header, Nvidia, TPU
        #expect(stats.stdout.contains(",TPU,,3812878,3083116,4537332,H100e,estimate,false,Epoch AI,"))
        let md = try cli.run("deals", "--company", "Meta", "--kind", "hardware_purchase", "--format", "markdown")
        #expect(md.stdout.contains("| AMD to sell AI chips to Meta |"))
        let relayed = try cli.run("stats", "--source", "news article, 2025", "--format", "csv")
        #expect(relayed.stdout.split(separator: "\n").count == 7)   // header and the article's six statistics
        let deals = try cli.run("deals", "--source", "news article, 2025", "--format", "csv")
        #expect(deals.stdout.contains("as the article states them"))
        let bad = try cli.run("deals", "--format", "yaml")
        #expect(bad.status != 0 && bad.stderr == "aitrack: deals: --format: 'yaml' is not a listing format; valid: table, json, csv, markdown.\n")
        let badYear = try cli.run("deals", "--year", "2025", "--period", "2025-Q1")
        #expect(badYear.status != 0 && badYear.stderr.contains("give one of --year, --period, or --from/--to"))
        let unknown = try cli.run("stats", "--company", "Nobody")
        #expect(unknown.status != 0 && unknown.stderr.contains("'Nobody' is not a known company or alias"))
        // a typo in a filter is refused with the nearest name, the same rule for every filter
        let typo = try cli.run("stats", "--metric", "cloud_share")
        #expect(typo.status != 0 && typo.stdout.isEmpty)
        #expect(typo.stderr.hasPrefix("aitrack: --metric: 'cloud_share' has no statistics; did you mean 'cloud_market_share'? valid: "))
        let company = try cli.run("deals", "--company", "Gogle")
        #expect(company.status != 0 && company.stderr.contains("'Gogle' is not a known company or alias; did you mean 'Google'?"))
        let source = try cli.run("claims", "--source", "Reutres")
        #expect(source.status != 0 && source.stderr.contains("--source: 'Reutres' is not a known source; did you mean 'Reuters'?"))
    }

    /// `claims` end to end: JSON for a program, a table for a person, the same claims.
    @Test func claimsShowVerdictReasonAndTheComputedFigure() throws {
        let cli = try CLI()
        let json = try cli.run("claims", "--verification", "contradicted", "--format", "json")
        #expect(json.status == 0 && json.stderr.isEmpty)
        guard case .array(let rows) = try JSONParser.parse(json.stdout) else { Issue.record("not rows"); return }
        let claims = rows.compactMap { row -> [String: JSONValue]? in
            guard case .object(let o) = row else { return nil }
            return Dictionary(o, uniquingKeysWith: { a, _ in a })
        }
        #expect(claims.count == 5 && claims.allSatisfy { $0["verdict"] == .string("contradicted") })
        let ai = claims.first { $0["claim"] == .string("cr5 of ai_compute_h100e 2025: at least 70 %") }
        #expect(ai?["computed"] == .string("computed 73.56 %: the data agree with the number"))
        #expect(ai?["cites"] == .string("Stanford AI Index 2025") && ai?["said_by"] == .string("news article, 2025"))
        let table = try cli.run("claims", "--source", "news article, 2025", "--format", "table")
        #expect(table.status == 0)
        let header = table.stdout.split(separator: "\n").first.map(String.init) ?? ""
        for column in ["kind", "claim", "said_by", "cites", "verdict", "computed", "reason"] { #expect(header.contains(column), "\(column)") }
        #expect(table.stdout.split(separator: "\n").count == 2 + 8)   // header, rule, the article's eight claims
        let bad = try cli.run("claims", "--verification", "checked")
        #expect(bad.status != 0 && bad.stderr.hasPrefix("aitrack: claims: --verification: 'checked' is not a verification"))
    }

    /// As a reader with a spreadsheet or pandas would: the CSV of a year's deals, summed where
    /// in_total is true, is the report's total; sorting, limits and statuses as asked; a sort
    /// key the rows lack is one sentence.
    @Test func aDealCSVSumsToTheReportsTotal() throws {
        let cli = try CLI()
        let csv = try cli.run("deals", "--year", "2025", "--format", "csv")
        var parser = CSVParser()
        var rows: [[String]] = []
        try parser.feed(Array(csv.stdout.utf8)) { fields, _ in rows.append(fields.map { String(decoding: $0, as: UTF8.self) }) }
        let header = rows.removeFirst()
        let (usd, inTotal) = (header.firstIndex(of: "value_usd")!, header.firstIndex(of: "in_total")!)
        #expect(Set(rows.map { $0[inTotal] }) == ["true", "false"])
        let sum = rows.filter { $0[inTotal] == "true" }.compactMap { Double($0[usd]) }.reduce(0, +)
        let report = try JSONParser.parse(try cli.run("report", "--year", "2025", "--format", "json").stdout)
        #expect(jsonNumber(report.member("deal_totals")?.member("usd_total")) == sum)
        let top = try cli.run("deals", "--year", "2025", "--sort", "value_usd", "--desc", "--limit", "2", "--format", "json")
        guard case .array(let two) = try JSONParser.parse(top.stdout) else { Issue.record("not rows"); return }
        #expect(two.count == 2 && jsonNumber(two[0].member("value_usd"))! >= jsonNumber(two[1].member("value_usd"))!)
        let rumored = try cli.run("deals", "--status", "rumored", "--format", "json")
        guard case .array(let talks) = try JSONParser.parse(rumored.stdout) else { Issue.record("not rows"); return }
        #expect(!talks.isEmpty && talks.allSatisfy { $0.member("status") == .string("rumored") && $0.member("in_total") == .bool(false) })
        #expect(talks.allSatisfy { $0.member("not_in_total_because").map { JSONWriter.string($0).contains("rumored") } == true })
        let bad = try cli.run("stats", "--sort", "value_usd")
        #expect(bad.status != 0 && bad.stderr == "aitrack: --sort: 'value_usd' is not a column of these rows; valid: date, value.\n")
        let zero = try cli.run("deals", "--limit", "0")
        #expect(zero.status != 0 && zero.stderr.contains("--limit: 0 is not a number of rows; give 1 or more"))
        // the export's deal CSV has value_usd too, and ingests back to the same
        let export = try cli.run("export", "--type", "deal", "--format", "csv")
        #expect(export.stdout.hasPrefix("type,date,date_start,date_end,precision,title,kind,parties,value,currency,value_usd,qualifier,"))
        let copy = try CLI()
        #expect(try copy.run("ingest", try copy.write("deals.csv", export.stdout)).stderr.contains(" 0 added,"))
    }

    /// A deal without a value has no qualifier, in the listing and in the export (which ingests
    /// back to the same file).
    @Test func aDealWithoutAValueHasNoQualifier() throws {
        let cli = try CLI()
        let listed = try cli.run("deals", "--format", "json")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        let valueless = rows.filter { $0["value"] is NSNull }
        #expect(valueless.count >= 5)
        #expect(valueless.allSatisfy { $0["qualifier"] is NSNull })
        #expect(rows.filter { !($0["value"] is NSNull) }.allSatisfy { $0["qualifier"] is String })
        let export = try cli.run("export", "--format", "ndjson", "--type", "deal")
        let lines = export.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { !$0.contains("\"value\":") }.allSatisfy { !$0.contains("\"qualifier\":") })
        #expect(lines.filter { !$0.contains("\"value\":") }.count == valueless.count)
    }

    /// metrics names each metric's latest period and the quarters ended since, as of the pinned day.
    @Test func metricsSayHowFreshEachSeriesIs() throws {
        let cli = try CLI(seed: false)
        let lines = #"{"type":"statistic","metric":"m_share","date":"2026-Q1","company":"A","value":60,"unit":"percent","source":"S"}"# + "\n"
            + #"{"type":"statistic","metric":"m_share","date":"2025","company":"A","value":50,"unit":"percent","source":"S"}"# + "\n"
            + #"{"type":"statistic","metric":"m_plan","date":"2027","company":"A","value":5,"unit":"USD","forecast":true,"source":"S"}"# + "\n"
        #expect(try cli.run("ingest", try cli.write("s.ndjson", lines)).status == 0)
        let r = try cli.run(["metrics", "--format", "csv"], env: ["AITRACK_TODAY": "2026-12-07"])
        let rows = r.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(rows.first)
        let (latest, behind) = (header.firstIndex(of: "latest")!, header.firstIndex(of: "quarters_behind")!)
        let share = try #require(rows.first { $0.first == "m_share" })
        #expect(share[latest] == "2026-Q1" && share[behind] == "2")
        let plan = try #require(rows.first { $0.first == "m_plan" })
        #expect(plan[latest] == "" && plan[behind] == "")   // forecasts only: no latest figure
        let later = try cli.run("metrics", "--format", "csv", "--as-of", "2027-01-02")
        #expect(later.stdout.contains("m_share") && later.status == 0)
        let bad = try cli.run("metrics", "--as-of", "2026-12")
        #expect(bad.status == 1 && bad.stderr == "aitrack: metrics: --as-of: '2026-12' is not a day; valid: YYYY-MM-DD, e.g. 2026-12-07.\n")
    }

    /// The originator and the page read are two columns, in every listing that names a source;
    /// the table shows the page only when a row has one (issue 28, item 5).
    @Test func listingsNameTheOriginatorAndThePageRead() throws {
        let cli = try CLI()
        let csv = try cli.run("deals", "--company", "Meta", "--year", "2025", "--format", "csv").stdout
        let header = csv.split(separator: "\n")[0].split(separator: ",").map(String.init)
        let (source, via, viaURL) = (header.firstIndex(of: "source")!, header.firstIndex(of: "source_via")!, header.firstIndex(of: "source_via_url")!)
        #expect(via == source + 2 && viaURL == via + 1)
        let row = csv.split(separator: "\n").first { $0.contains("Meta cloud contract with Google Cloud") }.map(String.init) ?? ""
        #expect(row.contains(",reported,Reuters,,Newsmax,https://www.newsmax.com/finance/streettalk/meta-google-cloud/"))
        let read = try cli.run("stats", "--metric", "cloud_market_share", "--period", "2025-Q3", "--format", "table", "--wide")
        #expect(read.stdout.split(separator: "\n")[0].contains("source_via"))
        #expect(read.stdout.contains("Lightwave"))
        let direct = try cli.run("stats", "--metric", "ai_compute_h100e", "--company", "Meta", "--format", "table", "--wide")
        #expect(!direct.stdout.contains("source_via"))
        // Epoch AI's corrected CR5, read on an aggregator's page: said by Epoch AI, read there
        let claims = try cli.run("claims", "--format", "csv").stdout
        #expect(claims.split(separator: "\n")[0].hasPrefix("kind,row_id,date,date_start,date_end,precision,claim,said_by,cites,via,via_url,"))
        #expect(claims.contains(",Epoch AI,,aihot.virxact.com (aggregator),https://aihot.virxact.com/items/"))
        let html = try cli.run("report", "--year", "2025", "--format", "html").stdout
        #expect(html.contains("Omdia, read at <a href=\"https://www.ictbusiness.biz/"))
    }
}
