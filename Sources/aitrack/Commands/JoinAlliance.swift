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

    @Option(help: "The alliance (added before).")
    var alliance: String
    @Option(help: "The member company.")
    var company: String
    @Option(help: ArgumentHelp("When it joined.", valueName: "date"))
    var date: String?
    @Option(help: ArgumentHelp("When it left.", valueName: "date"))
    var left: String?
    @Option(help: ArgumentHelp("Its role (default member).", valueName: "role"))
    var role: MembershipRole?
    @OptionGroup var source: SourceOptions
    @OptionGroup var common: CommonEntryOptions
    @OptionGroup var write: WriteOptions
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        var r = EntryRecord()
        r.set("alliance", alliance)
        r.set("company", company)
        r.set("date", date)
        r.set("left", left)
        r.set("role", role?.rawValue)
        source.apply(to: &r)
        common.apply(to: &r)
        try r.add(.membership, command: "join-alliance", db: db, write: write)
    }
}
