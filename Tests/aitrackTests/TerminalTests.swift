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

    /// In a terminal of 80, 100 and 160 columns every table and text fits (no line wider than
    /// the terminal) and holds every number the same command prints with `--wide`; a pipe gets
    /// every row on one line, as `--wide` does.
    @Test func everyTableFitsTheTerminal() throws {
        let cli = try CLI()
        let commands: [[String]] = [
            ["report", "--year", "2025"], ["deals", "--year", "2025", "--kind", "investment"], ["stats"], ["claims"], ["alliances"], ["members"],
            ["concentration", "--metric", "ai_compute_h100e", "--year", "2025"], ["screen", "--deals", "--year", "2025"],
            ["sql", "SELECT * FROM deals_overview"], ["check"], ["db", "status"],
        ]
        for command in commands {
            let wide = try cli.inTerminal(columns: 100, command + ["--wide"])
            #expect(wide.status == 0 || command == ["check"], "\(command): \(wide.stdout)")
            for columns in [80, 100, 160] {
                let r = try cli.inTerminal(columns: columns, command)
                #expect(r.status == wide.status)
                let over: [String] = r.stdout.split(separator: "\n").map(String.init).filter { $0.count > columns }
                let first = over.first ?? ""
                #expect(over.isEmpty, "\(command) at \(columns): \(over.count) lines wider, the first: \(first)")
                // every number of the full output, as often (an expanded block repeats its column names: more)
                let missing = TableLayoutNumbers.missing(TableLayoutNumbers.of(wide.stdout), from: TableLayoutNumbers.of(r.stdout))
                #expect(missing.isEmpty, "\(command) at \(columns): missing \(missing.prefix(10))")
            }
        }
        // COLUMNS, where set, is the width, before the terminal's own size
        let narrow = try cli.inTerminal(columns: 160, ["deals", "--year", "2025", "--kind", "investment"], env: ["PTY_COLUMNS": "70"])
        #expect(narrow.status == 0 && narrow.stdout.split(separator: "\n").allSatisfy { $0.count <= 70 })
        #expect(narrow.stdout.split(separator: "\n").contains { $0.count > 60 }, "\(narrow.stdout)")
        // a pipe (or a file) gets the table in full, as --wide does
        let piped = try cli.run("deals", "--year", "2025", "--kind", "investment", "--format", "table")
        let wide = try cli.run("deals", "--year", "2025", "--kind", "investment", "--format", "table", "--wide")
        #expect(piped.stdout == wide.stdout && piped.stdout.split(separator: "\n").contains { $0.count > 160 })
    }

    @Test func theReadmeHasAnExampleOfEveryCommand() throws {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("swift run -c release aitrack report --year 2025"))
        #expect(readme.contains("swift test"))
        for command in ["init", "add-company", "add-deal", "add-alliance", "join-alliance", "add-stat", "ingest", "export", "companies",
                        "deals", "alliances", "members", "stats", "report", "concentration", "sql", "check", "db status",
                        "publish datasette", "edit", "remove", "add-metric", "metrics", "claims", "screen", "recipes", "pull", "diff"] {
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
                        "deals", "alliances", "members", "stats", "report", "concentration", "sql", "check"] {
            let r = try cli.run(["help", command], withDB: false)
            #expect(r.status == 0)
            #expect(r.stdout.contains("Example"), "\(command) --help has no example")
        }
    }
}

/// The number tokens of a terminal's text, block headers of the expanded display left out.
enum TableLayoutNumbers {
    static func of(_ text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: "[0-9][0-9,.]*")
        return text.split(separator: "\n").filter { !$0.hasPrefix("── ") }.flatMap { line -> [String] in
            let s = String(line)
            return regex.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { String(s[Range($0.range, in: s)!]) }
        }.sorted()
    }

    /// The tokens of `all` that `text` lacks, counted.
    static func missing(_ all: [String], from text: [String]) -> [String] {
        var have: [String: Int] = [:]
        for t in text { have[t, default: 0] += 1 }
        return all.filter { t in
            guard let n = have[t], n > 0 else { return true }
            have[t] = n - 1
            return false
        }
    }
}
