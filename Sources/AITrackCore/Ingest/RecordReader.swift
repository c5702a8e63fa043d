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
                    return try sink(loc, .failure(FieldProblem(field: "entry", problem: "is \(v.typeName)",
                                                               valid: "valid: one JSON object per line")))
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
                // a column without a name is the header's fault (line 1), not its rows'
                if shaper.options.maps.isEmpty, let k = h.firstIndex(where: \.isEmpty), h.count > 1 {
                    _ = try sink(loc, .failure(FieldProblem(field: "column \(k + 1)", problem: "has no name in the header",
                                                            valid: "valid: a field name for every column, e.g. "
                                                                + "\(EntryDecoder.fields[.statistic]!.prefix(3).joined(separator: ", "))")))
                    stop = true
                    return
                }
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
        let order = EntryType.ingestOrder
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
