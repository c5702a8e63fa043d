/// Fits text to a terminal's width (issue 25, item 1). Nothing is cut: a table's text columns
/// give up width in a fixed order — notes, reasons and sources first, then the widest — and
/// their long cells fold onto continuation lines (at spaces, else after `_`, `/` or `-`); a
/// number, in a number column or in text, is never split. A table that does not fit even then
/// is printed one row per block (`column  value`), as psql's expanded display; prose lines fold
/// with a hanging indent. Pure: widths in, text out.
public enum TableLayout {
    /// The columns that give up width first, in this order (then the widest text columns).
    static let shrinkFirst = ["note", "notes", "reason", "evidence", "source_url", "url", "cites", "cited_by", "sources", "source",
                              "description", "definition", "title", "claim", "deal", "parties", "members", "said_by", "market"]

    /// The narrowest a text column folds to: its longest number, its longest word up to 12
    /// characters, at least 6 (or its natural width, if less).
    static func floor(_ cells: [String], natural: Int) -> Int {
        var longest = 6
        for cell in cells {
            for word in cell.split(separator: " ") {
                let n = word.count
                longest = max(longest, isNumber(word) ? n : min(n, 12))
            }
        }
        return min(natural, longest)
    }

    /// A word made of digits and the signs numbers are written with (`1,332`, `73.56`, `+4.9`,
    /// `64.00–85.00`, `$100`).
    static func isNumber(_ word: Substring) -> Bool {
        word.contains(where: \.isNumber) && word.allSatisfy { $0.isNumber || ",.%–-+$~≈()×".contains($0) }
    }

    /// The width of each column after fitting the `natural` widths (two spaces between columns)
    /// into `width`, or nil when even the floors do not fit. `floors[k]`: nil for a column that
    /// keeps its width (numbers). A character at a time from the widest text column, the
    /// columns of `shrinkFirst` counted twice as wide, so that long prose narrows first and
    /// no column alone is squeezed to its floor.
    static func widths(natural: [Int], names: [String], floors: [Int?], width: Int) -> [Int]? {
        var w = natural
        var excess = w.reduce(0, +) + 2 * max(0, w.count - 1) - width
        guard excess > 0 else { return w }
        let weight = names.map { shrinkFirst.contains($0) ? 2 : 1 }
        let text = names.indices.filter { floors[$0] != nil }
        while excess > 0 {
            guard let k = text.filter({ w[$0] > floors[$0]! }).max(by: { (w[$0] * weight[$0], $1) < (w[$1] * weight[$1], $0) }) else { return nil }
            w[k] -= 1
            excess -= 1
        }
        return w
    }

    /// The rows as blocks, one line per column (`name  value`), each value folded to the width.
    static func expanded(columns: [String], rows: [[String]], width: Int) -> String {
        let label = min(columns.map(\.count).max() ?? 0, max(4, width / 3))
        var out = ""
        for (i, row) in rows.enumerated() {
            let head = "── \(i + 1) "
            out += head + String(repeating: "─", count: max(0, min(width, label + 20) - head.count)) + "\n"
            for (k, value) in row.enumerated() where k < columns.count {
                let names = foldLine(columns[k], width: label, hang: 0)
                let values = foldLine(value, width: max(6, width - label - 2), hang: 0)
                for n in 0..<max(names.count, values.count) {
                    let name = n < names.count ? names[n] : ""
                    let line = name + String(repeating: " ", count: label - name.count) + "  " + (n < values.count ? values[n] : "")
                    out += line.droppingTrailingWhitespace + "\n"
                }
            }
        }
        return out
    }

    /// Text with each line longer than `width` folded; a folded line continues indented as it
    /// began plus two.
    public static func fold(_ text: String, width: Int) -> String {
        guard width > 0 else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in
                let lead = line.prefix { $0 == " " }.count
                return foldLine(String(line), width: width, hang: min(lead + 2, width / 2)).joined(separator: "\n")
            }.joined(separator: "\n")
    }

    /// One line in lines of at most `width` characters, broken at spaces; a word longer than a
    /// line breaks after its last `_`, `/` or `-` that fits, else where the line ends (a number
    /// is split only when it is longer than a whole line). Continuation lines begin with `hang`
    /// spaces; the first keeps the line's own indent.
    static func foldLine(_ line: String, width: Int, hang: Int) -> [String] {
        guard line.count > width, width > 0 else { return [line] }
        let lead = min(line.prefix { $0 == " " }.count, width / 2)
        let indent = String(repeating: " ", count: hang)
        var lines: [String] = [], current = String(repeating: " ", count: lead), hasWord = false
        for piece in line.drop(while: { $0 == " " }).split(separator: " ") {
            var word = Substring(piece)
            while !word.isEmpty {
                if current.count + (hasWord ? 1 : 0) + word.count <= width {
                    current += (hasWord ? " " : "") + word
                    hasWord = true
                    word = ""
                } else if hasWord && word.count <= width - hang {
                    lines.append(current)
                    (current, hasWord) = (indent, false)
                } else {
                    // longer than a line: as much as fits, after a separator where there is one
                    let room = max(1, width - current.count - (hasWord ? 1 : 0))
                    guard room >= 3 || !hasWord else { lines.append(current); (current, hasWord) = (indent, false); continue }
                    let head = word.prefix(room)
                    let cut = head.lastIndex { "_/-".contains($0) }.map { head.index(after: $0) } ?? head.endIndex
                    let take = cut > head.startIndex ? cut : head.endIndex
                    lines.append(current + (hasWord ? " " : "") + word[word.startIndex..<take])
                    word = word[take...]
                    (current, hasWord) = (indent, false)
                }
            }
        }
        if hasWord || lines.isEmpty { lines.append(current) }
        return lines
    }
}
