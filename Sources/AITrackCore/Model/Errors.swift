import Foundation

/// A problem with one field of one input: what is wrong and what would be valid.
/// Rendered as `field: problem; valid: …`, prefixed with the place it came from.
public struct FieldProblem: Error, Equatable, Sendable {
    public var field: String
    public var problem: String
    public var valid: String?
    /// What else the user can do, which the executable puts into words with its options.
    public var remedy: Remedy?

    public init(field: String, problem: String, valid: String? = nil, remedy: Remedy? = nil) {
        self.field = Excerpt.message(field, limit: 80)
        self.problem = Excerpt.message(problem)
        self.valid = valid.map { Excerpt.message($0) }
        self.remedy = remedy
    }

    public var text: String { text(remedy: { _ in nil }) }

    /// `field: problem; valid: …`, with the remedy in the caller's words.
    public func text(remedy words: (Remedy) -> String?) -> String {
        var s = "\(field): \(problem)"
        if let valid { s += "; \(valid)" }
        if let r = remedy, let w = words(r) { s += valid == nil ? "; \(w)" : ", \(w)" }
        return s
    }
}

/// A way out of a problem other than fixing the input, named by the executable with its own
/// words (the library knows no command-line options).
public enum Remedy: Equatable, Sendable {
    /// Take the new entry instead of the stored one, or keep the stored one.
    case replaceOrIgnore
    /// Create the name (a company, metric or source) instead of refusing it.
    case allowNewNames
    /// Say which entry type records without a `type` are.
    case giveType
}

/// Where an input came from: a file (or `-` for stdin) and a line, or a command's options.
public struct InputLocation: Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?

    public init(file: String, line: Int? = nil) {
        self.file = file
        self.line = line
    }

    public var description: String {
        if let line { return "\(file):\(line)" }
        return file
    }
}

/// One located problem: `FILE:LINE: field: problem; valid: …`.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    public var location: InputLocation
    public var problem: FieldProblem

    public init(_ location: InputLocation, _ problem: FieldProblem) {
        self.location = location
        self.problem = problem
    }

    public var description: String { "\(location): \(problem.text)" }
}

/// A failed ingest: every problem found (up to the limit), one a line, and nothing written.
public struct IngestFailure: Error, Sendable {
    public var errors: [InputError]
    public var limitReached: Bool
}

/// An input file that cannot be read.
public enum InputFileProblem: Error, Equatable, Sendable {
    case missing(name: String)
    case notAFile(name: String)
}

/// Keeps messages readable whatever the input: control characters are shown as `U+0000`
/// (never written raw to a terminal), and a message longer than `limit` characters (a 10 MB
/// name quoted back) keeps its beginning and end with the middle cut. A message keeps its line
/// breaks unless `newlines` is false; a value (`value`) names them too: it stays on its line.
public enum Excerpt {
    public static func message(_ s: String, limit: Int = 400, newlines: Bool = true) -> String {
        var out = s
        func named(_ u: Unicode.Scalar) -> Bool { u.properties.generalCategory == .control && (u != "\n" || !newlines) }
        if s.unicodeScalars.contains(where: named) {
            var v = String.UnicodeScalarView()
            for u in s.unicodeScalars {
                if named(u) {
                    v.append(contentsOf: ControlCharacters.name(u).unicodeScalars)
                } else {
                    v.append(u)
                }
            }
            out = String(v)
        }
        let count = out.count
        guard count > limit else { return out }
        let keep = (limit - 40) / 2
        return String(out.prefix(keep)) + " …(\(count - 2 * keep) characters cut)… " + String(out.suffix(keep))
    }

    /// One value in a list for people, on one line: at most `limit` characters.
    public static func value(_ s: String, limit: Int = 60) -> String {
        let shown = message(s, limit: Int.max, newlines: false)
        return shown.count > limit ? String(shown.prefix(limit - 1)) + "…" : shown
    }
}
