import Foundation
import Testing
@testable import AITrackCore

@Suite struct RecipeTests {
    static let root = EmbeddedResourcesTests.root

    static func header(_ path: String) throws -> [String] {
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        return String(text.prefix { $0 != "\n" && $0 != "\r\n" }).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    /// Every file of recipes/ is bundled and parses; each names a file of the repository whose
    /// header is its expected columns, the Epoch licence and the source.
    @Test func theBundledRecipesCoverTheEpochFiles() throws {
        let onDisk = try EmbeddedResourcesTests.files("recipes", ext: "json")
        #expect(onDisk == RecipeFiles.files.map(\.name))
        #expect(Recipe.bundled.count == onDisk.count)
        for (name, text) in RecipeFiles.files {
            let disk = try String(contentsOf: Self.root.appendingPathComponent("recipes/\(name)"), encoding: .utf8)
            #expect(disk == text, "recipes/\(name) differs from the embedded copy: rebuild")
        }
        for r in Recipe.bundled {
            let file = try #require(r.file)
            #expect(try Self.header(file) == r.expectedColumns, "\(r.name)")
            #expect(r.licence == "MIT" && r.source == "Epoch AI" && r.urls.allSatisfy { $0.hasPrefix("https://") })
        }
        // every Epoch chip-owner file the seed holds has its recipe
        let owners = try EmbeddedResourcesTests.files("data/epoch-ai-chip-counts", ext: "csv").filter { $0.contains("_owners") }
        #expect(Set(Recipe.bundled.compactMap(\.file)) == Set(owners.map { "data/epoch-ai-chip-counts/\($0)" }))
    }

    /// One path: the recipes read the Epoch files into exactly the seed's entries.
    @Test func theRecipesReproduceTheSeed() throws {
        let seeded = try AppDatabase.inMemory(seed: true)
        var unchanged = 0
        for r in Recipe.bundled {
            let s = try seeded.ingest([IngestInput(path: Self.root.appendingPathComponent(r.file!).path)], options: r.apply(to: IngestOptions()))
            #expect(s.added == 0 && s.replaced == 0, "\(r.name) differs from the seed")
            unchanged += s.unchanged
        }
        #expect(unchanged == 185)
    }

    /// A column upstream added, one it dropped, and one it renamed: the first two are refused with
    /// the column named; an earlier name the recipe knows is read as today's.
    @Test func theColumnRule() throws {
        var r = try Recipe.named("epoch_tpu")
        let text = try String(contentsOf: Self.root.appendingPathComponent(r.file!), encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        func ingest(_ body: String, _ recipe: Recipe) throws -> WriteSummary {
            try AppDatabase.inMemory(seed: true).ingest([IngestInput(name: "tpu.csv", data: Data(body.utf8))], options: recipe.apply(to: IngestOptions()))
        }
        #expect(try ingest(text, r).unchanged == 13)
        func refused(_ body: String, _ part: String) {
            do { _ = try ingest(body, r); Issue.record("accepted") } catch let e as IngestFailure {
                #expect(e.firstLine.contains(part), "\(e.firstLine)")
            } catch { Issue.record("\(error)") }
        }
        refused(lines.map { $0.isEmpty ? $0 : $0 + ",x" }.joined(separator: "\n").replacingOccurrences(of: "Notes,x", with: "Notes,Extra"),
                "columns: 'Extra' is a column the recipe epoch_tpu does not know (upstream added or renamed it)")
        lines[0] = lines[0].replacingOccurrences(of: "H100e (95th percentile)", with: "H100e (p95)")
        refused(lines.joined(separator: "\n"), "columns: 'H100e (p95)' is a column the recipe epoch_tpu does not know")
        r.renames = [Recipe.Pair(field: "H100e (p95)", text: "H100e (95th percentile)")]
        #expect(try ingest(lines.joined(separator: "\n"), r).unchanged == 13)
        r.expectedColumns.append("Region")
        refused(text, "columns: the recipe epoch_tpu expects the column 'Region', which the file does not have")
    }

    /// A recipe file that is no recipe says which key is wrong.
    @Test(arguments: [
        (#"{"name":"x"}"#, "urls"),
        (#"[1]"#, "(the file)"),
        ("not json", "(the file)"),
    ])
    func invalidRecipes(_ json: String, _ key: String) {
        #expect(throws: RecipeProblem.self) { try Recipe.parse(Data(json.utf8), name: "mine.json") }
        do { _ = try Recipe.parse(Data(json.utf8), name: "mine.json") } catch let RecipeProblem.invalid(_, k, _) {
            #expect(k == key || key == "urls" && k == "type", "\(k)")
        } catch { Issue.record("\(error)") }
    }

    @Test func aRecipeKeyOrFieldThatIsNoneIsRefused() throws {
        let good = RecipeFiles.files.first { $0.name == "epoch_tpu.json" }!.text
        func problem(_ text: String) -> RecipeProblem? {
            do { _ = try Recipe.parse(Data(text.utf8), name: "mine.json"); return nil } catch { return error as? RecipeProblem }
        }
        #expect(problem(good) == nil)
        guard case .invalid(_, "colour", _)? = problem(good.replacingOccurrences(of: "\"name\":", with: "\"colour\": 1, \"name\":")) else {
            Issue.record("an unknown key passed"); return
        }
        guard case .invalid(_, "map.owner", "is not an entry field")? = problem(good.replacingOccurrences(of: "\"company\": \"Owner\"",
                                                                                                             with: "\"owner\": \"Owner\"")) else {
            Issue.record("a field that is none passed"); return
        }
        guard case .invalid(_, "map.company", _)? = problem(good.replacingOccurrences(of: "\"company\": \"Owner\"", with: "\"company\": \"Holder\"")) else {
            Issue.record("a column not expected passed"); return
        }
        #expect(throws: RecipeProblem.unknown(name: "nope", known: Recipe.bundled.map(\.name))) { try Recipe.named("nope") }
    }
}
