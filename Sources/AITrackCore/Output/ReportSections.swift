import Foundation

/// A section of the report after the concentration: a title, a table for people, and lines
/// under it. Every format renders the same sections, so a new section is added here once.
public struct ReportSection: Sendable {
    public var title: String
    public var table: ResultTable
    public var lines: [String]
}

extension Report {
    /// Rows a person reads per metric in the statistics section; JSON has them all.
    public static let statisticsShownPerMetric = 25

    /// The sections after the concentration, in order. `more` words the hint for a metric's
    /// statistics left out of the text formats (the executable names its command there).
    public func sections(more: (_ metric: String, _ count: Int, _ period: Period) -> String) -> [ReportSection] {
        let (stats, cut) = readableStatistics()
        return [
            ReportSection(title: "Published concentration figures", table: Self.publishedTable(published), lines: []),
            ReportSection(title: "Deals", table: Self.dealTable(deals), lines: totalsLines),
            ReportSection(title: "Largest deals (USD)", table: Self.largestTable(largestDeals), lines: []),
            ReportSection(title: "Deals as combinations (a what-if)", table: ScreenFormatter.combinationsTable(combinations),
                          lines: combinationLine.map { [$0] } ?? []),
            ReportSection(title: "Alliances founded", table: AllianceRow.table(alliances), lines: []),
            ReportSection(title: "Memberships joined or left", table: MembershipRow.table(memberships).forReading, lines: []),
            ReportSection(title: "Statistics", table: stats, lines: cut.map { more($0.0, $0.1, period) }),
        ]
    }

    static func dealTable(_ rows: [DealRow]) -> ResultTable {
        ResultTable(columns: ["date", "title", "parties", "value", "currency", "qualifier", "status", "in_total", "source", "cited_by",
                              "verification"],
                    rows: rows.map { d in
                        [.text(d.date), .text(d.title), .text(d.parties.map { "\($0.company) (\($0.role))" }.joined(separator: "; ")),
                         Cell(d.value.map(NumberText.human)), Cell(d.currency), .text(d.qualifier), .text(d.status),
                         .text(Self.inTotalWords(d.inTotal)),
                         .text(d.source), Cell(d.citedBy), .text(d.verification)]
                    })
    }

    static func largestTable(_ rows: [DealRow]) -> ResultTable {
        ResultTable(columns: ["date", "title", "value_usd", "qualifier", "status", "in_total", "source", "verification"],
                    rows: rows.map { [.text($0.date), .text($0.title), Cell($0.valueUSD), .text($0.qualifier), .text($0.status),
                                      .text(Self.inTotalWords($0.inTotal)), .text($0.source), .text($0.verification)] })
    }

    /// What a deal counts in, in words (`deals_overview.in_total`).
    static func inTotalWords(_ rule: String) -> String {
        switch rule {
        case "counted": return "yes"
        case "part_of": return "its kind only (part of another deal)"
        case "rumored": return "apart (in talks or rumoured)"
        case "cancelled": return "no (cancelled)"
        case "superseded": return "no (superseded)"
        case "contradicted": return "no (contradicted)"
        case "no_rate": return "no (no exchange rate)"
        default: return "no (no value)"
        }
    }

    static func publishedTable(_ rows: [StatisticRow]) -> ResultTable {
        ResultTable(columns: ["metric", "measure", "date", "value", "unit", "qualifier", "source", "cited_by", "verification"],
                    rows: rows.map { s in
                        [.text(s.metric), .text(s.measure), .text(s.date), .text(NumberText.human(s.value)), .text(s.unit), .text(s.qualifier),
                         .text(s.source), Cell(s.citedBy), .text(s.verification)]
                    })
    }

    /// One readable "change" per statistic: points for shares, percent otherwise.
    static func change(_ s: StatisticRow) -> String? {
        if let d = s.changePoints { return (d >= 0 ? "+" : "") + NumberText.fixed(d, 1) + " pts" }
        if let d = s.changePercent { return (d >= 0 ? "+" : "") + NumberText.fixed(d, 1) + " %" }
        return nil
    }

    /// The statistics for people: at most `statisticsShownPerMetric` rows per metric, and the
    /// metrics cut with how many rows were left out.
    func readableStatistics() -> (ResultTable, [(String, Int)]) {
        var t = ResultTable(columns: ["metric", "date", "company", "segment", "value", "unit", "qualifier", "previous_year", "change",
                                      "source", "cited_by", "verification"])
        var seen: [String: Int] = [:]
        var metrics: [String] = []
        for s in statistics {
            seen[s.metric, default: 0] += 1
            if seen[s.metric] == 1 { metrics.append(s.metric) }
            if seen[s.metric]! <= Self.statisticsShownPerMetric {
                t.rows.append([.text(s.metric), .text(s.date), Cell(s.company), Cell(s.segment), .text(NumberText.human(s.value)), .text(s.unit),
                               .text(s.qualifier), Cell(s.previousYear.map { NumberText.human($0) + (s.previousSource.map { " (\($0))" } ?? "") }),
                               Cell(Self.change(s)), .text(s.source),
                               Cell(s.citedBy), .text(s.verification)])
            }
        }
        // the rows left out: of those fetched, and of those a limited report did not fetch
        let cut = metrics.compactMap { m -> (String, Int)? in
            let left = max(statisticCounts[m] ?? 0, seen[m]!) - min(seen[m]!, Self.statisticsShownPerMetric)
            return left > 0 ? (m, left) : nil
        }
        return (t, cut)
    }

