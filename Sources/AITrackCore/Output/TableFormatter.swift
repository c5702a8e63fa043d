import Foundation

/// Output formats of listings and reports.
public enum OutputFormat: String, Vocabulary {
    case table, json, csv, tsv, markdown, nl, html, svg
    public static let noun = "an output format"
}

/// Pure functions from a `ResultTable` to text.
public enum TableFormatter {
    public static func render(_ t: ResultTable, as format: OutputFormat) -> String {
        switch format {
        case .table, .html, .svg: return table(t.forReading, maxWidth: 60)
        case .json: return JSONWriter.prettyString(t.jsonRows) + "\n"
        case .nl:
            guard case .array(let rows) = t.jsonRows else { return "" }
            return rows.map { JSONWriter.string($0) + "\n" }.joined()
        case .csv: return delimited(t, separator: ",")
        case .tsv: return delimited(t, separator: "\t")
        case .markdown: return markdown(t.forReading)
        }
    }

    /// Columns aligned for a terminal; numbers right-aligned and grouped.
    /// `maxWidth` cuts longer text cells with "…" (a terminal listing; the machine formats keep all).
    public static func table(_ t: ResultTable, groupNumbers: Bool = true, maxWidth: Int? = nil) -> String {
        if t.rows.isEmpty { return "(no rows)\n" }
        let texts = t.rows.map { $0.map { cell -> String in
            let s = oneLine(groupNumbers ? cell.human : cell.plain)
            guard let maxWidth, s.count > maxWidth, !cell.isNumber else { return s }
            return String(s.prefix(maxWidth - 1)) + "…"
        } }
        var widths = t.columns.map(\.count)
        for r in texts { for (k, s) in r.enumerated() where k < widths.count { widths[k] = max(widths[k], s.count) } }
        let numeric = t.columns.indices.map { k in t.rows.contains { $0[k].isNumber } && t.rows.allSatisfy { $0[k].isNumber || $0[k] == .null } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { k, s in
                let pad = String(repeating: " ", count: max(0, widths[k] - s.count))
                return numeric[k] ? pad + s : s + pad
            }.joined(separator: "  ").droppingTrailingWhitespace
        }
        var out = line(t.columns) + "\n"
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for r in texts { out += line(r) + "\n" }
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
