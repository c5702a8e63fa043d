import Foundation

/// Reading a data package: `aitrack ingest pkg/datapackage.json` ingests the CSV resources its
/// descriptor names, as one run. A resource is a file inside the package's folder (no URL, no
/// `..`, no absolute path: nothing outside the folder is read), in CSV with the default dialect.
extension DataPackage {
    /// A file named `datapackage.json` is a descriptor.
    static func isDescriptor(_ input: IngestInput) -> Bool {
        input.data == nil && (input.name as NSString).lastPathComponent.lowercased() == descriptorName
    }

    /// Each descriptor among the inputs replaced by its resources, in the descriptor's order.
    static func expand(_ inputs: [IngestInput]) throws -> [IngestInput] {
        guard inputs.contains(where: isDescriptor) else { return inputs }
        return try inputs.flatMap { try isDescriptor($0) ? resources(of: $0.name) : [$0] }
    }

    /// The resources of the descriptor at `path`; one that holds only its header row (a type
    /// without entries) is left out.
    static func resources(of path: String) throws -> [IngestInput] {
        guard FileManager.default.fileExists(atPath: path) else { throw InputFileProblem.missing(name: path) }
        guard let data = FileManager.default.contents(atPath: path) else { throw InputFileProblem.notAFile(name: path) }
        let text = String(decoding: data, as: UTF8.self)
        func fail(_ field: String, _ problem: String, _ valid: String, near needle: String? = nil) -> IngestFailure {
            let line = needle.flatMap { n in text.range(of: n).map { text[..<$0.lowerBound].filter { $0 == "\n" }.count + 1 } } ?? 1
            return IngestFailure(errors: [InputError(InputLocation(file: path, line: line), FieldProblem(field: field, problem: problem,
                                                                                                         valid: "valid: " + valid))],
                                 limitReached: false)
        }
        let descriptor: JSONValue
        do { descriptor = try JSONParser.parse(Array(data)) } catch {
            throw fail("descriptor", "is not JSON (\(error.message) at column \(error.column))", "a Data Package descriptor (JSON object)")
        }
        guard case .array(let resources)? = descriptor.member("resources"), !resources.isEmpty else {
            throw fail("resources", "is missing or empty", "an array of resources, each with a path to a CSV file", near: "\"resources\"")
        }
        let folder = (path as NSString).deletingLastPathComponent
        var inputs: [IngestInput] = []
        for (k, resource) in resources.enumerated() {
            let field = "resources[\(k)]"
            var paths: [String] = []
            switch resource.member("path") {
            case .string(let p)?: paths = [p]
            case .array(let items)?: paths = items.compactMap { if case .string(let p) = $0 { p } else { nil } }
            default: throw fail("\(field).path", "is missing", "a path to a CSV file inside the package's folder", near: "\"resources\"")
            }
            if case .string(let f)? = resource.member("format"), f.lowercased() != "csv" {
                throw fail("\(field).format", "'\(f)' is not read by aitrack", "csv", near: "\"\(f)\"")
            }
            if case .string(let d)? = resource.member("dialect")?.member("delimiter"), d != "," {
                throw fail("\(field).dialect.delimiter", "'\(d)' is not read by aitrack", "',' (the default dialect)", near: "\"delimiter\"")
            }
            for p in paths {
                let near = JSONWriter.string(.string(p))
                if p.contains("://") {
                    throw fail("\(field).path", "'\(p)' is a URL", "a file inside the package's folder (ingest reads no network)", near: near)
                }
                if p.hasPrefix("/") || p.hasPrefix("~") || p.split(separator: "/").contains("..") || p.contains("\0") {
                    throw fail("\(field).path", "'\(p)' is outside the package's folder", "a relative path inside it, e.g. deal.csv", near: near)
                }
                guard (p as NSString).pathExtension.lowercased() == "csv" else {
                    throw fail("\(field).path", "'\(p)' is not a CSV file", "a .csv file", near: near)
                }
                let full = folder.isEmpty ? p : (folder as NSString).appendingPathComponent(p)
                if !holdsOnlyAHeader(full) { inputs.append(IngestInput(path: full)) }
            }
        }
        return inputs
    }

    /// A small file with one line (a header without rows). A missing file is left for the reader to report.
    static func holdsOnlyAHeader(_ path: String) -> Bool {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size < 4096,
              let data = FileManager.default.contents(atPath: path) else { return false }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
        return lines.filter { !$0.allSatisfy(\.isWhitespace) }.count == 1
    }
}
