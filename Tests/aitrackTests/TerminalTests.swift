import Foundation
import Testing
@testable import AITrackCore

@Suite struct TerminalTests {
    @Test func noColorDropsTheBars() throws {
        let cli = try CLI()
        let bars = try cli.run(["concentration", "--metric", "ai_compute_h100e", "--year", "2025", "--format", "table"], env: ["NO_COLOR": ""])
        #expect(bars.stdout.contains("█"))
        let plain = try cli.run(["concentration", "--metric", "ai_compute_h100e", "--year", "2025", "--format", "table"], env: ["NO_COLOR": "1"])
        #expect(!plain.stdout.contains("█"))
        #expect(plain.stdout.contains("CR5 73.56 %"))
    }

    @Test func theReadmeHasAnExampleOfEveryCommand() throws {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("swift run -c release aitrack report --year 2025"))
        #expect(readme.contains("swift test"))
        for command in ["init", "add-company", "add-deal", "add-alliance", "join-alliance", "add-stat", "ingest", "export", "companies",
                        "deals", "alliances", "stats", "report", "concentration", "sql", "check", "db status"] {
            #expect(readme.contains("aitrack \(command) ") || readme.contains("aitrack \(command)\n"), "README has no example of \(command)")
        }
    }

    @Test func usageMistakesAreOneSentence() throws {
        let cli = try CLI(seed: false)
        let missing = try cli.run("add-company")
        #expect(missing.status != 0)
        #expect(missing.stderr == "aitrack: add-company: Missing expected argument '--name <name>'; see 'aitrack help add-company'.\n")
        let unknown = try cli.run("deals", "--bogus")
        #expect(unknown.stderr == "aitrack: deals: Unknown option '--bogus'; see 'aitrack help deals'.\n")
        let help = try cli.run(["deals", "--help"], withDB: false)
        #expect(help.status == 0 && help.stdout.contains("OVERVIEW"))
    }

    @Test func completionScriptsAndHelpWithExamples() throws {
        let cli = try CLI()
        for shell in ["bash", "zsh", "fish"] {
            let r = try cli.run(["--generate-completion-script", shell], withDB: false)
            #expect(r.status == 0 && r.stdout.contains("aitrack"))
        }
        for command in ["init", "add-company", "add-deal", "add-alliance", "join-alliance", "add-stat", "ingest", "export", "companies",
                        "deals", "alliances", "stats", "report", "concentration", "sql", "check"] {
            let r = try cli.run(["help", command], withDB: false)
            #expect(r.status == 0)
            #expect(r.stdout.contains("Example"), "\(command) --help has no example")
        }
    }
}
