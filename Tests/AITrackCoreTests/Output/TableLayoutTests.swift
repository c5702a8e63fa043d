import Foundation
import Testing
@testable import AITrackCore

@Suite struct TableLayoutTests {
    /// The number tokens of a text (digits with the signs numbers are written with), each once
    /// per occurrence, block headers of the expanded display left out.
    static func numbers(_ text: String) -> [String] {
        let lines = text.split(separator: "\n").filter { !$0.hasPrefix("── ") }
        let regex = try! NSRegularExpression(pattern: "[0-9][0-9,.]*")
        return lines.flatMap { line -> [String] in
            let s = String(line)
            return regex.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { String(s[Range($0.range, in: s)!]) }
        }.sorted()
    }

    static let table = ResultTable(columns: ["date", "title", "value", "share", "note"], rows: [
        [.text("2025-09-23"), .text("Stargate adds five US sites: ~7 GW planned, >$400B over three years"), .double(400e9),
         .double(12.5), .text("verified against the company's release; see https://openai.com/index/five-new-stargate-sites/")],
        [.text("2025-10-28"), .text("OpenAI recapitalization: incremental $250B Azure commitment"), .double(250e9), .null,
         .text("a long note without spaces: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")],
    ])

    /// At every width from 30 to 200 no line is wider, and every number of the full table is
    /// there whole (folded rows or blocks); without a width each row is one line.
    @Test func everyWidthFitsAndKeepsEveryNumber() {
        let full = TableFormatter.table(Self.table)
        #expect(full.split(separator: "\n").count == 4)
        for width in 30...200 {
            let fitted = TableFormatter.table(Self.table, width: width)
            let widest = fitted.split(separator: "\n").map(\.count).max() ?? 0
            #expect(widest <= width, "width \(width): a line of \(widest)")
            #expect(Self.numbers(fitted) == Self.numbers(full), "width \(width)")
        }
        #expect(TableFormatter.table(Self.table, width: 400) == full)
    }

    /// Notes and titles narrow first; the numbers keep their column's width; a table whose
    /// numbers alone are wider than the terminal is a block per row.
    @Test func proseNarrowsFirstAndNumbersNever() {
        let natural = [10, 70, 15, 5, 95]
        let floors: [Int?] = [10, 12, nil, nil, 12]
        let w = TableLayout.widths(natural: natural, names: ["date", "name", "value", "share", "note"], floors: floors, width: 120)!
        #expect(w[2] == 15 && w[3] == 5 && w[0] == 10)
        #expect(w.reduce(0, +) + 8 == 120)
        #expect(w[4] < w[1] && w[1] < 70, "\(w)")   // the note gives up more than the name, and both give
        #expect(TableLayout.widths(natural: [40, 40], names: ["a", "b"], floors: [nil, nil], width: 60) == nil)
        let numbers = ResultTable(columns: ["a", "b", "c"], rows: [[.double(1.5e15), .double(2.5e15), .double(3.5e15)]])
        let blocks = TableFormatter.table(numbers, width: 30)
        #expect(blocks.hasPrefix("── 1 ") && blocks.contains("\na  1,500,000,000,000,000"), "\(blocks)")
    }

    /// Prose folds at spaces with a hanging indent; a word longer than the line breaks after
    /// `_` where it can; no word is lost.
    @Test func foldKeepsEveryWord() {
        let line = "  note: " + (1...40).map { "word\($0)" }.joined(separator: " ") + " ai_datacenter_capex_plan_usd"
        let folded = TableLayout.fold(line + "\nshort\n", width: 30)
        let lines = folded.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 30 })
        #expect(lines.dropFirst().prefix(3).allSatisfy { $0.hasPrefix("    ") && !$0.hasPrefix("     ") })
        #expect(folded.hasSuffix("\nshort\n"))
        #expect(folded.filter { !$0.isWhitespace } == (line + "short").filter { !$0.isWhitespace })
        #expect(TableLayout.foldLine("ai_datacenter_capex_plan_usd", width: 12, hang: 0) == ["ai_", "datacenter_", "capex_plan_", "usd"])
    }
}
