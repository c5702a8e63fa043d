import Foundation
import Testing
@testable import AITrackCore

/// The binary embeds Migrations/ and seed-data/: every file must be embedded, and the
/// embedded copies must equal the files.
@Suite struct EmbeddedResourcesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func files(_ folder: String, ext: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)
            .filter { $0.hasSuffix("." + ext) }.sorted()
    }

    @Test func everyMigrationIsEmbeddedAndEqual() throws {
        let onDisk = try Self.files("Migrations", ext: "sql")
        #expect(onDisk == Migrations.all.map { $0.name + ".sql" })
        for (name, sql) in Migrations.all {
            let text = try String(contentsOf: Self.root.appendingPathComponent("Migrations/\(name).sql"), encoding: .utf8)
            #expect(text == sql, "Migrations/\(name).sql differs from the embedded copy: rebuild")
        }
    }

    @Test func migrationsAreNumberedInOrder() {
        for (k, m) in Migrations.all.enumerated() {
            #expect(m.name.hasPrefix(String(format: "%04d_", k + 1)))
        }
    }

    @Test func everySeedFileIsEmbeddedAndEqual() throws {
        let onDisk = try Self.files("seed-data", ext: "ndjson")
        #expect(onDisk == SeedData.files.map(\.name).sorted())
        for (name, text) in SeedData.files {
            let disk = try String(contentsOf: Self.root.appendingPathComponent("seed-data/\(name)"), encoding: .utf8)
            #expect(disk == text, "seed-data/\(name) differs from the embedded copy: rebuild")
        }
    }

    @Test func epochDataKeepsItsLicence() throws {
        for path in ["data/epoch-ai-chip-counts/LICENSE", "seed-data/epoch_ai_chip_counts.LICENSE"] {
            let text = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
            #expect(text.contains("MIT License") && text.contains("Epoch AI"))
        }
    }
}
