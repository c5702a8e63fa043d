import AITrackCore
import ArgumentParser

struct AddCompany: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-company",
        abstract: "Add a company (or lab, university, government, nonprofit, aggregate).",
        discussion: """
            Examples:
              aitrack add-company --name Alphabet --alias Google --country US
              aitrack add-company --name "Google Cloud" --parent Alphabet
              aitrack add-company --name Other --kind aggregate
            """)

    @Option(help: "The company's name (unique, case-insensitive).") var name: String
    @Option(name: .customLong("alias"), help: "Another name that resolves to this company (repeatable).") var aliases: [String] = []
    @Option(help: "The parent company (Google Cloud → Alphabet).") var parent: String?
    @Option(help: ArgumentHelp("What it is (default company).", valueName: "kind")) var kind: CompanyKind?
    @Option(help: ArgumentHelp("Two-letter ISO country code.", valueName: "code")) var country: String?
    @OptionGroup var entry: EntryOptions

    func run() throws {
        try EntryRecord(["name": name, "parent": parent, "kind": kind?.rawValue, "country": country], lists: ["aliases": aliases])
            .add(.company, command: "add-company", entry)
    }
}
