import Foundation

/// Reads the records of one input, streaming: NDJSON line by line, CSV record by record
/// (quoted fields may hold commas, quotes and newlines), a JSON array whole. UTF-8 with or
/// without BOM, LF or CRLF. Each record is handed on with its file and line.
enum RecordReader {
    typealias Record = [(String, JSONValue)]
    /// Return false to stop reading.
    typealias Sink = (InputLocation, Result<Record, FieldProblem>) throws -> Bool

    static func read(_ input: IngestInput, options: IngestOptions, _ sink: Sink) throws {
        let chunks = try ChunkSource(input)
        guard let first = try chunks.firstNonSpaceByte() else {
            _ = try sink(InputLocation(file: input.name, line: 1),
                         .failure(FieldProblem(field: "file", problem: "is empty",
                                               valid: "valid: NDJSON, a JSON array, or CSV with a header row")))
            return
        }
        let format = options.format ?? InputFormat.fromName(input.name)
            ?? (first == UInt8(ascii: "[") ? .json : first == UInt8(ascii: "{") ? .ndjson : .csv)
        let shaper = RecordShaper(options: options)
        switch format {
        case .ndjson: try readNDJSON(chunks, name: input.name, shaper: shaper, sink)
        case .json: try readJSONArray(chunks, name: input.name, shaper: shaper, sink)
        case .csv: try readCSV(chunks, name: input.name, shaper: shaper, sink)
        }
    }

