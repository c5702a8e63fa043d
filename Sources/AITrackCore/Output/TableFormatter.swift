import Foundation

/// Output formats of listings and reports.
public enum OutputFormat: String, Vocabulary {
    case table, json, csv, tsv, markdown, nl, html, svg
    public static let noun = "an output format"
}

/// Pure functions from a `ResultTable` to text.
public enum TableFormatter {
    /// `width`: the terminal's, for a table fitted to it (nil: everything in full).
    public static func render(_ t: ResultTable, as format: OutputFormat, width: Int? = nil) -> String {
        switch format {
        case .table, .html, .svg: return table(t.forReading, width: width)
        case .json: return JSONWriter.prettyString(t.jsonRows) + "\n"
        case .nl:
            guard case .array(let rows) = t.jsonRows else { return "" }
            return rows.map { JSONWriter.string($0) + "\n" }.joined()
        case .csv: return delimited(t, separator: ",")
        case .tsv: return delimited(t, separator: "\t")
        case .markdown: return markdown(t.forReading)
        }
    }

    /// Columns aligned for a terminal; numbers right-aligned and grouped. With `width` (the
    /// terminal's), fitted to it by `TableLayout`: long text cells fold onto continuation lines,
    /// numbers stay whole; a table that cannot fit, or whose folded rows would be taller than
    /// a block per row, is printed a row per block. Without, every row on one line.
    public static func table(_ t: ResultTable, groupNumbers: Bool = true, width: Int? = nil) -> String {
        if t.rows.isEmpty { return "(no rows)\n" }
        let texts = t.rows.map { $0.map { oneLine(groupNumbers ? $0.human : $0.plain) } }
        var widths = t.columns.map(\.count)
        for r in texts { for (k, s) in r.enumerated() where k < widths.count { widths[k] = max(widths[k], s.count) } }
        let numeric = t.columns.indices.map { k in t.rows.contains { $0[k].isNumber } && t.rows.allSatisfy { $0[k].isNumber || $0[k] == .null } }
        if let width {
            let floors = t.columns.indices.map { k in
                numeric[k] ? nil : TableLayout.floor(texts.map { $0[k] } + [t.columns[k]], natural: widths[k])
            }
            guard let fitted = TableLayout.widths(natural: widths, names: t.columns, floors: floors, width: width) else {
                return TableLayout.expanded(columns: t.columns, rows: texts, width: width)
            }
            widths = fitted
        }
        func lines(_ cells: [String]) -> String {
            // without a width nothing folds: one line, as before fitting existed
            guard width != nil else {
                return cells.enumerated().map { k, s in
                    let pad = String(repeating: " ", count: max(0, widths[k] - s.count))
                    return numeric[k] ? pad + s : s + pad
                }.joined(separator: "  ").droppingTrailingWhitespace + "\n"
            }
            let folded = cells.enumerated().map { k, s in s.count <= widths[k] ? [s] : TableLayout.foldLine(s, width: widths[k], hang: 0) }
            return (0..<(folded.map(\.count).max() ?? 1)).map { n in
                folded.enumerated().map { k, cell in
                    let s = n < cell.count ? cell[n] : ""
                    let pad = String(repeating: " ", count: max(0, widths[k] - s.count))
                    return numeric[k] ? pad + s : s + pad
                }.joined(separator: "  ").droppingTrailingWhitespace + "\n"
            }.joined()
        }
        var out = lines(t.columns)
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        var body = 0
        for r in texts {
            let l = lines(r)
            if width != nil { body += l.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
            out += l
        }
        // rows folded taller than a block per row read worse than the blocks
        if let width, body > texts.count * (t.columns.count + 1) {
            return TableLayout.expanded(columns: t.columns, rows: texts, width: width)
        }
        return out
    }

    public static func markdown(_ t: ResultTable) -> String {
        let numeric = t.columns.indices.map { k in t.rows.contains { $0[k].isNumber } && t.rows.allSatisfy { $0[k].isNumber || $0[k] == .null } }
        var out = "| " + t.columns.map(escapeMD).joined(separator: " | ") + " |\n"
        out += "|" + numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
        for r in t.rows {
            out += "| " + r.map { escapeMD(oneLine($0.human)) }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// RFC 4180 CSV (or TSV): numbers exactly, fields quoted when needed.
    public static func delimited(_ t: ResultTable, separator: Character) -> String {
        var out = t.columns.map { CSVField.quoted($0, separator) }.joined(separator: String(separator)) + "\n"
        for r in t.rows {
            out += r.map { CSVField.quoted($0.plain, separator) }.joined(separator: String(separator)) + "\n"
        }
        return out
    }

    static func escapeMD(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }

    static func oneLine(_ s: String) -> String {
        // most cells have no line break: looked for in one pass over the bytes, not replaced twice
        guard s.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return s }
        return s.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}

extension String {
    /// The text without the whitespace it ends with (a regular expression did this, at
    /// 2,000 instructions a line).
    var droppingTrailingWhitespace: String {
        var s = Substring(self)
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
