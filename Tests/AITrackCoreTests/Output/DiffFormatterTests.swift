import Testing
@testable import AITrackCore

@Suite struct DiffFormatterTests {
    static let diff = DatabaseDiff(
        entries: [DatabaseDiff.Entries(type: .statistic, added: ["m | value | 2025 | a"], removed: [],
                                       changed: [.init(key: "m | value | 2025 | b", fields: [.init(field: "value", old: .number("200"), new: .number("250"))])])],
        figures: [.init(figure: "m 2025 CR5", old: "60.00", new: "62.50")])

    @Test func textMarkdownAndJSON() {
        let text = DiffFormatter.text(Self.diff, old: "a.db", new: "b.db")
        #expect(text == """
            a.db → b.db
            statistic: 1 added, 1 changed, 0 removed
              + m | value | 2025 | a
              ~ m | value | 2025 | b: value 200 → 250 (+25.0 %)
            figures that moved:
              m 2025 CR5: 60.00 → 62.50

            """)
        let md = DiffFormatter.markdown(Self.diff, old: "a.db", new: "b.db")
        #expect(md.hasPrefix("# Changes from `a.db` to `b.db`\n\n## statistic (1 added, 1 changed, 0 removed)\n\n- added: m | value | 2025 | a\n"))
        #expect(md.contains("| m 2025 CR5 | 60.00 | 62.50 |"))
        #expect(DiffFormatter.text(DatabaseDiff(entries: [], figures: []), old: "a", new: "b") == "no differences: a and b hold the same entries and figures\n")
        guard case .object(let o) = DiffFormatter.json(Self.diff) else { Issue.record("not an object"); return }
        #expect(o.map(\.0) == ["entries", "figures"])
    }
}
