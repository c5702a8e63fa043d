import GRDB

/// Why a screen cannot be computed, for the executable to put into words.
public enum ScreenProblem: Error, Equatable, Sendable {
    /// The metric's figure of the period describes no market (its reason, as concentration gives it).
    case notAMarket(metric: String, period: String, reason: String)
    /// The firm (name or alias, consolidated into its ultimate parent) has no share of the market.
    case noShare(name: String, firm: String, metric: String, period: String, firms: [String])
    /// No company or alias has the name.
    case unknownCompany(name: String)
    /// The two names are one firm once subsidiaries are consolidated.
    case sameFirm(a: String, b: String, firm: String)
}

/// `aitrack screen`: a market, two of its firms combined, and partial stakes.
public struct Screen: Sendable, Equatable {
    /// The market's figures as `concentration` gives them.
    public var market: ConcentrationResult
    public var combination: MergerScreen.Result
    /// With stakes: the modified HHI's bounds (the named firms' MHHI beside the rest's HHI).
    public var modifiedHHI: ClosedRange<Double>?
    public var stakes: [MergerScreen.Stake] = []
}

extension DatabaseReading {
    /// Combines the firms `a` and `b` (names or aliases, consolidated into their ultimate
    /// parents) in the market of `metric` in `period`; `stakes` name owners and firms by name.
    public func screen(metric: String, period: Period, combine a: String, with b: String,
                       stakes: [MergerScreen.Stake] = []) throws -> Screen {
        try reader.read { db in
            let market = try Self.concentration(db, metric: metric, period: period, consolidate: true, names: NameLookups())
            // the reason a figure describes no market is its last note
            guard let low = market.hhiLow, let high = market.hhiHigh, !market.firms.isEmpty else {
                let reason = market.notes.last ?? "there are no firms' values of \(metric) in \(period)"
                throw ScreenProblem.notAMarket(metric: metric, period: period.description, reason: reason)
            }
            let names = market.firms.map(\.company)
            func firm(_ name: String) throws -> FirmShare {
                guard let id = try Self.companyID(db, nameOrAlias: name) else { throw ScreenProblem.unknownCompany(name: name) }
                let parent = try String.fetchOne(db, sql: "SELECT ultimate_parent FROM company_ultimate_parents WHERE company_id = ?",
                                                 arguments: [id]) ?? name
                guard let f = market.firms.first(where: { $0.company.lowercased() == parent.lowercased() }) else {
                    throw ScreenProblem.noShare(name: name, firm: parent, metric: metric, period: period.description, firms: names)
                }
                return f
            }
            let fa = try firm(a), fb = try firm(b)
            if fa.company == fb.company { throw ScreenProblem.sameFirm(a: a, b: b, firm: fa.company) }
            var screen = Screen(market: market, combination: MergerScreen.combine(fa, fb, hhi: low...high))
            if !stakes.isEmpty {
                var resolved: [MergerScreen.Stake] = []
                for s in stakes {
                    var r = s
                    r.target = try firm(s.target).company
                    if let owner = try? firm(s.owner) { r.owner = owner.company }
                    resolved.append(r)
                }
                let shares = market.firms.map { (firm: $0.company, share: $0.share) }
                let named = shares.reduce(0) { $0 + $1.share * $1.share }
                let change = MergerScreen.modifiedHHI(shares: shares, stakes: resolved) - named
                screen.modifiedHHI = (low + change)...(high + change)
                screen.stakes = resolved
            }
            return screen
        }
    }
}
