import Foundation
import Testing

/// docs/ARCHITECTURE.md's rules that a machine can check: small files and functions, and a
/// library that names no command-line option.
@Suite struct ArchitectureTests {
    static let sources = EmbeddedResourcesTests.root.appendingPathComponent("Sources")

    static func swiftFiles(_ folder: URL) -> [URL] {
        let all = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return all.filter { $0.pathExtension == "swift" }.sorted { $0.path < $1.path }
    }

    /// The lines of a file with string literals emptied and multi-line strings dropped, so that
    /// braces and dashes inside text do not count.
    static func code(_ url: URL) throws -> [String] {
        var inMultiline = false
        return try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n").map { line in
            if line.components(separatedBy: "\"\"\"").count % 2 == 0 { inMultiline.toggle(); return "" }
            if inMultiline { return "" }
            return line.replacingOccurrences(of: ##"#?"(?:\\.|[^"\\])*"#?"##, with: "\"\"", options: .regularExpression)
        }
    }

    @Test func noFileOver400Lines() throws {
        for url in Self.swiftFiles(Self.sources) {
            let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n").count
            #expect(lines <= 400, "\(url.lastPathComponent): \(lines) lines")
        }
    }

    @Test func noFunctionOver80Lines() throws {
        for url in Self.swiftFiles(Self.sources) {
            let lines = try Self.code(url)
            for (i, line) in lines.enumerated() where line.range(of: #"^\s*(public |private |fileprivate |static |mutating |override )*(func |init[(?])"#, options: .regularExpression) != nil {
                var depth = 0, started = false
                for j in i..<lines.count {
                    depth += lines[j].filter { $0 == "{" }.count - lines[j].filter { $0 == "}" }.count
                    if lines[j].contains("{") { started = true }
                    if started && depth <= 0 {
                        #expect(j - i + 1 <= 80, "\(url.lastPathComponent):\(i + 1): a function of \(j - i + 1) lines")
                        break
                    }
                }
            }
        }
    }

    /// The library throws typed errors; only the executable knows the options' names.
    @Test func theLibraryNamesNoOption() throws {
        for url in Self.swiftFiles(Self.sources.appendingPathComponent("AITrackCore")) {
            let text = try String(contentsOf: url, encoding: .utf8)
            for (k, line) in text.components(separatedBy: "\n").enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("//") { continue }
                // a quoted text holding an option: "… --replace …"
                let names = line.range(of: #""[^"]*(^|[^-\w])--[a-z][a-z-]+"#, options: .regularExpression)
                #expect(names == nil, "\(url.lastPathComponent):\(k + 1): \(trimmed)")
            }
        }
    }

    // MARK: - Layers that point one way

    /// The folders of the library and the folders each may use (docs/ARCHITECTURE.md).
    static let layers: [String: Set<String>] = [
        "Model": [],
        "Database": ["Model"],
        "Ingest": ["Model", "Database"],
        "Analysis": ["Model", "Database"],
        "Upstream": ["Model", "Database", "Ingest", "Analysis"],
        "Output": ["Model", "Database", "Analysis", "Upstream"],
    ]

    /// The types declared at the top level of a folder's files.
    static func declaredTypes(_ folder: URL) throws -> Set<String> {
        var names: Set<String> = []
        for url in swiftFiles(folder) {
            for line in try code(url) {
                let pattern = #"^(public |final |fileprivate |private |indirect )*(struct|enum|class|protocol|typealias|actor) ([A-Z][A-Za-z0-9]*)"#
                guard let r = line.range(of: pattern, options: .regularExpression) else { continue }
                if let name = line[r].split(separator: " ").last { names.insert(String(name)) }
            }
        }
        return names
    }

    /// A file names no type of a folder its own may not use: Database knows nothing of
    /// ingest, analysis or output; Model of nothing else.
    @Test func layersPointOneWay() throws {
        let core = Self.sources.appendingPathComponent("AITrackCore")
        var declared: [String: Set<String>] = [:]
        for folder in Self.layers.keys { declared[folder] = try Self.declaredTypes(core.appendingPathComponent(folder)) }
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: core.path)) == Set(Self.layers.keys), "a folder ARCHITECTURE.md does not place")
        for (folder, allowed) in Self.layers {
            let forbidden = Dictionary(uniqueKeysWithValues: declared.filter { $0.key != folder && !allowed.contains($0.key) }
                .flatMap { layer in layer.value.map { ($0, layer.key) } })
            for url in Self.swiftFiles(core.appendingPathComponent(folder)) {
                for (k, line) in try Self.code(url).enumerated() {
                    let codePart = line.components(separatedBy: "//")[0]
                    for word in codePart.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" }) {
                        if let other = forbidden[String(word)] {
                            Issue.record("\(folder)/\(url.lastPathComponent):\(k + 1) names \(word), of \(other)/, which \(folder)/ may not use")
                        }
                    }
                }
            }
        }
    }

    /// Lines a reader takes in at once: at most 150 characters in Sources (the schema reference
    /// too: scripts/schema-reference.sh folds its SQL).
    @Test func noSourceLineOver150Characters() throws {
        for url in Self.swiftFiles(Self.sources) {
            for (k, line) in try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n").enumerated() where line.count > 150 {
                Issue.record("\(url.lastPathComponent):\(k + 1): \(line.count) characters")
            }
        }
    }
}