    private static func readNDJSON(_ chunks: ChunkSource, name: String, shaper: RecordShaper, _ sink: Sink) throws {
        var lineNo = 0
        var any = false
        try chunks.forEachLine { line in
            lineNo += 1
            var l = line[...]
            if lineNo == 1 { l = stripBOM(l) }
            if l.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return true }
            any = true
            let loc = InputLocation(file: name, line: lineNo)
            do {
                let v = try JSONParser.parse(Array(l))
                guard case .object(let members) = v else {
                    return try sink(loc, .failure(FieldProblem(field: "entry", problem: "is \(v.typeName)", valid: "valid: one JSON object per line")))
                }
                return try sink(loc, shaper.shape(members))
            } catch let f as JSONParser.Failure {
                return try sink(loc, .failure(FieldProblem(field: "column \(f.column)", problem: "\(f.message)",
                                                           valid: "valid: one complete JSON object per line")))
            }
        }
        if !any {
            _ = try sink(InputLocation(file: name, line: 1), .failure(FieldProblem(field: "file", problem: "holds no entries",
                                                                                   valid: "valid: one JSON object per line")))
        }
    }

    private static func readJSONArray(_ chunks: ChunkSource, name: String, shaper: RecordShaper, _ sink: Sink) throws {
        let bytes = Array(stripBOM(try chunks.all()[...]))
        let items: [(Int, JSONValue)]
        do {
            items = try JSONParser.parseTopLevelArray(bytes)
        } catch let f {
            let (line, col) = lineAndColumn(bytes, offset: f.column - 1)
            _ = try sink(InputLocation(file: name, line: line),
                         .failure(FieldProblem(field: "column \(col)", problem: f.message, valid: "valid: a JSON array of entry objects")))
            return
        }
        if items.isEmpty {
            _ = try sink(InputLocation(file: name, line: 1), .failure(FieldProblem(field: "file", problem: "holds an empty array",
                                                                                   valid: "valid: a JSON array of entry objects")))
        }
        var lineCursor = (offset: 0, line: 1)
        for (offset, v) in items {
            // count lines incrementally: items come in order
            var line = lineCursor.line
            for k in lineCursor.offset..<offset where bytes[k] == 0x0A { line += 1 }
            lineCursor = (offset, line)
            let loc = InputLocation(file: name, line: line)
            guard case .object(let members) = v else {
                if try !sink(loc, .failure(FieldProblem(field: "entry", problem: "is \(v.typeName)", valid: "valid: a JSON object"))) { return }
                continue
            }
            if try !sink(loc, shaper.shape(members)) { return }
        }
    }

    private static func readCSV(_ chunks: ChunkSource, name: String, shaper: RecordShaper, _ sink: Sink) throws {
        var parser = CSVParser()
        var header: [String]?
        var columnFields: [String?] = []
        var stop = false
        var rows = 0
        func handle(_ fields: [[UInt8]], line: Int) throws {
            let loc = InputLocation(file: name, line: line)
            var texts: [String] = []
            if header != nil && !(fields.count == 1 && fields[0].isEmpty) { rows += 1 }
            for (k, f) in fields.enumerated() {
                guard let s = String(validating: f, as: UTF8.self) else {
                    let col = header.flatMap { k < $0.count ? $0[k] : nil } ?? "column \(k + 1)"
                    let failed = try !sink(loc, .failure(FieldProblem(field: col, problem: "holds bytes that are not UTF-8",
                                                                   valid: "valid: UTF-8 text (save the file as UTF-8)")))
                    // a header that cannot be read leaves no way to read the rows
                    stop = failed || header == nil
                    return
                }
                texts.append(s)
            }
            guard let header else {
                var h = texts
                if let first = h.first, first.hasPrefix("\u{FEFF}") { h[0] = String(first.dropFirst()) }
                h = h.map { $0.trimmed }
                switch shaper.columnFields(header: h) {
                case .success(let cf): columnFields = cf
                case .failure(let p):
                    _ = try sink(loc, .failure(p))
                    stop = true
                    return
                }
                header = h
                return
            }
            if texts.count == 1 && texts[0].isEmpty { return }   // blank line
            guard texts.count == header.count else {
                stop = try !sink(loc, .failure(FieldProblem(field: "row", problem: "has \(texts.count) fields, the header \(header.count)",
                                                            valid: "valid: one field per header column (quote fields that hold commas)")))
                return
            }
            var record: Record = []
            for (k, t) in texts.enumerated() {
                guard let field = columnFields[k], !t.isEmpty else { continue }
                record.append((field, .string(t)))
            }
            stop = try !sink(loc, shaper.shape(record, alreadyMapped: true))
        }
        try chunks.forEachChunk { chunk in
            try parser.feed(chunk) { fields, line in
                if stop { return }
                try handle(fields, line: line)
            }
            return !stop
        }
        if stop { return }
        if let open = parser.finish(), !stop {
            if open.unterminatedQuote {
                _ = try sink(InputLocation(file: name, line: open.line),
                             .failure(FieldProblem(field: "row", problem: "has a quoted field that is never closed",
                                                   valid: "valid: a closing \" for every opening one (a quote inside a field is written \"\")")))
                return
            }
            try handle(open.fields, line: open.line)
        }
        if !stop && rows == 0 {
            _ = try sink(InputLocation(file: name, line: 1),
                         .failure(FieldProblem(field: "file", problem: header == nil ? "is empty" : "has a header but no rows",
                                               valid: "valid: a header row and at least one entry row")))
        }
    }

    /// Several inputs in the order an ingest needs them — sources, companies, alliances,
    /// memberships, deals, statistics, rates — by the type of each one's first entry, so that
    /// `aitrack ingest backup/*.csv` resolves references in any file order. Standard input
    /// cannot be read twice: with `-` among them, the order is kept as given.
    static func inIngestOrder(_ inputs: [IngestInput], options: IngestOptions) -> [IngestInput] {
        guard inputs.count > 1, !inputs.contains(where: { $0.name == "-" && $0.data == nil }) else { return inputs }
        let order: [EntryType] = [.source, .company, .alliance, .membership, .deal, .statistic, .fx]
        let ranked = inputs.enumerated().map { k, input -> (Int, Int, IngestInput) in
            let type = firstType(input, options: options)
            return (type.flatMap { order.firstIndex(of: $0) } ?? order.count, k, input)
        }
        return ranked.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }

    /// The type of the first entry of an input (nil: unreadable or none).
    static func firstType(_ input: IngestInput, options: IngestOptions) -> EntryType? {
        var type: EntryType?
        try? read(input, options: options) { _, result in
            if case .success(let record) = result {
                if case .string(let t)? = record.first(where: { $0.0 == "type" })?.1 { type = try? EntryType.parse(t, field: "type") }
                else { type = options.type }
            }
            return false
        }
        return type
    }

    static func stripBOM(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        if s.count >= 3, s[s.startIndex] == 0xEF, s[s.startIndex + 1] == 0xBB, s[s.startIndex + 2] == 0xBF {
            return s.dropFirst(3)
        }
        return s
    }

    static func lineAndColumn(_ bytes: [UInt8], offset: Int) -> (Int, Int) {
        var line = 1, col = 1
        for k in 0..<min(offset, bytes.count) {
            if bytes[k] == 0x0A { line += 1; col = 1 } else { col += 1 }
        }
        return (line, col)
    }
}

