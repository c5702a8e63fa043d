import Foundation
import Testing
@testable import AITrackCore

@Suite struct RecipesCommandTests {
    static let epoch = CLI.root.appendingPathComponent("data/epoch-ai-chip-counts").path

    /// `aitrack recipes` lists the bundled recipes, in every format, without a database.
    @Test func theRecipesAreListed() throws {
        let cli = try CLI(seed: false, create: false)
        let json = try cli.run("recipes", "--format", "json", withDB: false)
        #expect(json.status == 0, "\(json.stderr)")
        guard case .array(let rows) = try JSONParser.parse(json.stdout) else { Issue.record("not a list"); return }
        #expect(rows.map { jsonObject($0)["name"] } == Recipe.bundled.map { .string($0.name) })
        #expect(rows.allSatisfy { jsonObject($0)["licence"] == .string("MIT") && jsonObject($0)["url"] != nil })
        let text = try cli.run("recipes", withDB: false)
        #expect(text.status == 0 && text.stdout.contains("epoch_tpu") && text.stdout.contains("statistic"))
    }

    /// By recipe the Epoch files change nothing in a seeded database; a user's own recipe file works
    /// the same; a file whose columns changed is refused in one sentence and nothing is written.
    @Test func ingestByRecipe() throws {
        let cli = try CLI()
        let before = try cli.dump()
        for r in Recipe.bundled {
            let out = try cli.run("ingest", "--recipe", r.name, CLI.root.appendingPathComponent(r.file!).path)
            #expect(out.status == 0 && out.stderr.contains(" 0 added, ") && out.stderr.contains(" 0 replaced"), "\(r.name): \(out.stderr)")
        }
        #expect(try cli.dump() == before)
        let mine = try cli.write("mine.json", RecipeFiles.files.first { $0.name == "epoch_tpu.json" }!.text
            .replacingOccurrences(of: "\"segment\": \"TPU\"", with: "\"segment\": \"TPU v9\""))
        let own = try cli.run("ingest", "--recipe", mine, "\(Self.epoch)/tpu_owners_cumulative_totals.csv")
        #expect(own.status == 0 && own.stderr.contains("13 added"), "\(own.stderr)")
        let csv = try String(contentsOfFile: "\(Self.epoch)/tpu_owners_cumulative_totals.csv", encoding: .utf8)
        let renamed = try cli.write("tpu.csv", csv.replacingOccurrences(of: "Owner,", with: "Holder,"))
        let after = try cli.dump()
        let bad = try cli.run("ingest", "--recipe", "epoch_tpu", renamed)
        #expect(bad.status != 0 && bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
        #expect(bad.stderr.contains("tpu.csv:1: columns: 'Holder' is a column the recipe epoch_tpu does not know"), "\(bad.stderr)")
        #expect(try cli.dump() == after)
    }

    @Test(arguments: [
        (["--recipe", "nope"], "aitrack: --recipe: 'nope' is no bundled recipe and no recipe file"),
        (["--recipe", "epoch_tpu", "--map", "company=Owner"], "aitrack: ingest: --recipe gives the mapping and the fixed fields; leave out --map"),
        (["--recipe", "./missing.json"], "aitrack: --recipe: cannot read './missing.json'"),
    ])
    func badRecipes(_ args: [String], _ message: String) throws {
        let cli = try CLI()
        let r = try cli.run(["ingest"] + args + ["\(Self.epoch)/tpu_owners_cumulative_totals.csv"])
        #expect(r.status != 0 && r.stderr.hasPrefix(message) && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }
}
