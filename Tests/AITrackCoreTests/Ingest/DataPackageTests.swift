import Foundation
import Testing
@testable import AITrackCore

@Suite struct DataPackageTests {
    /// The seed exported as a data package, in a folder of its own.
    final class Package: Sendable {
        let dir: URL
        init(_ db: some DatabaseReading) throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("aitrack-pkg-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for t in EntryType.ingestOrder {
                var text = ""
                try db.exportCSV(t) { text += $0 }
                try text.write(to: dir.appendingPathComponent(DataPackage.fileName(t)), atomically: true, encoding: .utf8)
            }
            try db.dataPackageDescriptor().write(to: descriptor, atomically: true, encoding: .utf8)
        }
        deinit { try? FileManager.default.removeItem(at: dir) }
        var descriptor: URL { dir.appendingPathComponent(DataPackage.descriptorName) }
        func bytes() throws -> [String: Data] {
            var out: [String: Data] = [:]
            for f in try FileManager.default.contentsOfDirectory(atPath: dir.path) { out[f] = FileManager.default.contents(atPath: dir.appendingPathComponent(f).path) }
            return out
        }
        /// A resource's rows as header → cell ("" where empty).
        func rows(_ type: EntryType) throws -> [[String: String]] {
            var parser = CSVParser()
            var records: [[String]] = []
            let data = try Data(contentsOf: dir.appendingPathComponent(DataPackage.fileName(type)))
            try parser.feed(Array(data)) { fields, _ in records.append(fields.map { String(decoding: $0, as: UTF8.self) }) }
            if let last = parser.finish() { records.append(last.fields.map { String(decoding: $0, as: UTF8.self) }) }
            let header = records.removeFirst()
            return records.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        }
    }

    static func strings(_ v: JSONValue?) -> [String] {
        guard case .array(let items)? = v else { return [] }
        return items.compactMap { if case .string(let s) = $0 { s } else { nil } }
    }

    /// Every constraint, key and reference the descriptor declares holds for the seed's files,
    /// checked here independently of frictionless (the client tests run `frictionless validate`).
    @Test func theDescriptorHoldsForEveryRow() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let pkg = try Package(db)
        let descriptor = try JSONParser.parse(String(contentsOf: pkg.descriptor, encoding: .utf8))
        guard case .array(let resources)? = descriptor.member("resources") else { Issue.record("no resources"); return }
        #expect(resources.count == EntryType.allCases.count)
        var rowsOf: [String: [[String: String]]] = [:]
        for r in resources {
            guard case .string(let name)? = r.member("name"), let type = EntryType(rawValue: name) else { Issue.record("a resource without a type"); continue }
            rowsOf[name] = try pkg.rows(type)
            #expect(rowsOf[name]!.count == (try db.entryCount(type)))
        }
        for r in resources {
            guard case .string(let name)? = r.member("name"), let rows = rowsOf[name], let schema = r.member("schema"),
                  case .array(let fields)? = schema.member("fields") else { continue }
            #expect(fields.map { jsonString($0.member("name")) } == ExportQuery.csvHeader(EntryType(rawValue: name)!))
            for f in fields {
                let column = jsonString(f.member("name"))
                let c = f.member("constraints")
                let allowed = Self.strings(c?.member("enum"))
                let pattern = jsonString(c?.member("pattern")).isEmpty ? nil : try Regex("^(" + jsonString(c?.member("pattern")) + ")$")
                for row in rows {
                    let cell = row[column] ?? ""
                    if c?.member("required") == .bool(true) { #expect(!cell.isEmpty, "\(name).\(column) is required") }
                    guard !cell.isEmpty else { continue }
                    if !allowed.isEmpty { #expect(allowed.contains(cell), "\(name).\(column): '\(cell)'") }
                    if let pattern { #expect(cell.wholeMatch(of: pattern) != nil, "\(name).\(column): '\(cell)'") }
                    switch jsonString(f.member("type")) {
                    case "number": #expect(Double(cell) != nil, "\(name).\(column): '\(cell)'")
                    case "integer": #expect(Int(cell) != nil, "\(name).\(column): '\(cell)'")
                    case "boolean": #expect(cell == "true" || cell == "false", "\(name).\(column): '\(cell)'")
                    default: break
                    }
                }
            }
            let key = Self.strings(schema.member("primaryKey"))
            let tuples = rows.map { row in key.map { row[$0] ?? "" } }
            #expect(Set(tuples).count == rows.count, "\(name): the primary key \(key) repeats")
            guard case .array(let fks)? = schema.member("foreignKeys") else { continue }
            for fk in fks {
                let from = Self.strings(fk.member("fields"))
                let target = jsonString(fk.member("reference")?.member("resource"))
                let to = Self.strings(fk.member("reference")?.member("fields"))
                let known = Set((rowsOf[target.isEmpty ? name : target] ?? []).map { row in to.map { row[$0] ?? "" } })
                for row in rows {
                    let values = from.map { row[$0] ?? "" }
                    if values.allSatisfy(\.isEmpty) { continue }
                    #expect(known.contains(values), "\(name) \(from) = \(values) is not in \(target)")
                }
            }
        }
        // Epoch AI's rows come with its MIT licence, on the package and on the statistics
        #expect(JSONWriter.string(descriptor.member("licenses") ?? .null).contains("\"MIT\""))
        #expect(jsonString(descriptor.member("$schema")) == "https://datapackage.org/profiles/2.0/datapackage.json")
    }

    /// Ingesting the descriptor into an empty database gives the same content: its export is the
    /// same bytes, descriptor included.
    @Test func ingestingThePackageGivesTheSameFiles() throws {
        let pkg = try Package(try AppDatabase.inMemory(seed: true))
        let copy = try AppDatabase.inMemory()
        let summary = try copy.ingest([IngestInput(path: pkg.descriptor.path)], options: IngestOptions())
        #expect(summary.added > 0)
        let again = try Package(copy)
        #expect(try again.bytes() == pkg.bytes())
        // a second ingest of the package changes nothing
        #expect(try copy.ingest([IngestInput(path: pkg.descriptor.path)], options: IngestOptions()).added == 0)
    }

    /// A descriptor that names a file outside its folder, a URL, another format, or nothing is
    /// refused with the descriptor's name, a line and the field, and nothing is written.
    @Test func resourcesOutsideTheFolderAreRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("aitrack-pkg-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "type,name\ncompany,Acme\n".write(to: dir.appendingPathComponent("company.csv"), atomically: true, encoding: .utf8)
        let cases: [(String, String)] = [
            (#"{"resources":[{"name":"company","path":"company.csv"},{"path":"../company.csv"}]}"#, "resources[1].path: '../company.csv' is outside"),
            (#"{"resources":[{"path":"/etc/company.csv"}]}"#, "resources[0].path: '/etc/company.csv' is outside"),
            (#"{"resources":[{"path":"https://example.org/company.csv"}]}"#, "resources[0].path: 'https://example.org/company.csv' is a URL"),
            (#"{"resources":[{"path":"company.xlsx"}]}"#, "resources[0].path: 'company.xlsx' is not a CSV file"),
            (#"{"resources":[{"path":"company.csv","format":"json"}]}"#, "resources[0].format: 'json' is not read"),
            (#"{"resources":[{"path":"company.csv","dialect":{"delimiter":";"}}]}"#, "resources[0].dialect.delimiter: ';'"),
            (#"{"name":"x"}"#, "resources: is missing or empty"),
            ("{\"resources\":\n[{\"name\":\"c\"}]}", "resources[0].path: is missing"),
            (#"{"resources": ["#, "descriptor: is not JSON"),
        ]
        let path = dir.appendingPathComponent(DataPackage.descriptorName).path
        for (text, expected) in cases {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let db = try AppDatabase.inMemory()
            do {
                _ = try db.ingest([IngestInput(path: path)], options: IngestOptions())
                Issue.record("accepted: \(text)")
            } catch let f as IngestFailure {
                #expect(f.errors.count == 1)
                #expect(f.errors.first.map { "\($0)" }?.hasPrefix(path + ":") == true)
                #expect(f.errors.first.map { "\($0)" }?.contains(expected) == true, "\(f.errors)")
            }
            #expect(try db.entryCount(.company) == 0)
        }
        // the line is the path's own
        try "{\n  \"resources\": [\n    {\"path\": \"../x.csv\"}\n  ]\n}\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: IngestFailure.self) { try AppDatabase.inMemory().ingest([IngestInput(path: path)], options: IngestOptions()) }
        do { _ = try AppDatabase.inMemory().ingest([IngestInput(path: path)], options: IngestOptions()) } catch let f as IngestFailure {
            #expect(f.errors.first?.location.line == 3)
        }
    }
}

private func jsonString(_ v: JSONValue?) -> String {
    if case .string(let s)? = v { return s }
    return ""
}
