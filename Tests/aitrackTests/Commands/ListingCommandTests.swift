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
}
