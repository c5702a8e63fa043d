/// A published CRn or HHI figure about the metric, and whether the data agree with it.
public struct PublishedFigure: Sendable, Equatable {
    public var statisticID: Int64
    public var measure: Measure
    public var date: String
    public var value: Double
    public var qualifier: Qualifier
    public var source: String
    public var citedBy: String?
    public var verification: Verification
    /// Why it has its verification, in the fact check's words (the statistic's note).
    public var reason: String?
    /// The computed figure it is compared with (nil: not computable).
    public var computed: Double?
    public var computedHigh: Double?
    /// nil when there is nothing to compare.
    public var agrees: Bool?
    /// Set when the figure is of another period (`2025-Q4`): the two are not compared.
    public var figureOf: String? = nil

    public init(statisticID: Int64 = 0, measure: Measure, date: String, value: Double, qualifier: Qualifier = .exact, source: String,
                citedBy: String? = nil, verification: Verification = .unverified, reason: String? = nil) {
        self.statisticID = statisticID
        self.reason = reason
        self.measure = measure
        self.date = date
        self.value = value
        self.qualifier = qualifier
        self.source = source
        self.citedBy = citedBy
        self.verification = verification
    }
}

extension PublishedFigure {
    /// The published figure beside the computed one: "computed 73.56 %: the data agree with the
    /// number", or why they are not compared.
    public var comparison: String {
        let p = self
        func pct(_ v: Double) -> String { NumberText.fixed(v, 2) + " %" }
        func pts(_ v: Double) -> String { NumberText.grouped(v.rounded()) }
        if let c = p.computed {
            let computed = p.measure == .hhi ? "\(pts(c))\(p.computedHigh.map { $0 != c ? " – " + pts($0) : "" } ?? "")"
                : p.computedHigh.map { NumberText.fixed(c, 2) + "–" + NumberText.fixed($0, 2) + " %" } ?? pct(c)
            return "computed \(computed): " + (p.agrees == true ? "the data agree with the number" : "the data do not agree with the number")
        } else if let other = p.figureOf {
            return "not compared: the figure is \(other.hasPrefix("as of") ? "" : "of ")\(other)"
        }
        return "not computable from the data"
    }
}
