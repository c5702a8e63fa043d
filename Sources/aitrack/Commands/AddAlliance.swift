import AITrackCore
import ArgumentParser

struct AddAlliance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-alliance",
        abstract: "Add an alliance, optionally with its founding members.",
        discussion: """
            Example:
              aitrack add-alliance --name "Frontier Model Forum" --date 2023-07-26 \\
                --member Anthropic --member Google --member Microsoft \\
                --member OpenAI --source Voicebot.ai

            Founding members join on the alliance's date with role founding; later members join with `aitrack join-alliance`.
            """)

    @Option(help: "The alliance's name (unique).") var name: String
    @Option(help: ArgumentHelp("When it was founded.", valueName: "date")) var date: String?
    @Option(help: "What it is for.") var purpose: String?
    @Option(help: "Its web address.") var url: String?
    @Option(name: .customLong("member"), help: ArgumentHelp("A founding member (repeatable; needs --source).", valueName: "company"))
    var members: [String] = []
    @OptionGroup var source: SourceOptions
    @OptionGroup var entry: EntryOptions

    func run() throws {
        try EntryRecord(["name": name, "date": date, "purpose": purpose, "url": url], lists: ["members": members])
            .add(.alliance, command: "add-alliance", entry, source: source)
    }
}
