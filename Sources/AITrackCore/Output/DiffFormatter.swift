/// `aitrack diff` as text, a Markdown changelog, or JSON.
public enum DiffFormatter {
    static func value(_ v: JSONValue?) -> String {
        switch v {
        case nil, .null?: return "(none)"
        case .string(let s)?: return Excerpt.value(s, limit: 80)
        case .number(let n)?: return Double(n).map { NumberText.plain($0) } ?? n
        case let other?: return Excerpt.value(JSONWriter.string(other), limit: 80)
        }
    }

    /// "value 1000 → 1100 (+10.0 %)": a field's change, with the change in percent between numbers.
    static func change(_ c: DatabaseDiff.FieldChange) -> String {
        var s = "\(c.field) \(value(c.old)) → \(value(c.new))"
        if case .number(let a)? = c.old, case .number(let b)? = c.new, let x = Double(a), let y = Double(b), x != 0 {
            let p = (y - x) / abs(x) * 100
            s += " (\(p >= 0 ? "+" : "")\(NumberText.fixed(p, 1)) %)"
        }
        return s
    }

    static func counts(_ e: DatabaseDiff.Entries) -> String {
        "\(e.added.count) added, \(e.changed.count) changed, \(e.removed.count) removed"
    }

    public static func text(_ d: DatabaseDiff, old: String, new: String) -> String {
        guard !d.isEmpty else { return "no differences: \(old) and \(new) hold the same entries and figures\n" }
        return "\(old) → \(new)\n" + body(d)
    }

    /// The entries and figures that changed, without a heading (also a pull's review).
    static func body(_ d: DatabaseDiff) -> String {
        var out = ""
        for e in d.entries where !e.isEmpty {
            out += "\(e.type.rawValue): \(counts(e))\n"
            for k in e.added { out += "  + \(k)\n" }
            for k in e.removed { out += "  - \(k)\n" }
            for c in e.changed { out += "  ~ \(c.key): " + c.fields.map(change).joined(separator: "; ") + "\n" }
        }
        if !d.figures.isEmpty {
            out += "figures that moved:\n"
            for f in d.figures { out += "  \(f.figure): \(f.old ?? "(none)") → \(f.new ?? "(none)")\n" }
        }
        return out
    }

    public static func markdown(_ d: DatabaseDiff, old: String, new: String) -> String {
        let out = "# Changes from `\(old)` to `\(new)`\n\n"
        guard !d.isEmpty else { return out + "No differences: the same entries and figures.\n" }
        return out + markdownBody(d)
    }

    /// The Markdown sections of what changed (also a pull's review).
    static func markdownBody(_ d: DatabaseDiff) -> String {
        var out = ""
        for e in d.entries where !e.isEmpty {
            out += "## \(e.type.rawValue) (\(counts(e)))\n\n"
            for k in e.added { out += "- added: \(k)\n" }
            for k in e.removed { out += "- removed: \(k)\n" }
            for c in e.changed { out += "- changed: \(c.key): " + c.fields.map(change).joined(separator: "; ") + "\n" }
            out += "\n"
        }
        if !d.figures.isEmpty {
            let t = ResultTable(columns: ["figure", "before", "after"],
                                rows: d.figures.map { [.text($0.figure), .text($0.old ?? "(none)"), .text($0.new ?? "(none)")] })
            out += "## Figures that moved\n\n" + TableFormatter.markdown(t)
        }
        return out
    }

    public static func json(_ d: DatabaseDiff) -> JSONValue {
        .object([
            ("entries", .array(d.entries.map { e in
                .object([("type", .string(e.type.rawValue)), ("added", .array(e.added.map(JSONValue.string))),
                         ("removed", .array(e.removed.map(JSONValue.string))),
                         ("changed", .array(e.changed.map { c in
                             .object([("key", .string(c.key)), ("fields", .array(c.fields.map { f in
                                 .object([("field", .string(f.field)), ("old", f.old ?? .null), ("new", f.new ?? .null)])
                             }))])
                         }))])
            })),
            ("figures", .array(d.figures.map { .object([("figure", .string($0.figure)), ("old", .str($0.old)), ("new", .str($0.new))]) })),
        ])
    }
}
