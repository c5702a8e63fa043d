import Foundation
import GRDB

/// Writes the database back as entry records (DESIGN §4): every type, every field, in an order
/// that does not depend on row ids, so that export → ingest into an empty database → export
/// gives the same text. A data package is the CSV files with their `datapackage.json`.
public enum ExportFormat: String, Vocabulary {
    case ndjson, csv, datapackage
    public static let noun = "an export format"
}


extension DatabaseReading {

    /// Streams the records of `type` to `sink`, one at a time (memory stays flat); with
    /// `derived`, a deal's record also has its `value_usd` (the CSV's column).
    public func exportRecords(_ type: EntryType, derived: Bool = false, _ sink: ([(String, JSONValue)]) throws -> Void) throws {
        let query = ExportQuery.of(type)
        try reader.read { db in
            let rows = try Row.fetchCursor(db, sql: query.sql)
            while let r = try rows.next() {
                var b = RecordBuilder(row: r, type: type)
                query.fields(&b)
                try sink(derived || type != .deal ? b.record : b.record.filter { $0.0 != ExportQuery.derivedDealColumn })
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
        case .metric: table = "metrics"
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
    public static func csvHeader(_ type: EntryType) -> [String] { ExportQuery.csvHeader(type) }

    /// CSV of one type: lists `;`-separated, parties as `Company:role`.
    public func exportCSV(_ type: EntryType, write: (String) throws -> Void) throws {
        let header = Self.csvHeader(type)
        var buffer = header.joined(separator: ",") + "\n"
        try exportRecords(type, derived: true) { rec in
            var fields = [String: JSONValue]()
            for (k, v) in rec { fields[k] = v }
            if case .string(let text)? = fields["date"], let d = try? EntryDate.parse(text) {
                (fields["date_start"], fields["date_end"], fields["precision"]) = (.string(d.iso), .string(d.endISO), .string(d.precision.rawValue))
            }
            buffer += header.map { h -> String in
                guard let v = fields[h] else { return ExportQuery.booleans.contains(h) ? "false" : "" }
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
                return CSVField.quoted(s, ",")
            }.joined(separator: ",") + "\n"
            if buffer.utf8.count > 1 << 16 { try write(buffer); buffer = "" }
        }
        try write(buffer)
    }
}

/// Builds one entry record from a row: fields in export order, empty ones left out.
struct RecordBuilder {
    let row: Row
    var record: [(String, JSONValue)]

    init(row: Row, type: EntryType) {
        self.row = row
        self.record = [("type", .string(type.rawValue))]
    }

    mutating func put(_ key: String, _ v: JSONValue) { if v != .null { record.append((key, v)) } }
    mutating func text(_ columns: String...) { for c in columns { put(c == "entry_key" ? "id" : c, .str(row[c] as String?)) } }
    mutating func number(_ columns: String...) { for c in columns { put(c, .num(row[c] as Double?)) } }
    mutating func date(_ key: String, _ column: String, _ precision: String) { put(key, .str(row.storedDate(column, precision: precision))) }
    /// A JSON column (a list built by the query).
    mutating func json(_ key: String, skipEmpty: Bool = false) {
        guard let text: String = row[key], let v = try? JSONParser.parse(text), !(skipEmpty && v == .array([])) else { return }
        record.append((key, v))
    }
    /// The source and common fields most entries end with.
    mutating func sourced() { text("source", "source_url", "source_via", "source_via_url", "cited_by", "note", "verification", "entry_key") }
}

/// Per entry type: the query in an order that does not depend on row ids (so that export →
/// ingest into an empty database → export gives the same text), and the record's fields.
struct ExportQuery {
    /// The deal's value in US dollars (`deals_overview`): in the CSV, for a reader's sums; not in
    /// NDJSON, which holds the entries as given; ingest ignores it.
    static let derivedDealColumn = "value_usd"
    /// After `date` in the CSV: the first and last day it covers and its precision (derived, for
    /// pandas; ingest ignores them).
    static let dateSpanColumns = ["date_start", "date_end", "precision"]
    /// Booleans the CSV writes `false` rather than leaving empty.
    static let booleans: Set<String> = ["forecast", "top_list"]
    let sql: String
    let fields: (inout RecordBuilder) -> Void

    static func csvHeader(_ type: EntryType) -> [String] {
        var h = ["type"] + EntryDecoder.fields[type]!
        h += type == .fx ? ["note", "id"] : ["note", "verification", "id"]
        if type == .alliance { h.removeAll { $0 == "members" } }
        if type == .deal, let k = h.firstIndex(of: "currency") { h.insert(derivedDealColumn, at: k + 1) }
        if let k = h.firstIndex(of: "date") { h.insert(contentsOf: dateSpanColumns, at: k + 1) }
        return h
    }

    static func of(_ type: EntryType) -> ExportQuery {
        switch type {
        case .source:
            return ExportQuery(sql: "SELECT * FROM sources ORDER BY name COLLATE NOCASE, name, coalesce(url, via_url, '')") { b in
                b.text("name", "url"); b.date("published", "published", "precision"); b.text("via", "via_url", "note", "verification", "entry_key")
            }
        case .company:
            return ExportQuery(sql: """
                SELECT c.*, p.name AS parent,
                       (SELECT json_group_array(alias) FROM (SELECT alias FROM company_aliases WHERE company_id = c.id \
                ORDER BY alias COLLATE NOCASE, alias)) AS aliases
                FROM companies c LEFT JOIN companies p ON p.id = c.parent_id ORDER BY c.name COLLATE NOCASE, c.name
                """) { b in
                b.text("name"); b.json("aliases", skipEmpty: true); b.text("parent", "kind", "country", "note", "verification", "entry_key")
            }
        case .alliance:
            return ExportQuery(sql: """
                SELECT a.*, s.name AS source, s.url AS source_url,
                       s.via AS source_via, s.via_url AS source_via_url, cb.name AS cited_by
                FROM alliances a LEFT JOIN sources s ON s.id = a.source_id LEFT JOIN sources cb ON cb.id = a.cited_by_id
                ORDER BY a.name COLLATE NOCASE, a.name
                """) { b in
                b.text("name"); b.date("date", "date", "precision"); b.text("purpose", "url"); b.sourced()
            }
        case .membership:
            return ExportQuery(sql: """
                SELECT m.*, a.name AS alliance, c.name AS company, s.name AS source, s.url AS source_url,
                       s.via AS source_via, s.via_url AS source_via_url, cb.name AS cited_by
                FROM alliance_members m JOIN alliances a ON a.id = m.alliance_id JOIN companies c ON c.id = m.company_id
                JOIN sources s ON s.id = m.source_id LEFT JOIN sources cb ON cb.id = m.cited_by_id
                ORDER BY a.name COLLATE NOCASE, c.name COLLATE NOCASE, c.name
                """) { b in
                b.text("alliance", "company"); b.date("date", "date", "precision"); b.date("left", "left", "left_precision")
                b.text("role"); b.sourced()
            }
        case .deal:
            return ExportQuery(sql: """
                SELECT d.*, s.name AS source, s.url AS source_url,
                       s.via AS source_via, s.via_url AS source_via_url, cb.name AS cited_by,
                       (SELECT json_group_array(json_object('company', name, 'role', role)) FROM
                          (SELECT c.name, dp.role FROM deal_parties dp JOIN companies c ON c.id = dp.company_id
                           WHERE dp.deal_id = d.id ORDER BY dp.role, c.name COLLATE NOCASE, c.name)) AS parties,
                       (SELECT json_group_array(o.entry_key) FROM (SELECT o.entry_key FROM deal_relations r JOIN deals o ON o.id = r.other_id
                          WHERE r.deal_id = d.id AND r.relation = 'supersedes' AND o.entry_key IS NOT NULL ORDER BY o.entry_key) o) AS supersedes,
                       (SELECT json_group_array(o.entry_key) FROM (SELECT o.entry_key FROM deal_relations r JOIN deals o ON o.id = r.other_id
                          WHERE r.deal_id = d.id AND r.relation = 'expands' AND o.entry_key IS NOT NULL ORDER BY o.entry_key) o) AS expands,
                       (SELECT json_group_array(o.entry_key) FROM (SELECT o.entry_key FROM deal_relations r JOIN deals o ON o.id = r.other_id
                          WHERE r.deal_id = d.id AND r.relation = 'part_of' AND o.entry_key IS NOT NULL ORDER BY o.entry_key) o) AS part_of,
                       (SELECT ps.name FROM deal_relations r JOIN sources ps ON ps.id = r.source_id
                          WHERE r.deal_id = d.id AND r.relation = 'part_of' ORDER BY r.other_id LIMIT 1) AS part_of_source,
                       (SELECT ps.url FROM deal_relations r JOIN sources ps ON ps.id = r.source_id
                          WHERE r.deal_id = d.id AND r.relation = 'part_of' ORDER BY r.other_id LIMIT 1) AS part_of_source_url
                , o.value_usd
                FROM deals d JOIN sources s ON s.id = d.source_id LEFT JOIN sources cb ON cb.id = d.cited_by_id
                LEFT JOIN deals_overview o ON o.id = d.id
                ORDER BY d.date, d.identity
                """) { b in
                b.date("date", "date", "precision"); b.text("title", "kind"); b.json("parties"); b.number("value"); b.text("currency")
                b.number(ExportQuery.derivedDealColumn)
                if (b.row["value"] as Double?) != nil { b.text("qualifier") }   // a deal without a value has no qualifier
                b.put("term_months", (b.row["term_months"] as Int64?).map { .number(String($0)) } ?? .null)
                b.text("status"); b.json("supersedes", skipEmpty: true); b.json("expands", skipEmpty: true)
                b.json("part_of", skipEmpty: true); b.text("part_of_source", "part_of_source_url"); b.sourced()
            }
        case .statistic:
            return ExportQuery(sql: """
                SELECT st.*, c.name AS company, s.name AS source, s.url AS source_url,
                       s.via AS source_via, s.via_url AS source_via_url, cb.name AS cited_by
                FROM statistics st JOIN sources s ON s.id = st.source_id LEFT JOIN sources cb ON cb.id = st.cited_by_id
                LEFT JOIN companies c ON c.id = st.company_id
                ORDER BY coalesce(st.ingest_id, 0), st.id
                """) { b in
                b.text("metric")
                if (b.row["measure"] as String) != "value" { b.text("measure") }
                b.date("date", "date", "precision"); b.text("company", "segment", "region"); b.number("value", "low", "high")
                b.text("unit", "qualifier")
                if (b.row["forecast"] as Int64) == 1 { b.put("forecast", .bool(true)) }
                b.sourced()
            }
        case .metric:
            return ExportQuery(sql: """
                SELECT m.*, s.name AS source, s.url AS source_url,
                       s.via AS source_via, s.via_url AS source_via_url FROM metrics m LEFT JOIN sources s ON s.id = m.source_id ORDER BY m.name
                """) { b in
                b.text("name", "unit", "kind", "market", "period", "total_metric", "basis")
                b.put("fiscal_start", (b.row["fiscal_start"] as Int64?).map { .number(String($0)) } ?? .null)
                if (b.row["top_list"] as Int64) == 1 { b.put("top_list", .bool(true)) }
                b.text("source", "source_url", "source_via", "source_via_url", "note", "verification", "entry_key")
            }
        case .fx:
            return ExportQuery(sql: """
                SELECT f.*, s.name AS source, s.url AS source_url,
                       s.via AS source_via, s.via_url AS source_via_url FROM fx_rates f LEFT JOIN sources s ON s.id = f.source_id \
                ORDER BY f.currency, f.date
                """) { b in
                b.text("currency", "date"); b.number("usd"); b.text("source", "source_url", "source_via", "source_via_url", "note", "entry_key")
            }
        }
    }
}
