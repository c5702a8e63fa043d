import Testing
@testable import AITrackCore

/// Concentration only for markets (issue 21, item 2): the kinds, the basis and what the
/// period's values must hold, through the calculation a report runs.
@Suite struct MarketTestTests {
    func compute(_ values: [Double], unit: String = "USD", kind: MetricKind = .flow, defined: Bool = true, fiscal: Bool = false,
                 aggregates: [Double] = [], total: Double? = nil) -> ConcentrationResult {
        var h = values.enumerated().map { Holding(statisticID: Int64($0.offset), company: "F\($0.offset)", date: "2025-01-01", precision: .year, value: $0.element) }
        h += aggregates.map { Holding(statisticID: 99, company: "Rest", isAggregate: true, date: "2025-01-01", precision: .year, value: $0) }
        return ConcentrationCalculator.compute(metric: "m", unit: unit, period: .year(2025), holdings: h,
                                               marketTotals: total.map { [MarketTotal(date: "2025-01-01", precision: .year, value: $0, source: "T")] } ?? [],
                                               kind: kind, defined: defined, fiscal: fiscal)
    }

    func isAMarket(_ r: ConcentrationResult) -> Bool { r.hhiLow != nil && !r.bands.isEmpty && !r.cr.isEmpty }

    /// Only shares, stocks and flows: a rate, a market size and `other` list values, no band.
    @Test(arguments: MetricKind.allCases)
    func onlySharesStocksAndFlowsMakeAMarket(kind: MetricKind) {
        let r = compute([50, 40, 32], unit: Units.percent, kind: kind)
        #expect(isAMarket(r) == kind.makesAMarket)
        if !kind.makesAMarket {
            #expect(r.values.map(\.value) == [50, 40, 32] && r.firms.isEmpty && r.total == nil)
            #expect(r.notes.last == "m is \(kind.described): its firms' values are not parts of one market, so there are no shares, CRn or HHI")
        }
    }

    /// The survey rates summing to 122: a rate is never a market.
    @Test func surveyRatesGetNoHHI() {
        let r = compute([55, 40, 27], unit: Units.percent, kind: .rate)
        #expect(r.hhiLow == nil && r.notes.last?.hasPrefix("m is a rate") == true)
    }

    @Test func aMetricWithoutADefinitionSaysHowToGiveOne() {
        let r = compute([50, 30, 20], kind: .other, defined: false)
        #expect(!isAMarket(r))
        #expect(r.notes.last == "m has no definition, so aitrack does not know whether its values are parts of one market: define it (aitrack add-metric) as a share, stock or flow to get CRn and HHI")
    }

    @Test func fiscalYearFlowsAreNotOneMarket() {
        let r = compute([80, 60, 50, 40], fiscal: true)
        #expect(!isAMarket(r) && r.notes.last?.contains("fiscal years") == true)
    }

    /// What the values must hold: a market total, aggregates for the rest, or three firms.
    @Test func aMarketNeedsATotalAggregatesOrThreeFirms() {
        #expect(!isAMarket(compute([60, 40])))
        #expect(compute([60, 40]).notes.last == "2 firms and no market total: a share of their sum describes these firms, not a market")
        #expect(isAMarket(compute([60, 40], total: 400)))
        #expect(isAMarket(compute([60, 40], aggregates: [100])))
        #expect(isAMarket(compute([60, 40, 1])))
        // a market total smaller than the firms' sum is no market's total
        #expect(!isAMarket(compute([60, 40], total: 50)))
        // shares in percent: the rest covered when they add up to about 100
        #expect(!isAMarket(compute([35], unit: Units.percent)))
        #expect(!isAMarket(compute([35, 20], unit: Units.percent)))
        #expect(isAMarket(compute([35, 20], unit: Units.percent, aggregates: [45])))
        #expect(isAMarket(compute([70, 30], unit: Units.percent)))
        #expect(compute([35, 20], unit: Units.percent).notes.last
                == "2 firms' shares and nothing for the rest of the market (no aggregate): two firms' shares do not tell how concentrated the market is")
    }

    /// The training cost: "OpenAI 100 %, HHI 10,000" from one firm's value.
    @Test func oneFirmsValueIsNoMonopoly() {
        let r = compute([78_000_000])
        #expect(r.hhiLow == nil && r.values == [FirmValue(company: "F0", value: 78_000_000)])
        #expect(ConcentrationFormatter.text(r).contains("  n/a: 1 firm and no market total: a share of their sum describes this firm, not a market\n  F0: "))
    }
}
