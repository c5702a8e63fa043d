import GRDB

/// Why a screen cannot be computed, for the executable to put into words.
public enum ScreenProblem: Error, Equatable, Sendable {
    /// The metric's figure of the period describes no market (its reason, as concentration gives it).
    case notAMarket(metric: String, period: String, reason: String)
    /// The firm (name or alias, consolidated into its ultimate parent) has no share of the market.
    case noShare(name: String, firm: String, metric: String, period: String, firms: [String])
    /// No company or alias has the name.
    case unknownCompany(name: String, closest: String? = nil)
    /// The stakes in one firm add up to more than all of it (percent, of ownership or control).
    case stakesOverWhole(firm: String, what: String, percent: Double)
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
    /// Where the market's values carry bounds and intervals were asked for (`withIntervals`).
    public var intervals: ScreenIntervals? = nil
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
                guard let id = try Self.companyID(db, nameOrAlias: name) else {
                    throw ScreenProblem.unknownCompany(name: name, closest: try Self.closestName(db, to: name, sql: Self.companyNames))
                }
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
                for target in Set(resolved.map(\.target)) {
                    let held = resolved.filter { $0.target == target && $0.owner != target }
                    for (what, sum) in [("ownership", held.reduce(0) { $0 + $1.ownership }), ("control", held.reduce(0) { $0 + $1.control })]
                    where sum > 100 {
                        throw ScreenProblem.stakesOverWhole(firm: target, what: what, percent: sum)
                    }
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

/// One deal of a period between two firms that both hold shares of a market in it, screened as
/// if the two were combined (`aitrack screen --deals`).
public struct DealScreen: Sendable, Equatable {
    public var deal: Int64
    public var date: String
    public var title: String
    public var status: String
    public var metric: String
    /// What the market's values are of (`as of 2025-12-31`, `2025-Q4`).
    public var valuesOf: String
    public var combination: MergerScreen.Result
}

extension DatabaseReading {
    /// Every deal of `period` whose parties include two firms (consolidated into their ultimate
    /// parents) that hold shares of a market of the period: one row per deal, market and pair,
    /// largest ΔHHI first. Markets are the metrics whose figure of the period is a market
    /// (`concentration`'s rules), each computed once.
    public func screenDeals(period: Period) throws -> [DealScreen] {
        try reader.read { db in
            let names = NameLookups()
            var markets: [ConcentrationResult] = []
            for metric in try String.fetchAll(db, sql: "SELECT name FROM metrics ORDER BY name") {
                markets.append(try Self.concentration(db, metric: metric, period: period, consolidate: true, names: names))
            }
            return try Self.screenDeals(db, period: period, markets: markets)
        }
    }

    /// The same over markets computed already (the report's); figures that describe no market
    /// are passed over.
    static func screenDeals(_ db: Database, period: Period, markets all: [ConcentrationResult]) throws -> [DealScreen] {
        let markets = all.filter { $0.hhiLow != nil && $0.hhiHigh != nil && $0.firms.count >= 2 }
        guard !markets.isEmpty else { return [] }
        let parties = try Row.fetchAll(db, sql: """
            SELECT d.id, d.date, d.precision, d.title, d.status, u.ultimate_parent AS firm
            FROM deals d JOIN deal_parties dp ON dp.deal_id = d.id JOIN company_ultimate_parents u ON u.company_id = dp.company_id
            WHERE d.date BETWEEN ? AND ? ORDER BY d.date, d.id, dp.rowid
            """, arguments: [period.fromISO, period.toISO])
        var deals: [(id: Int64, date: String, title: String, status: String, firms: [String])] = []
        for r in parties {
            let id: Int64 = r["id"]
            if deals.last?.id != id {
                deals.append((id, r.storedDate() ?? r["date"], r["title"], r["status"], []))
            }
            let firm: String = r["firm"]
            if !deals[deals.count - 1].firms.contains(where: { $0.lowercased() == firm.lowercased() }) {
                deals[deals.count - 1].firms.append(firm)
            }
        }
        var out: [DealScreen] = []
        for d in deals where d.firms.count >= 2 {
            for m in markets {
                let held = d.firms.compactMap { f in m.firms.first { $0.company.lowercased() == f.lowercased() } }
                for i in held.indices { for j in held.indices where j > i {
                    let c = MergerScreen.combine(held[i], held[j], hhi: m.hhiLow!...m.hhiHigh!)
                    out.append(DealScreen(deal: d.id, date: d.date, title: d.title, status: d.status, metric: m.metric,
                                          valuesOf: m.valuesOf ?? m.period.description, combination: c))
                } }
            }
        }
        return out.sorted { ($0.combination.delta, $1.date, $1.deal, $1.metric) > ($1.combination.delta, $0.date, $0.deal, $0.metric) }
    }
}