    /// When one year holds fewer than half the other's recorded deals, the change between their
    /// totals measures the database's coverage, not the market: said beside it.
    public var coverageNote: String? {
        let (a, b) = (dealTotals.deals, previousDealTotals.deals)
        guard a > 0, b > 0, min(a, b) * 2 < max(a, b) else { return nil }
        return "coverage differs: \(a) vs \(b) deals, so the change measures the database more than the market"
    }

    /// The USD totals, the year before, and the deals left out of them.
    public var totalsLines: [String] {
        let t = dealTotals
        var lines = ["\(t.deals) deal\(t.deals == 1 ? "" : "s"); "
                     + "\(t.withValue) with a value in USD terms, together \(NumberText.human(t.usdTotal)) USD"
                     + (t.usdTotal.isFinite ? "" : " (the values add up to more than aitrack can compute with, about 1.8e308)")
                     + (t.qualifiedCount > 0 ? " (\(t.qualifiedCount) of them stated as at least, at most or approximately)" : "")]
        let p = previousDealTotals
        lines.append("\(period.previousYear): \(p.deals) deal\(p.deals == 1 ? "" : "s"), together \(NumberText.human(p.usdTotal)) USD"
                     + (p.usdTotal > 0 && ((t.usdTotal - p.usdTotal) / p.usdTotal).isFinite
                        ? " (change \(t.usdTotal >= p.usdTotal ? "+" : "")\(NumberText.fixed((t.usdTotal - p.usdTotal) / p.usdTotal * 100, 1)) %)"
                        : "")
                     + (coverageNote.map { "; \($0)" } ?? ""))
        if let asOf = toDateAsOf { lines[0] = "to date, as of \(asOf): " + lines[0] }
        lines.append(t.includesLine)
        if t.byKind.count > 1 {
            lines.append("by kind: "
                + t.byKind.map { "\($0.kind.replacingOccurrences(of: "_", with: " ")) \(NumberText.human($0.usd)) USD (\($0.deals))" }
                .joined(separator: "; "))
        }
        for w in t.withoutRate { lines.append("left out of the USD total, no exchange rate on or before its date: \(w)") }
        for s in t.superseded { lines.append("left out of the USD total, superseded: \(s)") }
        for c in t.cancelled { lines.append("left out of every USD total, cancelled: \(c.deal), \(NumberText.human(c.usd)) USD") }
        for r in t.rumored { lines.append("in talks or rumoured, totalled apart: \(r.deal), \(NumberText.human(r.usd)) USD") }
        for p in t.partOf { lines.append("in its kind's total only, not the all-kinds total: \(p.deal), \(NumberText.human(p.usd)) USD") }
        for c in t.contradicted { lines.append("left out of the USD total, contradicted by its sources: \(c)") }
        return lines
    }
}

extension DealTotals {
    /// What the USD total holds, in one sentence with every number traceable to the deals listed.
    public var includesLine: String {
        var out: [String] = []
        func count(_ n: Int, _ what: String) -> String { "\(n) \(what)" }
        if !cancelled.isEmpty { out.append(count(cancelled.count, "cancelled") + " (\(NumberText.human(cancelledUSD)) USD)") }
        if !rumored.isEmpty {
            out.append(count(rumored.count, "in talks or rumoured") + " (\(NumberText.human(rumoredUSD)) USD, totalled apart)")
        }
        if !partOf.isEmpty {
            out.append(count(partOf.count, partOf.count == 1 ? "part of another deal" : "parts of other deals")
                       + " (\(NumberText.human(partOfUSD)) USD, in \(partOf.count == 1 ? "its kind's total" : "their kinds' totals") only)")
        }
        if !superseded.isEmpty { out.append(count(superseded.count, "superseded")) }
        if !contradicted.isEmpty { out.append(count(contradicted.count, "contradicted")) }
        if !withoutRate.isEmpty { out.append(count(withoutRate.count, "without an exchange rate")) }
        return "in the total: signed, announced, reported and completed deals with a value in USD terms"
            + (out.isEmpty ? "" : "; not in it: " + out.joined(separator: ", "))
    }
}

