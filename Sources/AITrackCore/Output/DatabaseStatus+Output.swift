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
        for (table, n) in counts { t.rows.append([.text("rows.\(table)"), .int(Int64(n))]) }
        return t
    }

    /// One JSON object.
    public var json: JSONValue {
        .object([("path", .string(path)), ("schema_version", .num(schemaVersion)), ("binary_schema_version", .num(Migrations.currentVersion)),
                 ("migrations", .array(migrations.map(JSONValue.string))), ("journal_mode", .string(journalMode)),
                 ("rows", .object(counts.map { ($0.0, JSONValue.num($0.1)) }))])
    }
}
