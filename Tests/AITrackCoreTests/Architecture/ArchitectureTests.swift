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
}