/// Applies `--map` and `--set` to records.
struct RecordShaper {
    let options: IngestOptions

    /// For each CSV column, the field it feeds (nil: ignored, when mapping a foreign CSV).
    func columnFields(header: [String]) -> Result<[String?], FieldProblem> {
        for m in options.maps where !header.contains(m.column) {
            return .failure(FieldProblem(field: m.field, problem: "is taken from the column '\(m.column)', which the CSV does not have",
                                         valid: "valid columns: \(header.joined(separator: ", "))"))
        }
        var seen = Set<String>()
        var out: [String?] = []
        for h in header {
            var field: String?
            if let m = options.maps.first(where: { $0.column == h }) {
                field = m.field
            } else if options.maps.isEmpty || EntryDecoder.allFieldNames.contains(h) {
                field = h
            }
            if let f = field {
                if options.maps.contains(where: { $0.field == f && $0.column != h }) { field = nil }
                else if seen.contains(f) {
                    return .failure(FieldProblem(field: f, problem: "is given by two columns", valid: "valid: one column per field"))
                }
            }
            if let f = field { seen.insert(f) }
            out.append(field)
        }
        return .success(out)
    }

    func shape(_ record: [(String, JSONValue)], alreadyMapped: Bool = false) -> Result<[(String, JSONValue)], FieldProblem> {
        var r = record
        if !alreadyMapped && !options.maps.isEmpty {
            r = r.compactMap { k, v in
                if let m = options.maps.first(where: { $0.column == k }) { return (m.field, v) }
                return (options.maps.contains { $0.field == k }) ? nil : (k, v)
            }
        }
        for s in options.sets where !r.contains(where: { $0.0 == s.field }) {
            r.append((s.field, .string(s.value)))
        }
        return .success(r)
    }
}

/// Reads bytes in chunks from a file, standard input, or memory.
final class ChunkSource {
    private let handle: FileHandle?
    private var pending: [UInt8] = []
    private var data: Data?
    private var finished = false
    static let chunkSize = 1 << 20

