import Foundation

/// Applies the column mapping (`map`: a field from a column) and fixed values (`set`) to records.
struct RecordShaper {
    let options: IngestOptions

    /// For each CSV column, the field it feeds (nil: ignored, when mapping a foreign CSV).
    func columnFields(header: [String]) -> Result<[String?], FieldProblem> {
        var header = header
        if let rule = options.columns {
            switch rule.check(header) {
            case .success(let renamed): header = renamed
            case .failure(let problem): return .failure(problem)
            }
        }
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
