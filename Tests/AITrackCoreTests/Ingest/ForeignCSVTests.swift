import Foundation
import GRDB
import Testing
@testable import AITrackCore

@Suite struct ForeignCSVTests {
    static let epoch = EmbeddedResourcesTests.root.appendingPathComponent("data/epoch-ai-chip-counts")
    static let files: [(String, String)] = [
        ("nvidia_owners_cumulative_totals.csv", "Nvidia"), ("nvidia_owners_OTHER_cumulative_totals.csv", "Nvidia"),
        ("coreweave_owners_cumulative_totals.csv", "Nvidia"), ("amd_owners_cumulative_totals.csv", "AMD"),
        ("tpu_owners_cumulative_totals.csv", "TPU"), ("trainium_owners_cumulative_totals.csv", "Trainium"),
    ]

    /// The README's mapping, as IngestOptions.
    static func options(segment: String) -> IngestOptions {
        var o = IngestOptions()
        o.type = .statistic
        o.dateFormat = "M/d/yyyy"
        o.maps = [("company", "Owner"), ("date", "End date"), ("value", "Compute estimate in H100e (median)"),
                  ("low", "H100e (5th percentile)"), ("high", "H100e (95th percentile)")]
        o.sets = [("metric", "ai_compute_h100e"), ("unit", "H100e"), ("segment", segment), ("source", "Epoch AI"),
                  ("source_url", "https://github.com/epoch-research/ai-chip-counts"), ("qualifier", "estimate"), ("verification", "verified")]
        return o
    }

    @Test func epochFilesLoadByMappingAndMatchTheSeed() throws {
        let seeded = try AppDatabase.inMemory(seed: true)
        var total = 0
        for (file, segment) in Self.files {
            let s = try seeded.ingest([IngestInput(path: Self.epoch.appendingPathComponent(file).path)], options: Self.options(segment: segment))
            #expect(s.added == 0 && s.replaced == 0, "\(file) differs from the seed")
            total += s.unchanged
        }
        #expect(total == 185)
    }

    @Test func epochFilesIntoAnEmptyDatabase() throws {
        let db = try AppDatabase.inMemory()
        try db.add(try entry(#"{"type":"company","name":"Other","kind":"aggregate"}"#), command: "add-company")
        try db.add(try entry(#"{"type":"company","name":"China","kind":"aggregate"}"#), command: "add-company")
        // a stock: each owner's last estimate carried forward to the latest day
        try db.add(try entry(#"{"type":"metric","name":"ai_compute_h100e","unit":"H100e","kind":"stock"}"#), command: "add-metric")
        for (file, segment) in Self.files {
            _ = try db.ingest([IngestInput(path: Self.epoch.appendingPathComponent(file).path)], options: Self.options(segment: segment))
        }
        #expect(try count(db, "SELECT count(*) FROM statistics WHERE low IS NOT NULL AND high IS NOT NULL AND low <= value AND value <= high") == 185)
        #expect(try count(db, "SELECT count(DISTINCT segment) FROM statistics") == 4)
        let c = try db.concentration(metric: "ai_compute_h100e", period: .year(2025))
        #expect(c.aggregates.map(\.company).sorted() == ["China", "Other"])
        #expect(!c.firms.contains { $0.company == "Other" || $0.company == "China" })
    }

    @Test func aMissingMappedColumnIsNamed() throws {
        let db = try AppDatabase.inMemory()
        var o = Self.options(segment: "Nvidia")
        o.maps.append(("region", "Country"))
        do {
            _ = try db.ingest([IngestInput(path: Self.epoch.appendingPathComponent("tpu_owners_cumulative_totals.csv").path)], options: o)
            Issue.record("accepted")
        } catch let e as IngestFailure {
            #expect(e.firstLine.contains("region: is taken from the column 'Country', which the CSV does not have; valid columns: Name, Chip manufacturer, Owner"))
        }
    }
}
