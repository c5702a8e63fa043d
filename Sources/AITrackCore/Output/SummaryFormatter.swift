/// The one-line summaries of writes.
public enum SummaryFormatter {
    /// `12 entries: 10 added, 2 unchanged, 0 replaced, 0 ignored; 3 companies created: A, B, C`
    public static func text(_ s: WriteSummary, dryRun: Bool = false) -> String {
        var line = "\(s.total) entr\(s.total == 1 ? "y" : "ies"): \(s.added) added, \(s.unchanged) unchanged, \(s.replaced) replaced, \(s.ignored) ignored"
        if !s.companiesCreated.isEmpty {
            let names = s.companiesCreated.prefix(20).map { Excerpt.value($0) }.joined(separator: ", ") + (s.companiesCreated.count > 20 ? ", …" : "")
            line += "; \(s.companiesCreated.count) compan\(s.companiesCreated.count == 1 ? "y" : "ies") created: \(names)"
        }
        if dryRun { line = "dry run, nothing written: " + line }
        return line
    }

    /// Lines to print after the summary: deals found stored under another source, and names
    /// created that look like a stored one (a typo?). At most `limit` of each, then a count.
    public static func notes(_ s: WriteSummary, limit: Int = 5) -> [String] {
        var lines: [String] = []
        for d in s.sameDeals.prefix(limit) { lines.append("the same deal is stored already: \(d); nothing to add") }
        if s.sameDeals.count > limit { lines.append("and \(s.sameDeals.count - limit) more deals stored already under another source") }
        for n in s.lookAlikes.prefix(limit) {
            lines.append("created \(n.what) '\(Excerpt.value(n.created))' — did you mean \(n.suggestion)? (--strict-names refuses new names)")
        }
        if s.lookAlikes.count > limit { lines.append("and \(s.lookAlikes.count - limit) more new names close to stored ones") }
        return lines
    }
}
