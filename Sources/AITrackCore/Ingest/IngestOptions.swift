import Foundation

/// One input of an ingest: a file path, `-` for standard input, or bytes in memory.
public struct IngestInput: Sendable {
    public var name: String
    var data: Data?

    /// A file by path (`-` reads standard input).
    public init(path: String) {
        self.name = path
        self.data = nil
    }

    /// Bytes in memory, named for messages.
    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }
}

public enum InputFormat: String, Vocabulary {
    case ndjson, json, csv
    public static let noun = "an input format"

    /// By file extension; nil when the name does not tell.
    static func fromName(_ name: String) -> InputFormat? {
        switch (name as NSString).pathExtension.lowercased() {
        case "ndjson", "jsonl": return .ndjson
        case "json": return .json
        case "csv": return .csv
        default: return nil
        }
    }
}

public struct IngestOptions: Sendable {
    public var policy: ConflictPolicy = .fail
    public var strictNames = false
    public var dryRun = false
    /// `--type`: the entry type of records that carry none (CSV without a type column).
    public var type: EntryType?
    /// `--format`: overrides detection by extension and content.
    public var format: InputFormat?
    /// `--date-format`, e.g. `M/d/yyyy`.
    public var dateFormat: String?
    /// `--map FIELD=COLUMN`: take FIELD from COLUMN of a CSV.
    public var maps: [(field: String, column: String)] = []
    /// `--set FIELD=VALUE`: FIELD is VALUE in every record that has none.
    public var sets: [(field: String, value: String)] = []
    /// A recipe's rule for a CSV's header: the columns expected and earlier names (nil: any).
    public var columns: ColumnRule?
    /// A pull's ingest: identities kept, a company name close to a stored one refused.
    var forPull = false
    /// Errors reported before giving up.
    public var errorLimit = Limits.errorsListed
    /// Called every `progressEvery` records with the count so far.
    public var progress: (@Sendable (Int) -> Void)?
    public var progressEvery = 10_000

    public init() {}
}
