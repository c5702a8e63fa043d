/// Which of two values of the same thing on the same day counts (DESIGN §5, step 2): a verified
/// value before one that is not, then the one ingested last, then the later row. The one
/// definition for the concentration's firms (`Concentration.pickLatest`), its market totals
/// (`Concentration.total`) and the report's value of a year earlier (`LatestStatistics`).
public struct Precedence: Comparable, Sendable {
    public var verified: Bool
    /// The ingest and the row in one number, the ingest in the high half (`order(ingest:id:)`).
    public var ingestOrder: Int64

    public init(verified: Bool, ingestOrder: Int64) {
        self.verified = verified
        self.ingestOrder = ingestOrder
    }

    public init(verified: Bool, ingest: Int64, id: Int64) {
        self.init(verified: verified, ingestOrder: Self.order(ingest: ingest, id: id))
    }

    /// A row's place in the order rows were ingested: the ingest's id, then the row's (ids
    /// below 2^32, as the writer gives them).
    public static func order(ingest: Int64, id: Int64) -> Int64 { ingest << 32 | id }

    public static func < (a: Self, b: Self) -> Bool {
        (a.verified ? 1 : 0, a.ingestOrder) < (b.verified ? 1 : 0, b.ingestOrder)
    }
}

extension Holding {
    public var precedence: Precedence { Precedence(verified: verified, ingestOrder: ingestOrder) }
}

extension MarketTotal {
    public var precedence: Precedence { Precedence(verified: verified, ingestOrder: ingestOrder) }
}
