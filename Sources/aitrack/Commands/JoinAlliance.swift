import AITrackCore
import ArgumentParser

struct JoinAlliance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "join-alliance",
        abstract: "Record that a company joined (or left) an alliance.",
        discussion: """
            Examples:
              aitrack join-alliance --alliance "Frontier Model Forum" --company Meta \\
                --date 2024-05 --source MediaPost
              aitrack join-alliance --alliance "AI Alliance" --company Google \\
                --date 2025 --source "news article, 2025" --verification contradicted
            """)

    @Option(help: "The alliance (added before).") var alliance: String
    @Option(help: "The member company.") var company: String
    @Option(help: ArgumentHelp("When it joined.", valueName: "date")) var date: String?
    @Option(help: ArgumentHelp("When it left.", valueName: "date")) var left: String?
    @Option(help: ArgumentHelp("Its role (default member).", valueName: "role")) var role: MembershipRole?
    @OptionGroup var source: SourceOptions
    @OptionGroup var entry: EntryOptions

    func run() throws {
        try EntryRecord(["alliance": alliance, "company": company, "date": date, "left": left, "role": role?.rawValue])
            .add(.membership, command: "join-alliance", entry, source: source)
    }
}
