import Foundation

/// A problem with one field of one input: what is wrong and what would be valid.
/// Rendered as `field: problem; valid: …`, prefixed with the place it came from.
public struct FieldProblem: Error, Equatable, Sendable {
    public var field: String
    public var problem: String
    public var valid: String?

    public init(field: String, problem: String, valid: String? = nil) {
        self.field = field
        self.problem = problem
        self.valid = valid
    }

    /// The command-line option that sets an entry field: `term_months` → `--term-months`,
    /// list fields by their repeatable singular (`parties` → `--party`).
    public static func option(forField field: String) -> String {
        let base = field.split(separator: ".").first.map(String.init) ?? field
        switch base {
        case "parties": return "--party"
        case "aliases": return "--alias"
        case "members": return "--member"
        case "id": return "--id"
        default: return "--" + base.replacingOccurrences(of: "_", with: "-")
        }
    }

    /// `add-deal: --party: …; valid: ….` — the one-sentence error of an add-* command.
    public func commandMessage(_ command: String) -> String {
        "\(command): \(Self.option(forField: field)): \(problem)\(valid.map { "; " + $0 } ?? "")."
    }

    public var text: String {
        var s = "\(field): \(problem)"
        if let valid { s += "; \(valid)" }
        return s
    }
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

/// Every error the library reports to a user: one plain sentence (or, for a failed ingest,
/// one line per problem). Commands print `message` to stderr and exit non-zero.
public struct AITrackError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var details: [String]

    public init(_ message: String, details: [String] = []) {
        self.message = message
        self.details = details
    }

    public var description: String { ([message] + details).joined(separator: "\n") }

    static func input(_ errors: [InputError], limitReached: Bool) -> AITrackError {
        let lines = errors.map(\.description)
        let count = errors.count
        var summary = count == 1 ? "1 error; nothing was written." : "\(count) errors; nothing was written."
        if limitReached { summary = "stopped after \(count) errors; nothing was written." }
        return AITrackError(lines.first ?? summary, details: Array(lines.dropFirst()) + (count > 1 || limitReached ? [summary] : []))
    }
}
