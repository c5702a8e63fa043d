import Foundation
import GRDB

/// What changed from one aitrack database to another (issue 24, item 3): entries added, removed
/// and changed per type, matched by identity (the fields that make an entry the same entry), and
/// the computed figures that moved — each market metric's concentration per year (`metric_year_concentration`) and quarter,
/// each year's deal totals and each claim's verdict. Both databases are only read.
public struct DatabaseDiff: Sendable, Equatable {
    public struct FieldChange: Sendable, Equatable {
        public var field: String
        public var old: JSONValue?, new: JSONValue?
    }
    public struct Changed: Sendable, Equatable {
        public var key: String
        public var fields: [FieldChange]
    }
    public struct Entries: Sendable, Equatable {
        public var type: EntryType
        public var added: [String] = [], removed: [String] = []
        public var changed: [Changed] = []
        public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }
    }
    /// A computed figure in the old and the new database (nil where it has none).
    public struct Figure: Sendable, Equatable {
        public var figure: String
        public var old: String?, new: String?
    }
    public var entries: [Entries]
    public var figures: [Figure]
    public var isEmpty: Bool { entries.allSatisfy(\.isEmpty) && figures.isEmpty }

    /// The fields that make an entry of `type` the same entry (the database's identity rules).
    static func keyFields(_ type: EntryType) -> [String] {
        switch type {
        case .statistic: return ["metric", "measure", "date", "company", "segment", "region", "source", "source_url"]
        case .deal: return ["date", "kind", "parties", "source", "source_url"]
        case .membership: return ["alliance", "company"]
        case .fx: return ["currency", "date", "source"]
        case .source: return ["name", "url"]
        case .company, .alliance, .metric: return ["name"]
        }
    }

    /// An entry's key: its identity fields as text (a deal's parties by name, sorted), lowercased.
    static func key(_ record: [(String, JSONValue)], type: EntryType) -> String {
        keyFields(type).map { field -> String in
            var v = record.first { $0.0 == field }?.1
            if field == "measure", v == nil { return "value" }
            // a source is found by its address: the originator's, else the page it was read on
            if type == .source, field == "url", v == nil || v == .null { v = record.first { $0.0 == "via_url" }?.1 }
            if field == "parties", case .array(let parties)? = v {
                return parties.map { p -> String in
                    if case .string(let s)? = p.member("company") { return s }
                    return JSONWriter.string(p)
                }.sorted().joined(separator: "+")
            }
            switch v {
            case .string(let s)?: return s
            case nil, .null?: return ""
            case let other?: return JSONWriter.string(other)
            }
        }.joined(separator: " | ").lowercased()
    }

    /// The entries of one type, compared; records in export order.
    static func compare(_ type: EntryType, old: [[(String, JSONValue)]], new: [[(String, JSONValue)]]) -> Entries {
        var out = Entries(type: type)
        var before: [String: [(String, JSONValue)]] = [:]
        for r in old { before[key(r, type: type)] = r }
        var seen = Set<String>()
        for r in new {
            let k = key(r, type: type)
            seen.insert(k)
            guard let o = before[k] else { out.added.append(k); continue }
            let fields = Set(o.map(\.0)).union(r.map(\.0)).subtracting(["type"]).sorted()
            let changes = fields.compactMap { f -> FieldChange? in
                let a = o.first { $0.0 == f }?.1, b = r.first { $0.0 == f }?.1
                return a == b ? nil : FieldChange(field: f, old: a, new: b)
            }
            if !changes.isEmpty { out.changed.append(Changed(key: k, fields: changes)) }
        }
        out.removed = old.map { key($0, type: type) }.filter { !seen.contains($0) }
        return out
    }

    /// Compares `old` with `new`: every entry type, then the figures. `tolerance`: how far a
    /// figure may move (percentage points for CR5, points for the HHI) before it is listed; a band
    /// that changes is always listed.
    public static func compute(old: some DatabaseReading, new: some DatabaseReading, tolerance: Double = 0.005) throws -> DatabaseDiff {
        var entries: [Entries] = []
        for type in EntryType.ingestOrder {
            var a: [[(String, JSONValue)]] = [], b: [[(String, JSONValue)]] = []
            try old.exportRecords(type) { a.append($0) }
            try new.exportRecords(type) { b.append($0) }
            entries.append(compare(type, old: a, new: b))
        }
        let figures = compareFigures(old: try figures(old).merging(try verdicts(old)) { a, _ in a },
                                     new: try figures(new).merging(try verdicts(new)) { a, _ in a }, tolerance: tolerance)
        return DatabaseDiff(entries: entries, figures: figures)
    }

    /// A figure's numbers and words: CR5 and the HHI bounds (numbers), the band (words).
    struct Values: Equatable { var numbers: [String: Double] = [:], words: [String: String] = [:] }

    /// Each market metric's concentration per year, and each year's deal totals, by name.
    static func figures(_ db: some DatabaseReading) throws -> [String: Values] {
        try db.reader.read { db in
            var out: [String: Values] = [:]
            // metric by metric: the view computes every metric's rows before a filter on a list, but
            // takes one metric's alone (1.4 s for 50,000 statistics of undefined metrics, against none)
            let markets = try String.fetchAll(db, sql: "SELECT name FROM metrics WHERE kind IN ('share', 'stock', 'flow') ORDER BY name")
            let sql = "SELECT metric, year, top5_share AS cr5, hhi_low, hhi_high, band_us2023 FROM metric_year_concentration WHERE metric = ?"
            for r in try markets.flatMap({ try Row.fetchAll(db, sql: sql, arguments: [$0]) }) {
                let name = "\(r["metric"] as String) \(r["year"] as Int)"
                var v = Values()
                if let c: Double = r["cr5"] { v.numbers["CR5"] = c }
                if let l: Double = r["hhi_low"] { v.numbers["HHI low"] = l }
                if let h: Double = r["hhi_high"] { v.numbers["HHI high"] = h }
                if let b: String = r["band_us2023"] { v.words["band (us2023)"] = b }
                out[name] = v
            }
            for metric in markets {
                for (name, v) in try quarterFigures(db, metric: metric) { out[name] = v }
            }
            let years = try Int.fetchAll(db, sql: "SELECT DISTINCT CAST(substr(date, 1, 4) AS INTEGER) FROM deals ORDER BY 1")
            for y in years {
                let t = try AppDatabase.dealTotals(db, .year(y))
                out["deals \(y)", default: Values()].numbers["USD total"] = t.usdTotal
                out["deals \(y)", default: Values()].numbers["deals"] = Double(t.deals)
            }
            return out
        }
    }

    /// A market's figures per quarter, for the quarters that hold a statistic dated finer than a
    /// year (a year's figure is of its own rows; a quarter's would repeat it).
    static func quarterFigures(_ db: Database, metric: String) throws -> [(String, Values)] {
        let dates = try String.fetchAll(db, sql: """
            SELECT DISTINCT date FROM statistics
            WHERE metric = ? AND precision <> 'year' AND (measure <> 'value' OR forecast = 0) ORDER BY date
            """, arguments: [metric])
        var quarters: [Period] = []
        for d in dates {
            if let q = Period.containing(d, .quarter), quarters.last != q { quarters.append(q) }
        }
        let names = NameLookups()
        return try quarters.map { q in
            let r = try AppDatabase.concentration(db, metric: metric, period: q, consolidate: true, names: names)
            var v = Values()
            if let c = r.topShare5 { v.numbers["CR5"] = c }
            if let l = r.hhiLow { v.numbers["HHI low"] = l }
            if let h = r.hhiHigh { v.numbers["HHI high"] = h }
            if let b = r.bands[.us2023] { v.words["band (us2023)"] = b }
            return ("\(metric) \(q)", v)
        }
    }

    /// Each claim's verdict and the figure computed beside it, by the claim's kind, date, words
    /// and who said it.
    static func verdicts(_ db: some DatabaseReading) throws -> [String: Values] {
        let t = try db.claims()
        func text(_ row: [Cell], _ column: String) -> String? {
            guard let i = t.columns.firstIndex(of: column), case .text(let s) = row[i] else { return nil }
            return s
        }
        var out: [String: Values] = [:]
        for row in t.rows {
            let date = text(row, "date").map { $0.isEmpty ? "" : $0 + ", " } ?? ""
            let name = "claim (\(date)\(text(row, "said_by") ?? "")) “\(text(row, "claim") ?? "")”"
            var v = out[name] ?? Values()
            v.words["verdict"] = text(row, "verdict")
            if let c = text(row, "computed") { v.words["check"] = c }
            out[name] = v
        }
        return out
    }

    static func compareFigures(old: [String: Values], new: [String: Values], tolerance: Double) -> [Figure] {
        var out: [Figure] = []
        for name in Set(old.keys).union(new.keys).sorted() {
            let a = old[name] ?? Values(), b = new[name] ?? Values()
            for k in Set(a.numbers.keys).union(b.numbers.keys).sorted() {
                let x = a.numbers[k], y = b.numbers[k]
                if let x, let y, abs(x - y) <= tolerance * (k == "USD total" ? max(abs(x), 1) : 1) { continue }
                out.append(Figure(figure: "\(name) \(k)", old: x.map(text), new: y.map(text)))
            }
            for k in Set(a.words.keys).union(b.words.keys).sorted() where a.words[k] != b.words[k] {
                out.append(Figure(figure: "\(name) \(k)", old: a.words[k], new: b.words[k]))
            }
        }
        return out
    }

    static func text(_ v: Double) -> String { v.rounded() == v && abs(v) >= 1000 ? NumberText.grouped(v) : NumberText.fixed(v, 2) }
}
