import AITrackCore

/// Lines printed after a write's summary: deals found stored under another source, and names
/// created that look like a stored one (a typo?). At most `limit` of each, then a count.
enum SummaryNotes {
    static func lines(_ s: WriteSummary, limit: Int = 5) -> [String] {
        var lines: [String] = []
        for d in s.sameDeals.prefix(limit) { lines.append("the same deal is stored already: \(d); nothing to add") }
        if s.sameDeals.count > limit { lines.append("and \(s.sameDeals.count - limit) more deals stored already under another source") }
        for n in s.lookAlikes.prefix(limit) {
            lines.append("created \(n.what) '\(Excerpt.value(n.created))' — did you mean \(n.suggestion)? "
                         + "(--strict-names refuses new names)")
        }
        if !s.undefinedMetrics.isEmpty {
            let count = s.undefinedMetrics.count
            let names = s.undefinedMetrics.prefix(limit).joined(separator: ", ") + (count > limit ? " and \(count - limit) more" : "")
            lines.append("metric\(count == 1 ? "" : "s") \(names) \(count == 1 ? "has" : "have") no definition: "
                         + "of kind other, with no concentration figures until defined "
                         + "(aitrack add-metric --name NAME --unit UNIT --kind share|stock|flow|market_size|rate|other)")
        }
        if s.lookAlikes.count > limit { lines.append("and \(s.lookAlikes.count - limit) more new names close to stored ones") }
        return lines
    }
}
