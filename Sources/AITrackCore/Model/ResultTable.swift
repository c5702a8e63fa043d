/// One value of a result, typed so that machine formats keep numbers unformatted.
public enum Cell: Equatable, Sendable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    /// Nested data (a deal's parties): a JSON value in JSON output, compact text elsewhere.
    case json(JSONValue)

    public var isNumber: Bool {
        switch self { case .int, .double: true; default: false }
    }

    var jsonValue: JSONValue {
        switch self {
        case .null: return .null
        case .int(let i): return .number(String(i))
        case .double(let d): return .num(d)
        case .text(let s): return .string(s)
        case .json(let j): return j
        }
    }

    /// Plain text, as CSV holds it and ingest reads it back: numbers exactly, a list of
    /// strings `a;b`, parties `Company:role;Company:role` (the entry format); other nested
    /// data as JSON.
    public var plain: String {
        switch self {
        case .null: return ""
        case .int(let i): return String(i)
        case .double(let d): return d.isFinite ? NumberText.plain(d) : ""   // as null: never `inf` for ingest to read back
        case .text(let s): return s
        case .json(let j): return Cell.entryText(j)
        }
    }

    /// For people: numbers grouped by thousands, parties as `Meta (customer); …`.
    var human: String {
        switch self {
        case .int(let i): return NumberText.grouped(Double(i))
        case .double(let d): return NumberText.grouped(d)
        case .json(let j): return Cell.compact(j)
        default: return plain
        }
    }

    static func entryText(_ j: JSONValue) -> String {
        switch j {
        case .null: return ""
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .array(let a):
            if a.allSatisfy({ if case .string = $0 { return true }; return false }) { return a.map(entryText).joined(separator: ";") }
            let parties = a.compactMap { item -> String? in
                guard case .object(let o) = item, o.count == 2, case .string(let c)? = item.member("company"),
                      case .string(let r)? = item.member("role") else { return nil }
                return "\(c):\(r)"
            }
            return parties.count == a.count ? parties.joined(separator: ";") : JSONWriter.string(j)
        case .object: return JSONWriter.string(j)
        }
    }

    static func compact(_ j: JSONValue) -> String {
        switch j {
        case .null: return ""
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .array(let a): return a.map(compact).joined(separator: "; ")
        case .object(let o):
            // {"company":"Meta","role":"customer"} reads as "Meta (customer)"
            let values = o.map { compact($0.1) }.filter { !$0.isEmpty }
            guard let first = values.first else { return "" }
            return values.count == 1 ? first : "\(first) (\(values.dropFirst().joined(separator: ", ")))"
        }
    }
}

/// Rows and named columns: what every listing returns, before formatting.
public struct ResultTable: Equatable, Sendable {
    public var columns: [String]
    public var rows: [[Cell]]
    /// The columns a person reads at a terminal or in markdown (nil: all); machine formats
    /// (JSON, CSV, TSV, NDJSON) always have every column.
    public var readable: [String]?
    /// What a person should know about the rows (a filter that matched only a contradicted
    /// membership): the command prints them on stderr, one a line.
    public var notes: [String] = []

    public init(columns: [String], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
        self.readable = nil
    }

    public init(columns: [String], readable: [String], rows: [[Cell]]) {
        self.columns = columns
        self.rows = rows
        self.readable = readable
    }

    /// Readable columns shown only when a row has a value in them (the page a source was read
    /// on, which most sources do not have).
    static let readableWhenUsed: Set<String> = ["source_via", "via"]

    /// Only the readable columns.
    public var forReading: ResultTable {
        guard let readable else { return self }
        let idx = readable.compactMap { columns.firstIndex(of: $0) }.filter { k in
            !Self.readableWhenUsed.contains(columns[k]) || rows.contains { $0[k] != .null }
        }
        return ResultTable(columns: idx.map { columns[$0] }, rows: rows.map { r in idx.map { r[$0] } })
    }

    /// With `date_start`, `date_end` (ISO: the first and last day the date covers, `2025-Q3` →
    /// 2025-07-01 and 2025-09-30) and `precision` after a `date` column of entry dates, for
    /// readers that want one kind of date per column (pandas' `to_datetime`); readable columns
    /// stay as they are.
    public func withDateSpans() -> ResultTable {
        guard let k = columns.firstIndex(of: "date"), !columns.contains("date_start") else { return self }
        var t = self
        t.columns.insert(contentsOf: ["date_start", "date_end", "precision"], at: k + 1)
        t.rows = rows.map { row in
            var r = row
            let date: EntryDate?
            if case .text(let text) = row[k] { date = try? EntryDate.parse(text) } else { date = nil }
            r.insert(contentsOf: date.map { [Cell.text($0.iso), .text($0.endISO), .text($0.precision.rawValue)] } ?? [.null, .null, .null],
                     at: k + 1)
            return r
        }
        return t
    }

    /// The rows as JSON objects keyed by column.
    public var jsonRows: JSONValue {
        .array(rows.map { row in .object(zip(columns, row).map { ($0, $1.jsonValue) }) })
    }
}

extension Cell {
    public init(_ s: String?) { self = s.map(Cell.text) ?? .null }
    public init(_ d: Double?) { self = d.map(Cell.double) ?? .null }
    public init(_ i: Int?) { self = i.map { Cell.int(Int64($0)) } ?? .null }
}
