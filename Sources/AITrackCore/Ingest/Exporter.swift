import Foundation
import GRDB

/// Writes the database back as entry records (DESIGN §4): every type, every field, in an order
/// that does not depend on row ids, so that export → ingest into an empty database → export
/// gives the same text.
public enum ExportFormat: String, Vocabulary {
    case ndjson, csv
    public static let noun = "an export format"
}

extension EntryType {
    /// The types in the order an ingest needs them (and export writes them).
    public static let ingestOrder: [EntryType] = [.source, .company, .alliance, .membership, .deal, .statistic, .fx]
}

extension DatabaseReading {

    /// Streams the records of `type` to `sink`, one at a time (memory stays flat).
    public func exportRecords(_ type: EntryType, _ sink: ([(String, JSONValue)]) throws -> Void) throws {
        try reader.read { db in
            func date(_ r: Row, _ col: String, _ prec: String) -> JSONValue {
                guard let d: String = r[col] else { return .null }
                return .str(EntryDate.stored(d, precision: Precision(rawValue: r[prec] ?? "day") ?? .day)?.description ?? d)
            }
            func put(_ rec: inout [(String, JSONValue)], _ key: String, _ v: JSONValue) {
                if v != .null { rec.append((key, v)) }
            }
            func text(_ r: Row, _ col: String) -> JSONValue { .str(r[col] as String?) }
            /// The fields at the end of most entries, in export order.
            func tail(_ rec: inout [(String, JSONValue)], _ r: Row, _ cols: [String]) {
                for c in cols { put(&rec, c == "entry_key" ? "id" : c, text(r, c)) }
            }
            let sourced = ["source", "source_url", "cited_by", "note", "verification", "entry_key"]
            func number(_ r: Row, _ col: String) -> JSONValue { .num(r[col] as Double?) }
            switch type {
            case .source:
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT * FROM sources ORDER BY name COLLATE NOCASE, name, coalesce(url, '')
                    """)
                while let r = try rows.next() {
                    var rec: [(String, JSONValue)] = [("type", .string("source"))]
                    put(&rec, "name", text(r, "name")); put(&rec, "url", text(r, "url"))
                    put(&rec, "published", date(r, "published", "precision"))
                    tail(&rec, r, ["note", "verification", "entry_key"])
                    try sink(rec)
                }
            case .company:
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT c.*, p.name AS parent,
                           (SELECT json_group_array(alias) FROM (SELECT alias FROM company_aliases WHERE company_id = c.id ORDER BY alias COLLATE NOCASE, alias)) AS aliases
                    FROM companies c LEFT JOIN companies p ON p.id = c.parent_id ORDER BY c.name COLLATE NOCASE, c.name
                    """)
                while let r = try rows.next() {
                    var rec: [(String, JSONValue)] = [("type", .string("company"))]
                    put(&rec, "name", text(r, "name"))
                    if let a: String = r["aliases"], let v = try? JSONParser.parse(a), v != .array([]) { rec.append(("aliases", v)) }
                    put(&rec, "parent", text(r, "parent")); put(&rec, "kind", text(r, "kind")); put(&rec, "country", text(r, "country"))
                    tail(&rec, r, ["note", "verification", "entry_key"])
                    try sink(rec)
                }
            case .alliance:
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT a.*, s.name AS source, s.url AS source_url, cb.name AS cited_by
                    FROM alliances a LEFT JOIN sources s ON s.id = a.source_id LEFT JOIN sources cb ON cb.id = a.cited_by_id
                    ORDER BY a.name COLLATE NOCASE, a.name
                    """)
                while let r = try rows.next() {
                    var rec: [(String, JSONValue)] = [("type", .string("alliance"))]
                    put(&rec, "name", text(r, "name")); put(&rec, "date", date(r, "date", "precision"))
                    put(&rec, "purpose", text(r, "purpose")); put(&rec, "url", text(r, "url"))
                    tail(&rec, r, sourced)
                    try sink(rec)
                }
            case .membership:
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT m.*, a.name AS alliance, c.name AS company, s.name AS source, s.url AS source_url, cb.name AS cited_by
                    FROM alliance_members m JOIN alliances a ON a.id = m.alliance_id JOIN companies c ON c.id = m.company_id
                    JOIN sources s ON s.id = m.source_id LEFT JOIN sources cb ON cb.id = m.cited_by_id
                    ORDER BY a.name COLLATE NOCASE, c.name COLLATE NOCASE, c.name
                    """)
                while let r = try rows.next() {
                    var rec: [(String, JSONValue)] = [("type", .string("membership"))]
                    put(&rec, "alliance", text(r, "alliance")); put(&rec, "company", text(r, "company"))
                    put(&rec, "date", date(r, "date", "precision")); put(&rec, "left", date(r, "left", "left_precision"))
                    put(&rec, "role", text(r, "role"))
                    tail(&rec, r, sourced)
                    try sink(rec)
                }
            case .deal:
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT d.*, s.name AS source, s.url AS source_url, cb.name AS cited_by,
                           (SELECT json_group_array(json_object('company', name, 'role', role)) FROM
                              (SELECT c.name, dp.role FROM deal_parties dp JOIN companies c ON c.id = dp.company_id
                               WHERE dp.deal_id = d.id ORDER BY dp.role, c.name COLLATE NOCASE, c.name)) AS parties
                    FROM deals d JOIN sources s ON s.id = d.source_id LEFT JOIN sources cb ON cb.id = d.cited_by_id
                    ORDER BY d.date, d.identity
                    """)
                while let r = try rows.next() {
                    var rec: [(String, JSONValue)] = [("type", .string("deal"))]
                    put(&rec, "date", date(r, "date", "precision")); put(&rec, "title", text(r, "title")); put(&rec, "kind", text(r, "kind"))
                    if let p: String = r["parties"], let v = try? JSONParser.parse(p) { rec.append(("parties", v)) }
                    put(&rec, "value", number(r, "value")); put(&rec, "currency", text(r, "currency")); put(&rec, "qualifier", text(r, "qualifier"))
                    put(&rec, "term_months", (r["term_months"] as Int64?).map { .number(String($0)) } ?? .null)
                    put(&rec, "status", text(r, "status"))
                    tail(&rec, r, sourced)
                    try sink(rec)
                }
            case .statistic:
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT st.*, c.name AS company, s.name AS source, s.url AS source_url, cb.name AS cited_by
                    FROM statistics st JOIN sources s ON s.id = st.source_id LEFT JOIN sources cb ON cb.id = st.cited_by_id
                    LEFT JOIN companies c ON c.id = st.company_id
                    ORDER BY st.metric, st.measure, st.date, st.identity
                    """)
                while let r = try rows.next() {
                    var rec: [(String, JSONValue)] = [("type", .string("statistic"))]
                    put(&rec, "metric", text(r, "metric"))
                    if (r["measure"] as String) != "value" { put(&rec, "measure", text(r, "measure")) }
                    put(&rec, "date", date(r, "date", "precision")); put(&rec, "company", text(r, "company"))
                    put(&rec, "segment", text(r, "segment")); put(&rec, "region", text(r, "region"))
                    put(&rec, "value", number(r, "value")); put(&rec, "low", number(r, "low")); put(&rec, "high", number(r, "high"))
                    put(&rec, "unit", text(r, "unit")); put(&rec, "qualifier", text(r, "qualifier"))
                    if (r["forecast"] as Int64) == 1 { rec.append(("forecast", .bool(true))) }
                    tail(&rec, r, sourced)
                    try sink(rec)
                }
            case .fx:
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT f.*, s.name AS source, s.url AS source_url FROM fx_rates f LEFT JOIN sources s ON s.id = f.source_id ORDER BY f.currency, f.date
                    """)
                while let r = try rows.next() {
                    var rec: [(String, JSONValue)] = [("type", .string("fx"))]
                    put(&rec, "currency", text(r, "currency")); put(&rec, "date", text(r, "date")); put(&rec, "usd", number(r, "usd"))
                    tail(&rec, r, ["source", "source_url", "note", "entry_key"])
                    try sink(rec)
                }
            }
        }
    }

    /// How many entries of a type the database holds.
    public func entryCount(_ type: EntryType) throws -> Int {
        let table: String
        switch type {
        case .company: table = "companies"
        case .source: table = "sources"
        case .deal: table = "deals"
        case .alliance: table = "alliances"
        case .membership: table = "alliance_members"
        case .statistic: table = "statistics"
        case .fx: table = "fx_rates"
        }
        return try reader.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    /// NDJSON of the given types, one line per entry, streamed in chunks to `write`.
    public func exportNDJSON(_ types: [EntryType] = EntryType.ingestOrder, write: (String) throws -> Void) throws {
        var buffer = ""
        for t in types {
            try exportRecords(t) { rec in
                JSONWriter.write(.object(rec), into: &buffer)
                buffer += "\n"
                if buffer.utf8.count > 1 << 16 { try write(buffer); buffer = "" }
            }
        }
        if !buffer.isEmpty { try write(buffer) }
    }

    /// The CSV header of a type: `type`, its fields, then `note`, `verification`, `id`.
    public static func csvHeader(_ type: EntryType) -> [String] {
        var h = ["type"] + EntryDecoder.fields[type]!
        h += type == .fx ? ["note", "id"] : ["note", "verification", "id"]
        if type == .alliance { h.removeAll { $0 == "members" } }
        return h
    }

    /// CSV of one type: lists `;`-separated, parties as `Company:role`.
    public func exportCSV(_ type: EntryType, write: (String) throws -> Void) throws {
        let header = Self.csvHeader(type)
        var buffer = header.joined(separator: ",") + "\n"
        try exportRecords(type) { rec in
            var fields = [String: JSONValue]()
            for (k, v) in rec { fields[k] = v }
            buffer += header.map { h -> String in
                guard let v = fields[h] else { return "" }
                let s: String
                switch v {
                case .array(let items):
                    s = items.map { item -> String in
                        if case .object(let o) = item, case .string(let c)? = o.first(where: { $0.0 == "company" })?.1,
                           case .string(let role)? = o.first(where: { $0.0 == "role" })?.1 { return "\(c):\(role)" }
                        if case .string(let x) = item { return x }
                        return JSONWriter.string(item)
                    }.joined(separator: ";")
                case .string(let x): s = x
                case .number(let n): s = n
                case .bool(let b): s = b ? "true" : "false"
                default: s = JSONWriter.string(v)
                }
                return TableFormatter.quoteField(s, ",")
            }.joined(separator: ",") + "\n"
            if buffer.utf8.count > 1 << 16 { try write(buffer); buffer = "" }
        }
        try write(buffer)
    }
}
