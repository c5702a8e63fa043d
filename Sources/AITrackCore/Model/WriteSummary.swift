/// What to do when an entry's identity exists with different content.
public enum ConflictPolicy: Sendable {
    /// Report an error naming both versions (the default).
    case fail
    /// Take the new entry.
    case replace
    /// Keep the stored entry (`--ignore`).
    case ignore
}

/// The counts an ingest or add-* command reports.
public struct WriteSummary: Sendable {
    public var added = 0
    public var unchanged = 0
    public var replaced = 0
    public var ignored = 0
    /// Entries left out because they were removed earlier (`aitrack remove`, or the old
    /// identity of an `aitrack edit`); `--replace` brings them back.
    public var removedEarlier = 0
    /// The row the last entry was written to or found in (the id `add-*` prints).
    public var rowID: Int64?
    /// Companies created because an entry named them (in order of creation).
    public var companiesCreated: [String] = []
    /// Deals found stored already under another source: "deal … (row N, from S)".
    public var sameDeals: [String] = []
    /// Names created that are close to a stored one: (company/metric/source, created, "Google (Alphabet)").
    public var lookAlikes: [(what: String, created: String, suggestion: String)] = []
    /// Metrics this run gave values of that have no definition (kind other: no concentration).
    public var undefinedMetrics: [String] = []
    /// Whether the run changed the database at all (a run that did not is rolled back).
    public var changed = false
    /// A pull's statistics by identity (the `identity` column), kept only for a pull.
    var identities: Set<String> = []
    /// The companies a pull's statistics name.
    var companyIDs: Set<Int64> = []

    public init() {}

    public var total: Int { added + unchanged + replaced + ignored + removedEarlier }
}