extension Report {
    /// The article's question for the year: the deal whose two firms, combined, would move a
    /// market's HHI the most, worded with the 2023 US screen.
    public var combinationLine: String? {
        guard let d = combinations.first else { return nil }
        let c = d.combination
        let verdict = c.verdicts.first { $0.regime == .us2023 }?.text ?? ""
        return "\(c.a.company)–\(c.b.company), \(d.date) (\(Excerpt.value(d.title, limit: 60))): combined, \(d.metric) would move from "
            + "HHI \(ScreenFormatter.points(c.hhiBefore)) to \(ScreenFormatter.points(c.hhiAfter)); ΔHHI ≈ "
            + "\(NumberText.grouped(c.delta.rounded())); US 2023 screen: \(verdict) — \(ScreenFormatter.caveat)"
    }

    /// The metrics side by side: what the concentration section shows first.
    public var concentrationSummary: ResultTable {
        var t = ResultTable(columns: ["metric", "unit", "firms", "CR3", "CR5", "HHI", "band (us2023)", "coverage", "sources"])
        for e in concentration {
            let c = e.result
            t.rows.append([.text(c.metric), .text(c.unit), .int(Int64(c.firms.count)), .text(ConcentrationFormatter.crText(c, 3)),
                           .text(ConcentrationFormatter.crText(c, 5)), .text(ConcentrationFormatter.hhiText(c)), Cell(c.bands[.us2023]),
                           .text(ConcentrationFormatter.pct(c.coverage)), .text(c.sources.joined(separator: "; "))])
        }
        return t
    }
}

extension ConcentrationEntry {
    /// "by quarter: 2025-Q1 CR3 63.00 %, HHI 1,409 – 3,009; …" for a metric stated by quarter.
    public var trendLine: String? {
        guard quarters.count > 1 else { return nil }
        return "by quarter: " + quarters.map { q in
            "\(q.period) CR3 \(ConcentrationFormatter.crText(q, 3)), HHI \(ConcentrationFormatter.hhiText(q))"
        }.joined(separator: "; ")
    }

    /// "change against 2024: CR5 … → … (+… points); HHI low … → …; total … → …", like for like
    /// (issue 21): figures whose shares are of different kinds of total (a market statistic, the
    /// sum of companies and aggregates, the named companies' sum) are not compared, and a change
    /// between different sets of firms says which firms differ.
    public var changeLine: String? {
        guard let p = previous, result.hhiLow != nil, p.hhiLow != nil else { return nil }
        let c = result
        func kind(_ d: String) -> String { d.hasPrefix("market statistic") ? "a market statistic" : "the " + d }
        guard kind(c.denominator) == kind(p.denominator) else {
            return "not compared with \(p.period): its shares are of \(kind(p.denominator)), this period's of \(kind(c.denominator))"
        }
        var parts: [String] = []
        if let now = c.topShare5, let then = p.topShare5 {
            parts.append("CR5 \(NumberText.fixed(then, 2)) % → \(NumberText.fixed(now, 2)) % "
                         + "(\(now - then >= 0 ? "+" : "")\(NumberText.fixed(now - then, 2)) points)")
        }
        if let lo = c.hhiLow, let plo = p.hhiLow {
            parts.append("HHI low \(NumberText.grouped(plo.rounded())) → \(NumberText.grouped(lo.rounded()))")
        }
        if c.unit != Units.percent, let t = c.total, let pt = p.total, pt > 0, ((t - pt) / pt).isFinite {
            parts.append("total \(NumberText.human(pt.rounded())) → \(NumberText.human(t.rounded())) \(c.unit) "
                         + "(\(t >= pt ? "+" : "")\(NumberText.fixed((t - pt) / pt * 100, 1)) %)")
        }
        guard !parts.isEmpty else { return nil }
        return "change against \(p.period): " + parts.joined(separator: "; ") + firmsDiffer(p)
    }

    /// "; the firms differ (2 in 2024, 5 in 2025): only in 2024: …; only in 2025: …", or "".
    func firmsDiffer(_ p: ConcentrationResult) -> String {
        let now = result.firms.map(\.company), then = p.firms.map(\.company)
        guard Set(now) != Set(then) else { return "" }
        func list(_ names: [String]) -> String {
            names.prefix(5).joined(separator: ", ") + (names.count > 5 ? " and \(names.count - 5) more" : "")
        }
        let gone = then.filter { !Set(now).contains($0) }, new = now.filter { !Set(then).contains($0) }
        return "; the firms differ (\(then.count) in \(p.period), \(now.count) in \(result.period))"
            + (gone.isEmpty ? "" : ": only in \(p.period): " + list(gone))
            + (new.isEmpty ? "" : (gone.isEmpty ? ": " : "; ") + "only in \(result.period): " + list(new))
    }
}