    init(_ input: IngestInput) throws {
        if let d = input.data {
            handle = nil
            data = d
        } else if input.name == "-" {
            handle = FileHandle.standardInput
        } else {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input.name, isDirectory: &isDir) else {
                throw InputFileProblem.missing(name: input.name)
            }
            guard !isDir.boolValue, let h = FileHandle(forReadingAtPath: input.name) else {
                throw InputFileProblem.notAFile(name: input.name)
            }
            handle = h
        }
    }

    private func nextChunk() -> [UInt8]? {
        if !pending.isEmpty {
            defer { pending = [] }
            return pending
        }
        if finished { return nil }
        if let d = data {
            finished = true
            data = nil
            return d.isEmpty ? nil : [UInt8](d)
        }
        let d = handle!.readData(ofLength: Self.chunkSize)
        if d.isEmpty { finished = true; return nil }
        return [UInt8](d)
    }

    /// Peeks at the first byte that is not white space or a BOM (nil: the input is empty).
    func firstNonSpaceByte() throws -> UInt8? {
        var buffered: [UInt8] = []
        defer { pending = buffered }
        while let c = nextChunk() {
            let start = buffered.count
            buffered += c
            for k in start..<buffered.count {
                let b = buffered[k]
                if k < 3 && (b == 0xEF || b == 0xBB || b == 0xBF) { continue }
                if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { continue }
                return b
            }
        }
        return nil
    }

    func all() throws -> [UInt8] {
        var out: [UInt8] = []
        while let c = nextChunk() { out += c }
        return out
    }

    func forEachChunk(_ body: ([UInt8]) throws -> Bool) throws {
        while let c = nextChunk() {
            if try !body(c) { return }
        }
    }

    /// Lines without their LF, CRLF or CR.
    func forEachLine(_ body: ([UInt8]) throws -> Bool) throws {
        var carry: [UInt8] = []
        var afterCR = false
        while let c = nextChunk() {
            var start = 0
            var k = 0
            if afterCR && !c.isEmpty && c[0] == 0x0A { start = 1; k = 1 }
            afterCR = false
            while k < c.count {
                let b = c[k]
                if b == 0x0A || b == 0x0D {
                    let line: [UInt8]
                    if carry.isEmpty { line = Array(c[start..<k]) } else { line = carry + c[start..<k]; carry = [] }
                    if try !body(line) { return }
                    if b == 0x0D {
                        if k + 1 < c.count { if c[k + 1] == 0x0A { k += 1 } } else { afterCR = true }
                    }
                    start = k + 1
                }
                k += 1
            }
            carry += c[start...]
        }
        if !carry.isEmpty { _ = try body(carry) }
    }
}

/// An RFC 4180 CSV parser fed chunk by chunk. Fields are raw bytes (validated later).
struct CSVParser {
    private var fields: [[UInt8]] = []
    private var field: [UInt8] = []
    private var inQuotes = false
    private var quoteSeen = false     // just read a quote inside a quoted field
    private var atFieldStart = true
    private var line = 1
    private var recordLine = 1
    private var recordHasContent = false
    private var afterCR = false

    mutating func feed(_ chunk: [UInt8], _ emit: ([[UInt8]], Int) throws -> Void) throws {
        for b in chunk {
            if inQuotes {
                if quoteSeen {
                    quoteSeen = false
                    if b == 0x22 { field.append(0x22); continue }
                    inQuotes = false
                    // fall through: the quote closed the field
                } else if b == 0x22 {
                    quoteSeen = true
                    continue
                } else {
                    if b == 0x0A { line += 1 }
                    field.append(b)
                    continue
                }
            }
            if afterCR {
                afterCR = false
                if b == 0x0A { continue }   // CRLF: the CR already ended the record
            }
            switch b {
            case 0x0D:
                // CR, CRLF and LF all end a record (files saved on old Macs use CR alone)
                fields.append(field)
                try emit(fields, recordLine)
                fields = []
                field = []
                atFieldStart = true
                recordHasContent = false
                line += 1
                recordLine = line
                afterCR = true
            case 0x22 where atFieldStart:
                inQuotes = true
                atFieldStart = false
                recordHasContent = true
            case 0x2C:
                fields.append(field)
                field = []
                atFieldStart = true
                recordHasContent = true
            case 0x0A:
                fields.append(field)
                try emit(fields, recordLine)
                fields = []
                field = []
                atFieldStart = true
                recordHasContent = false
                line += 1
                recordLine = line
            default:
                field.append(b)
                atFieldStart = false
                recordHasContent = true
            }
        }
    }

    /// What is left at the end of the input: a last record without newline, or an open quote.
    mutating func finish() -> (fields: [[UInt8]], line: Int, unterminatedQuote: Bool)? {
        if inQuotes && !quoteSeen { return ([], recordLine, true) }
        if !recordHasContent && field.isEmpty && fields.isEmpty { return nil }
        fields.append(field)
        return (fields, recordLine, false)
    }
}
