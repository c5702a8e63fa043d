import AITrackCore
import ArgumentParser

struct AddDeal: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-deal",
        abstract: "Add a deal between companies, with its value, term, status and source.",
        discussion: """
            Example:
              aitrack add-deal --date 2025-09-08 --kind cloud_contract \\
                --party Microsoft:customer --party Nebius:provider \\
                --value "17.4 bn" --currency USD --term-months 60 --status signed \\
                --source "Constellation Research" --source-url https://…

            Kinds: cloud_contract, investment, acquisition, partnership, licensing, hardware_purchase, other. Roles: customer, \
            provider, investor, investee, acquirer, target, partner. Values: 10000000000, 10e9, 10 bn, 1.5k, 2 tn. A deal is its \
            date, kind and parties: another report of a stored deal changes nothing, or is refused naming the stored deal and \
            what differs.
            """)

    @Option(help: ArgumentHelp("When: 2025, 2025-Q3, 2025-08 or 2025-08-21.", valueName: "date")) var date: String?
    @Option(help: ArgumentHelp("The deal's kind.", valueName: "kind")) var kind: DealKind?
    @Option(help: "A title (default: kind and parties).") var title: String?
    @Option(name: .customLong("party"), help: ArgumentHelp("A party as Company:role (repeatable).", valueName: "company:role"))
    var parties: [String] = []
    @Option(parsing: .unconditional, help: ArgumentHelp("The value: 10e9, 10 bn, 1.5k …", valueName: "amount")) var value: String?
    @Option(help: ArgumentHelp("ISO 4217 currency of the value, e.g. USD.", valueName: "code")) var currency: String?
    @Option(help: ArgumentHelp("How exact the value is (default exact).", valueName: "qualifier")) var qualifier: Qualifier?
    @Option(name: .customLong("term-months"), help: ArgumentHelp("The term in months.", valueName: "n")) var termMonths: String?
    @Option(help: ArgumentHelp("How far the deal has come (default reported).", valueName: "status")) var status: DealStatus?
    @OptionGroup var source: SourceOptions
    @OptionGroup var entry: EntryOptions

    func run() throws {
        try EntryRecord(["date": date, "kind": kind?.rawValue, "title": title, "value": value, "currency": currency, "qualifier": qualifier?.rawValue,
                         "term_months": termMonths, "status": status?.rawValue], lists: ["parties": parties])
            .add(.deal, command: "add-deal", entry, source: source)
    }
}
