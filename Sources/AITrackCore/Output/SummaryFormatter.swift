/// The one-line summaries of writes.
public enum SummaryFormatter {
    /// `12 entries: 10 added, 2 unchanged, 0 replaced, 0 ignored; 3 companies created: A, B, C`
    public static func text(_ s: WriteSummary, dryRun: Bool = false) -> String {
        var line = "\(s.total) entr\(s.total == 1 ? "y" : "ies"): \(s.added) added, \(s.unchanged) unchanged, "
            + "\(s.replaced) replaced, \(s.ignored) ignored"
        if s.removedEarlier > 0 { line += ", \(s.removedEarlier) removed earlier (left out)" }
        if !s.companiesCreated.isEmpty {
            let names = s.companiesCreated.prefix(20).map { Excerpt.value($0) }.joined(separator: ", ") + (s.companiesCreated.count > 20 ? ", …" : "")
            line += "; \(s.companiesCreated.count) compan\(s.companiesCreated.count == 1 ? "y" : "ies") created: \(names)"
        }
        if dryRun { line = "dry run, nothing written: " + line }
        return line
    }

    /// What one add-* write did: `added deal 65 (1 entry: …)`, `unchanged: company (…)`, or with a
    /// dry run `dry run, nothing written: would have added …`.
    public static func oneEntry(_ type: EntryType, _ s: WriteSummary, dryRun: Bool) -> String {
        let verb = s.added > 0 ? "added" : s.replaced > 0 ? "replaced" : s.ignored > 0 ? "kept the stored" : "unchanged:"
        // the row's id, which edit and remove take (a dry run's row is not kept: no id)
        let id = dryRun ? "" : s.rowID.map { " \($0)" } ?? ""
        return "\(dryRun ? "dry run, nothing written: would have " : "")\(verb) \(type.rawValue)\(id) (\(text(s)))"
    }
}
