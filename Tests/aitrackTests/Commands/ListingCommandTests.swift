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
}
