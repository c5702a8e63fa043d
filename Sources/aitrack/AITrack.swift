import AITrackCore
import ArgumentParser
import CSQLiteSetup
import Foundation

struct AITrack: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aitrack",
        abstract: "Track the AI-infrastructure market: deals, alliances, sourced statistics and concentration, in one SQLite file.",
        discussion: """
            The database is --db PATH, else $AITRACK_DB, else ./aitrack.db, else the nearest aitrack.db in a parent folder \
            (up to your home folder). When there is none, a command creates ./aitrack.db and loads the bundled seed data: \
            \(DatabaseStatus.seedDescription) (`aitrack db status` counts them); --no-seed creates it empty. A command that only \
            reads never changes the file, and creates only the default ./aitrack.db.

            Examples:
              aitrack report --year 2025
              aitrack deals --year 2025 --company Meta --format json
              aitrack add-deal --date 2025-09-08 --kind cloud_contract \\
                --party Microsoft:customer --party Nebius:provider \\
                --value "17.4 bn" --currency USD --source "Constellation Research"
            """,
        version: "0.1.0",
        subcommands: [
            Init.self, AddCompany.self, AddDeal.self, AddAlliance.self, JoinAlliance.self, AddStat.self, AddMetric.self,
            Edit.self, Remove.self, IngestCommand.self, RecipesCommand.self, PullCommand.self, ExportCommand.self,
            Companies.self, Deals.self, Alliances.self, Members.self, Stats.self, Metrics.self, Claims.self,
            ReportCommand.self, ConcentrationCommand.self, ScreenCommand.self, DiffCommand.self,
            SQLCommand.self, CheckCommand.self, DBCommand.self, PublishCommand.self,
        ]
    )
}

@main
enum Main {
    static func main() {
        // before SQLite's first use: no global mutex around each of its allocations to count it
        // (BENCHMARKS.md, "Figures moved out of source comments")
        _ = aitrack_sqlite_memstatus_off()
        // a write past `ulimit -f` fails with an error SQLite reports, instead of killing the process
        signal(SIGXFSZ, SIG_IGN)
        do {
            let commands = Set(AITrack.configuration.subcommands.map { $0._commandName } + ["help"])
            let arguments = Arguments.normalize(Array(CommandLine.arguments.dropFirst()), commands: commands,
                                                subcommands: ["db": Set(DBCommand.configuration.subcommands.map { $0._commandName }),
                                                              "publish": Set(PublishCommand.configuration.subcommands.map { $0._commandName })])
            if let first = arguments.first, !first.hasPrefix("-"), !commands.contains(first) {
                let close = CloseNames.closest(to: first, in: commands.sorted())
                throw AITrackError("unknown command '\(first)'"
                                   + (close.map { "; did you mean '\($0)'?" } ?? "; see 'aitrack help' for the commands."))
            }
            if let first = arguments.first, let (option, values) = Arguments.repeatedOption(arguments, command: first) {
                let shown = values.map { "'\($0)'" }.joined(separator: ", ")
                throw AITrackError("\(first): \(option) is given \(values.count) times (\(shown)); it takes one value: give it once.")
            }
            var command = try AITrack.parseAsRoot(arguments)
            try command.run()
        } catch let e where ErrorText.known(e) != nil {
            Terminal.error(e)
            exit(1)
        } catch {
            // help and version print as usual; a usage mistake is one sentence, like every error
            let code = AITrack.exitCode(for: error)
            if code == .success {
                // help and --version; the USAGE synopsis folded at the terminal's width
                Terminal.out(UsageWrap.wrap(AITrack.fullMessage(for: error), width: Terminal.helpWidth) + "\n")
                exit(0)
            }
            let names = AITrack.configuration.subcommands.map { $0._commandName }
            let command = CommandLine.arguments.dropFirst().first(where: names.contains)
            let message = AITrack.message(for: error)
            if let value = UsageText.invalidValue(message) {
                // a value outside a vocabulary is bad input, like one in a file: exit 1
                Terminal.err("aitrack: \(command.map { "\($0): " } ?? "")\(value).")
                exit(1)
            } else {
                Terminal.err("aitrack: \(command.map { "\($0): " } ?? "")\(message); see 'aitrack help\(command.map { " " + $0 } ?? "")'.")
            }
            exit(code.rawValue)
        }
    }
}
