import AITrackCore
import ArgumentParser

struct RecipesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recipes",
        abstract: "List the bundled import recipes: how each upstream file becomes entries (aitrack ingest --recipe NAME FILE).",
        discussion: """
            Examples:
              aitrack recipes
              aitrack recipes --format json
              aitrack ingest --recipe epoch_tpu \\
                data/epoch-ai-chip-counts/tpu_owners_cumulative_totals.csv

            A recipe names a file's upstream URL, its entry type, the column mapping and fixed fields, the columns it is \
            expected to have (and earlier names of them), its licence and its source. Your own recipe file works the same: \
            aitrack ingest --recipe ./mine.json FILE. The format is in docs/INGEST.md.
            """)

    @OptionGroup var format: FormatOptions

    func run() throws {
        let t = ResultTable(columns: ["name", "type", "source", "licence", "url", "file", "description"],
                            readable: ["name", "type", "source", "licence", "file"],
                            rows: Recipe.bundled.map { r in
                                [.text(r.name), .text(r.type.rawValue), .text(r.source), .text(r.licence), .text(r.urls.first ?? ""),
                                 r.file.map(Cell.text) ?? .null, .text(r.description)]
                            })
        Terminal.out(TableFormatter.render(t, as: format.resolve(), width: format.width))
    }
}
