import Foundation
import Testing
@testable import AITrackCore

@Suite struct DiffCommandTests {
    /// End to end: a copy diffed with its original is empty; a revision in the copy is named with
    /// the CR5 it moves, in text, Markdown and JSON; both files are only read.
    @Test func aCopyAndARevision() throws {
        let cli = try CLI()
        let copy = cli.dir.appendingPathComponent("copy.db").path
        try FileManager.default.copyItem(atPath: cli.db, toPath: copy)
        let same = try cli.run(["diff", cli.db, copy], withDB: false)
        #expect(same.status == 0 && same.stdout.hasPrefix("no differences: "), "\(same.stdout)\(same.stderr)")
        let r = try cli.run("add-stat", "--metric", "ai_compute_h100e", "--date", "2025-12-31", "--company", "Alphabet", "--segment", "TPU",
                            "--value", "4000000", "--low", "3083116", "--high", "4537332", "--unit", "H100e", "--qualifier", "estimate",
                            "--source", "Epoch AI", "--source-url", "https://github.com/epoch-research/ai-chip-counts",
                            "--verification", "verified", "--replace", "--db", copy, withDB: false)
        #expect(r.status == 0, "\(r.stderr)")
        let original = try Data(contentsOf: URL(fileURLWithPath: cli.db)), revised = try Data(contentsOf: URL(fileURLWithPath: copy))
        let text = try cli.run(["diff", cli.db, copy], withDB: false)
        #expect(text.status == 0)
        #expect(text.stdout.contains("statistic: 0 added, 1 changed, 0 removed\n"), "\(text.stdout)")
        #expect(text.stdout.contains(": value 3812878 → 4000000 (+4.9 %)\n"))
        #expect(text.stdout.contains("  ai_compute_h100e 2025 CR5: 73.56 → "))
        let md = try cli.run(["diff", cli.db, copy, "--format", "markdown"], withDB: false)
        #expect(md.stdout.contains("## Figures that moved"))
        let json = try cli.run(["diff", cli.db, copy, "--format", "json"], withDB: false)
        guard case .array(let figures)? = jsonObject(try JSONParser.parse(json.stdout))["figures"] else { Issue.record("no figures"); return }
        #expect(figures.contains { jsonObject($0)["figure"] == .string("ai_compute_h100e 2025 CR5") })
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.db)) == original && (try Data(contentsOf: URL(fileURLWithPath: copy))) == revised)
        // an export folder and an NDJSON export are the same data as the database they came from
        let folder = cli.dir.appendingPathComponent("backup").path, ndjson = cli.dir.appendingPathComponent("all.ndjson").path
        #expect(try cli.run("export", "--format", "csv", "--dir", folder).status == 0)
        let all = try cli.run("export")
        try all.stdout.write(toFile: ndjson, atomically: true, encoding: .utf8)
        for other in [folder, ndjson] {
            let r = try cli.run(["diff", other, cli.db], withDB: false)
            #expect(r.status == 0 && r.stdout.hasPrefix("no differences: "), "\(other): \(r.stdout)\(r.stderr)")
        }
        let fromFolder = try cli.run(["diff", folder, copy], withDB: false)
        #expect(fromFolder.stdout == text.stdout.replacingOccurrences(of: cli.db, with: folder), "\(fromFolder.stdout)")
        let empty = cli.dir.appendingPathComponent("empty").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let none = try cli.run(["diff", empty, cli.db], withDB: false)
        #expect(none.status != 0 && none.stderr == "aitrack: diff: '\(empty)' holds no entry files (.ndjson, .json, .csv); "
                + "give a database, an export folder or an entry file.\n", "\(none.stderr)")
        let missing = try cli.run(["diff", cli.db, cli.dir.appendingPathComponent("none.db").path], withDB: false)
        #expect(missing.status != 0 && missing.stderr.hasPrefix("aitrack: no database at ") && missing.stderr.split(separator: "\n").count == 1)
    }
}
