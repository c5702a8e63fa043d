import Testing
@testable import AITrackCore

/// A terminal table: each row on one line, no line ending in spaces, columns aligned.
@Suite struct TableFormatterTests {
    @Test func rowsAreOneLineWithoutTrailingSpaces() {
        let t = ResultTable(columns: ["name", "note"], rows: [
            [.text("a"), .text("two\nlines")], [.text("longer name"), .text("crlf\r\nend")], [.text("b"), .text("")],
            [.text("c"), .text("lone\rreturn")],
        ])
        let lines = TableFormatter.table(t).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 6)
        for line in lines { #expect(line.last.map { !$0.isWhitespace } ?? true, "\(line)") }
        #expect(lines[2] == "a            two lines")
        #expect(lines[3] == "longer name  crlf end")
        #expect(lines[4] == "b")
    }

    @Test func trailingWhitespaceOnlyIsDropped() {
        #expect("a b  \t ".droppingTrailingWhitespace == "a b")
        #expect("   ".droppingTrailingWhitespace == "")
        #expect(" x".droppingTrailingWhitespace == " x")
        #expect(TableFormatter.oneLine("no break") == "no break")
        #expect(TableFormatter.oneLine("a\r\nb\nc") == "a b c")
    }
}
