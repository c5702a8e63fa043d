import Testing
@testable import AITrackCore

struct UsageWrapTests {
    static let synopsis = "USAGE: aitrack pull [<recipe> ...] [--all] [--apply] [--from <file>] [--url <url>] [--timeout <seconds>] "
        + "[--tolerance <x>] [--format <format>] [--wide] [--db <path>] [--no-seed] [--quiet]"

    @Test func theSynopsisFoldsBetweenArgumentsUnderTheFirst() {
        let folded = UsageWrap.wrap("OVERVIEW: x\n\n" + Self.synopsis + "\n\nOPTIONS:", width: 80)
        let lines = folded.components(separatedBy: "\n")
        let usage = lines.drop { !$0.hasPrefix("USAGE:") }.prefix { !$0.isEmpty }
        #expect(usage.count == 4)
        #expect(usage.allSatisfy { $0.count <= 80 })
        #expect(usage.dropFirst().allSatisfy { $0.hasPrefix(String(repeating: " ", count: "USAGE: aitrack pull ".count) + "[") })
        // the same words in the same order: nothing lost, nothing cut inside a bracket
        #expect(usage.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") == Self.synopsis)
        #expect(usage.allSatisfy { $0.filter { $0 == "[" }.count == $0.filter { $0 == "]" }.count })
        #expect(lines.first == "OVERVIEW: x" && lines.last == "OPTIONS:")
    }

    @Test func shortLinesAndOtherTextStayAsTheyAre() {
        let text = "USAGE: aitrack deals <options>\n" + String(repeating: "word ", count: 30)
        #expect(UsageWrap.wrap(text, width: 40) == text)
        #expect(UsageWrap.items("USAGE: aitrack sql [--param <name value> ...]") == ["USAGE:", "aitrack", "sql", "[--param <name value> ...]"])
    }

    /// An argument wider than the width is never cut; a narrow terminal indents by 8, not under the command.
    @Test func anArgumentWiderThanTheWidthIsKeptWhole() {
        let folded = UsageWrap.wrap("USAGE: aitrack x [--a-very-long-option-name <a-very-long-value-name>] [--b]", width: 30)
        #expect(folded.components(separatedBy: "\n") == ["USAGE: aitrack x [--a-very-long-option-name <a-very-long-value-name>]", "        [--b]"])
    }
}
