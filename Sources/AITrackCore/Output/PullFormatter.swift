/// A pull's review (`aitrack pull`) as text, Markdown or JSON: each file, what it would add and
/// revise and what its source no longer has; then the entries and figures that would move.
public enum PullFormatter {
    static func heading(_ f: PullReview.File) -> String {
        "\(f.recipe): \(f.origin) (\(NumberText.grouped(Double(f.bytes))) bytes, SHA-256 \(f.sha256))"
    }

    static func counts(_ f: PullReview.File) -> String {
        let changed = f.added + f.revised + f.dropped.count + f.restored.count > 0
        return "statistics in the file: \(NumberText.grouped(Double(f.added + f.revised + f.unchanged))) "
            + "(\(f.added) new, \(f.revised) revised, \(NumberText.grouped(Double(f.unchanged))) as stored"
            + (f.dropped.isEmpty ? "" : ", \(f.dropped.count) stored no longer in it") + ")" + (changed ? "" : ": no change")
    }

    public static func text(_ r: PullReview) -> String {
        var out = ""
        for f in r.files {
            out += heading(f) + "\n  " + counts(f) + "\n"
            if !f.dropped.isEmpty {
                out += "  no longer upstream (kept, marked, left out of every figure):\n"
                for k in f.dropped { out += "  ! \(k)\n" }
            }
            if !f.restored.isEmpty {
                out += "  upstream again (the mark taken away):\n"
                for k in f.restored { out += "  + \(k)\n" }
            }
        }
        return out + (r.isEmpty ? "no change: the database holds these files' entries as they are\n" : DiffFormatter.body(r.diff))
    }

    public static func markdown(_ r: PullReview) -> String {
        var out = "# Pull of \(r.files.map { "`\($0.recipe)`" }.joined(separator: ", "))\n\n"
        for f in r.files {
            out += "- \(f.origin): \(NumberText.grouped(Double(f.bytes))) bytes, SHA-256 `\(f.sha256)`; \(counts(f))\n"
            for k in f.dropped { out += "  - no longer upstream (kept, marked, left out of every figure): \(k)\n" }
            for k in f.restored { out += "  - upstream again: \(k)\n" }
        }
        out += "\n"
        return out + (r.isEmpty ? "No change: the database holds these files' entries as they are.\n" : DiffFormatter.markdownBody(r.diff))
    }

    public static func json(_ r: PullReview) -> JSONValue {
        .object([
            ("changed", .bool(!r.isEmpty)),
            ("files", .array(r.files.map { f in
                .object([("recipe", .string(f.recipe)), ("url", .string(f.origin)), ("bytes", .num(f.bytes)), ("sha256", .string(f.sha256)),
                         ("added", .num(f.added)), ("revised", .num(f.revised)), ("unchanged", .num(f.unchanged)),
                         ("dropped", .array(f.dropped.map(JSONValue.string))), ("restored", .array(f.restored.map(JSONValue.string)))])
            })),
            ("diff", DiffFormatter.json(r.diff)),
        ])
    }
}
