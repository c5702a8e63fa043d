import Foundation

/// docs/SCHEMA.md read as data (embedded in the binary): each table's and view's title, first
/// paragraph and column meanings, the one source of the descriptions `publish datasette` writes.
/// Pure: text in, sections out.
///
/// A section is `### \`name\`` (optionally `— title`); its columns are the rows of its table headed `| column |`,
/// `| \`a\`, \`b\` | type | meaning |` or `| \`a\` | meaning |`. A meaning that is empty or
/// "as above" is the conventions' bullet for that column (`- \`note\` is …`), else what its type
/// says it refers to; "as in \`table\`" is that table's meaning of the same column.
public struct SchemaDocument: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        public var name: String
        public var meaning: String
    }

    public struct Section: Sendable, Equatable {
        public var name: String
        public var title: String?
        public var description: String
        public var columns: [Column]

        public func meaning(of column: String) -> String? { columns.first { $0.name == column }?.meaning }
    }

    public var title: String
    public var description: String
    public var sections: [Section]

    public func section(_ name: String) -> Section? { sections.first { $0.name == name } }

    /// The copy built into the binary.
    public static let bundled = SchemaDocument(markdown: String(decoding: PackageResources.SCHEMA_md, as: UTF8.self))

    public init(markdown: String) {
        let lines = markdown.components(separatedBy: "\n")
        title = Self.plain(lines.first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) } ?? "")
        description = Self.plain(Self.paragraph(lines, from: (lines.firstIndex { $0.hasPrefix("# ") } ?? -1) + 1))
        let conventions = Self.conventions(lines)
        var raw: [(section: Section, rows: [(names: [String], type: String, meaning: String)])] = []
        for (i, line) in lines.enumerated() where line.hasPrefix("### `") {
            let heading = line.dropFirst(4)
            guard let name = Self.codeSpans(String(heading)).first else { continue }
            let rest = heading.components(separatedBy: "`\(name)`").dropFirst().joined().trimmingCharacters(in: .whitespaces)
            let title = rest.hasPrefix("— ") ? String(rest.dropFirst(2)) : nil
            var rows: [(names: [String], type: String, meaning: String)] = []
            var k = i + 1
            var inColumns = false   // inside a table whose header is `| column | …`
            while k < lines.count, !lines[k].hasPrefix("#") {
                if lines[k].hasPrefix("| column ") { inColumns = true } else if !lines[k].hasPrefix("|") { inColumns = false }
                if inColumns, let row = Self.tableRow(lines[k]) { rows.append(row) }
                k += 1
            }
            // without a paragraph of its own, a section is described by its title
            var description = Self.plain(Self.paragraph(lines, from: i + 1))
            if description.isEmpty, let title { description = Self.plain(title.prefix(1).uppercased() + title.dropFirst() + ".") }
            let section = Section(name: name, title: title.map(Self.plain), description: description, columns: [])
            raw.append((section, rows))
        }
        // a row's meaning; "as in `table`" is that section's row of the same column
        typealias Row = (names: [String], type: String, meaning: String)
        func meaning(_ name: String, _ row: Row, depth: Int = 0) -> String {
            let m = row.meaning
            if m.hasPrefix("as in `"), depth == 0, let other = Self.codeSpans(m).first,
               let theirs = raw.first(where: { $0.section.name == other })?.rows.first(where: { $0.names.contains(name) }) {
                return meaning(name, theirs, depth: 1)
            }
            if !m.isEmpty && m != "as above" && !m.hasPrefix("as in `") { return Self.plain(m) }
            if let c = conventions[name] { return c }
            if let arrow = row.type.range(of: "→ ") { return "refers to " + Self.plain(String(row.type[arrow.upperBound...])) }
            return Self.plain(row.type)
        }
        sections = raw.map { entry in
            var s = entry.section
            s.columns = entry.rows.flatMap { row in row.names.map { Column(name: $0, meaning: meaning($0, row)) } }
            return s
        }
    }

    /// `| \`a\`, \`b\` | type | meaning |` → (names, type, meaning); nil for other lines.
    static func tableRow(_ line: String) -> (names: [String], type: String, meaning: String)? {
        guard line.hasPrefix("| `"), line.hasSuffix("|") else { return nil }
        // cells split at a | outside code spans (`a|b` is one cell's text)
        var cells: [String] = [], cell = "", inCode = false
        for ch in line.dropFirst().dropLast() {
            if ch == "`" { inCode.toggle() }
            if ch == "|" && !inCode { cells.append(cell.trimmingCharacters(in: .whitespaces)); cell = "" } else { cell.append(ch) }
        }
        cells.append(cell.trimmingCharacters(in: .whitespaces))
        guard cells.count >= 2 else { return nil }
        let names = codeSpans(cells[0])
        guard !names.isEmpty else { return nil }
        return (names, cells.count >= 3 ? cells[1] : "", cells.count >= 3 ? cells[2...].joined(separator: " | ") : cells[1])
    }

    /// The bullets of the conventions list that begin with a column's name: name → text.
    static func conventions(_ lines: [String]) -> [String: String] {
        var out: [String: String] = [:]
        let end = lines.firstIndex { $0.hasPrefix("## ") } ?? lines.count
        var k = 0
        while k < end {
            if lines[k].hasPrefix("- `") {
                var text = String(lines[k].dropFirst(2))
                while k + 1 < end, lines[k + 1].hasPrefix("  ") { k += 1; text += " " + lines[k].trimmingCharacters(in: .whitespaces) }
                if let name = codeSpans(text).first, text.hasPrefix("`\(name)`") { out[name] = plain(text) }
            }
            k += 1
        }
        return out
    }

    /// The first paragraph of prose from line `start` (skipping blank lines; a table, list, code
    /// block or heading ends it).
    static func paragraph(_ lines: [String], from start: Int) -> String {
        var k = start
        while k < lines.count, lines[k].trimmingCharacters(in: .whitespaces).isEmpty { k += 1 }
        var out: [String] = []
        while k < lines.count {
            let l = lines[k]
            if l.trimmingCharacters(in: .whitespaces).isEmpty || l.hasPrefix("|") || l.hasPrefix("```") || l.hasPrefix("#") || l.hasPrefix("- ") {
                break
            }
            out.append(l.trimmingCharacters(in: .whitespaces))
            k += 1
        }
        return out.joined(separator: " ")
    }

    /// The texts inside backticks.
    static func codeSpans(_ s: String) -> [String] {
        let parts = s.components(separatedBy: "`")
        return stride(from: 1, to: parts.count - 1, by: 2).map { parts[$0] }.filter { !$0.isEmpty }
    }

    /// Markdown to plain text: code marks and emphasis dropped, links as their text.
    static func plain(_ s: String) -> String {
        var t = s.replacingOccurrences(of: "`", with: "").replacingOccurrences(of: "**", with: "")
        while let open = t.range(of: "]("), let close = t.range(of: ")", range: open.upperBound..<t.endIndex),
              let bracket = t.range(of: "[", options: .backwards, range: t.startIndex..<open.lowerBound) {
            let text = t[bracket.upperBound..<open.lowerBound]
            t.replaceSubrange(bracket.lowerBound..<close.upperBound, with: text)
        }
        return t.trimmingCharacters(in: .whitespaces)
    }
}
