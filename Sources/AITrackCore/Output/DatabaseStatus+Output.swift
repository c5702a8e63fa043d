/// `init`, `db status` and `db upgrade` print the status as a table (or CSV) and as JSON.
extension DatabaseStatus {
    /// One row per item (`rows.TABLE` for the counts), for tables and CSV.
    public var table: ResultTable {
        var t = ResultTable(columns: ["item", "value"])
        t.rows.append([.text("path"), .text(path)])
        t.rows.append([.text("schema_version"), .int(Int64(schemaVersion))])
        t.rows.append([.text("binary_schema_version"), .int(Int64(Migrations.currentVersion))])
        t.rows.append([.text("migrations"), .text(migrations.joined(separator: ", "))])
        t.rows.append([.text("journal_mode"), .text(journalMode)])
        t.rows.append([.text("contents"), .text(contents)])
        for (table, n) in counts { t.rows.append([.text("rows.\(table)"), .int(Int64(n))]) }
        return t
    }

    /// The entries the file holds, in words, counted as the `rows.*` items count them (the
    /// creation notice uses the same sentence): "64 deals, 377 statistics, …".
    public var contents: String {
        let n = Dictionary(counts, uniquingKeysWith: { a, _ in a })
        func count(_ table: String, _ one: String, _ many: String) -> String {
            let k = n[table] ?? 0
            return "\(k) \(k == 1 ? one : many)"
        }
        return [count("deals", "deal", "deals"), count("statistics", "statistic", "statistics"),
                count("alliances", "alliance", "alliances") + " with " + count("alliance_members", "membership", "memberships"),
                count("companies", "company", "companies"), count("sources", "source", "sources"),
                count("metrics", "metric definition", "metric definitions")].joined(separator: ", ")
    }

    /// What the bundled seed holds, in words (for help and the creation notice).
    public static let seedDescription = "the article's claims with their checks, Epoch AI's estimates of AI compute owned, "
        + "and market research 2022–2026: deals, cloud market shares, capex, foundry and GPU shares, LLM vendors"

    /// One JSON object.
    public var json: JSONValue {
        .object([("path", .string(path)), ("schema_version", .num(schemaVersion)), ("binary_schema_version", .num(Migrations.currentVersion)),
                 ("migrations", .array(migrations.map(JSONValue.string))), ("journal_mode", .string(journalMode)),
                 ("contents", .string(contents)),
                 ("rows", .object(counts.map { ($0.0, JSONValue.num($0.1)) }))])
    }
}
