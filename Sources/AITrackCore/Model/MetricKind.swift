/// What a metric measures (issue 21, item 1): whether its firms' values can make a market.
public enum MetricKind: String, Vocabulary {
    /// A percent of a defined market.
    case share
    /// A holding that stands until replaced (H100e owned).
    case stock
    /// An amount per period: revenue, capex, shipments.
    case flow
    /// A market's size.
    case marketSize = "market_size"
    /// A proportion of respondents or similar: not additive.
    case rate
    case other
    public static let noun = "a metric kind"

    /// Whether firms' values of the kind can be shares of one market (DESIGN §5).
    public var makesAMarket: Bool { self == .share || self == .stock || self == .flow }

    /// How a sentence names it: "a rate (a proportion of respondents or similar, not additive)".
    public var described: String {
        switch self {
        case .share: return "a share"
        case .stock: return "a stock"
        case .flow: return "a flow"
        case .marketSize: return "a market size (the size of a whole market, not a firm's part of it)"
        case .rate: return "a rate (a proportion of respondents or similar, which does not add up across firms)"
        case .other: return "of kind other"
        }
    }
}

/// Whether a metric's periods are calendar or fiscal years.
public enum MetricBasis: String, Vocabulary {
    case calendar, fiscal
    public static let noun = "a metric basis"
}
