/// DESIGN §5 (issue 21, item 2): whether a period's firm values describe a market, so that CRn,
/// HHI and bands mean something. Pure.
///
/// Only a share, stock or flow has firms' parts of one market (a rate such as "42 % of CIOs use
/// it" does not add up; a market size is the whole). A fiscal-year flow is never one market: the
/// firms' fiscal years end in different months. And the values must describe a market: a market
/// total (a market-level statistic of the period), aggregates that cover the rest, or at least
/// three named firms; one or two firms' values, shared out of their own sum, describe the firms.
struct MarketTest {
    var metric: String, unit: String, kind: MetricKind, defined: Bool, fiscal: Bool
    var firms: Int, aggregates: Double, firmSum: Double
    /// Whether the total is a market-level statistic of the period.
    var total: Bool

    /// The least number of named firms that describe a market without a total or aggregates.
    static let firmsForAMarket = 3

    /// The one sentence saying why there is no concentration figure, or nil when there is one.
    var reason: String? {
        guard kind.makesAMarket else {
            if !defined {
                return "\(metric) has no definition, so aitrack does not know whether its values are parts of one market: "
                    + "define it (aitrack add-metric) as a share, stock or flow to get CRn and HHI"
            }
            return "\(metric) is \(kind.described): its firms' values are not parts of one market, so there are no shares, CRn or HHI"
        }
        if fiscal {
            return "\(metric) is a flow of fiscal years, which end in different months for different firms: their values are not one market's period"
        }
        // percent shares: the rest is covered when the shares of firms and aggregates
        // (or named firms alone) add up to about 100
        let covered = unit == Units.percent ? firmSum + aggregates >= 99 : aggregates > 0
        if total || covered || firms >= Self.firmsForAMarket { return nil }
        let named = firms == 1 ? "1 firm" : "\(firms) firms"
        if unit == Units.percent {
            let shares = firms == 1 ? "1 firm's share" : "\(firms) firms' shares"
            return "\(shares) and nothing for the rest of the market (no aggregate): "
                + "\(firms == 1 ? "one firm's share does" : "two firms' shares do") not tell how concentrated the market is"
        }
        return "\(named) and no market total: a share of their sum describes \(firms == 1 ? "this firm" : "these firms"), not a market"
    }
}
