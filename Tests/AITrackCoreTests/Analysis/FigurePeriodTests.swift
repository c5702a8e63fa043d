import Testing
@testable import AITrackCore

/// One period per figure (issue 21, item 3): the values a figure is made of.
@Suite struct FigurePeriodTests {
    func h(_ company: String, _ date: String, _ precision: Precision, _ value: Double, id: Int64 = 0) -> Holding {
        Holding(statisticID: id, company: company, date: date, precision: precision, value: value)
    }

    /// The foundry case of the issue: TSMC's 2025-Q4 share and Samsung's 2025-Q2 beside every
    /// firm's annual 2025 share: the figure is the annual one (CR5 90.64 %, not 91.24 %).
    @Test func annualValuesBeatTheYearsQuarters() {
        let annual = [("TSMC", 69.9), ("Samsung", 7.2), ("SMIC", 5.32), ("UMC", 4.35), ("GlobalFoundries", 3.87)]
        let holdings = annual.map { h($0.0, "2025-01-01", .year, $0.1) } + [h("TSMC", "2025-10-01", .quarter, 70.4), h("Samsung", "2025-04-01", .quarter, 7.3)]
        let c = FigurePeriod.choose(holdings, period: .year(2025), stock: false)
        #expect(c.label == "2025" && c.used.count == 5 && c.leftOut.isEmpty)
        let r = ConcentrationCalculator.compute(metric: "m", unit: Units.percent, period: .year(2025), holdings: holdings)
        #expect(abs(r.cr[5]! - annual.reduce(0) { $0 + $1.1 }) < 1e-9)
        #expect(r.valuesOf == "2025" && ConcentrationFormatter.valuesOf(r) == "")
    }

    /// The cloud case: the big three's 2025-Q4 and Oracle's 2025-Q3: Q4 only, Oracle named.
    @Test func theLatestQuarterAndTheFirmsNotInIt() {
        let holdings = [h("Amazon", "2025-10-01", .quarter, 28), h("Microsoft", "2025-10-01", .quarter, 21), h("Google", "2025-10-01", .quarter, 15),
                        h("Oracle", "2025-07-01", .quarter, 3), h("Amazon", "2025-07-01", .quarter, 29)]
        let r = ConcentrationCalculator.compute(metric: "m", unit: Units.percent, period: .year(2025), holdings: holdings)
        #expect(r.firms.map(\.company) == ["Amazon", "Microsoft", "Google"])
        #expect(r.leftOut == [DatedName(company: "Oracle", date: "latest 2025-Q3")])
        #expect(r.notes.contains("values of 2025-Q4 only; not in it (part of the unattributed rest), with their latest value: Oracle (2025-Q3)"))
        #expect(ConcentrationFormatter.text(r).hasPrefix("m · 2025 · values of 2025-Q4 · unit percent\n"))
    }

    /// A quarter's figure has no place for an annual value (its period is longer).
    @Test func anAnnualValueIsNotInAQuartersFigure() {
        let q3 = Period(EntryDate(year: 2025, month: 7, precision: .quarter))
        let holdings = [h("A", "2025-01-01", .year, 50), h("B", "2025-07-01", .quarter, 30), h("C", "2025-08-01", .month, 10)]
        let c = FigurePeriod.choose(holdings, period: q3, stock: false)
        #expect(c.used.map(\.company) == ["B"] && c.label == "2025-Q3")
        #expect(c.leftOut == [DatedName(company: "A", date: "latest 2025"), DatedName(company: "C", date: "latest 2025-08")])
        // only the annual value: no figure, and the firm named
        let none = FigurePeriod.choose([h("A", "2025-01-01", .year, 50)], period: q3, stock: false)
        #expect(none.used.isEmpty && none.label == nil && none.leftOut.map(\.company) == ["A"])
    }

    /// The stock case of the issue: a 2026 row for two series only; the others are carried
    /// forward from their last value, and the total does not fall.
    @Test func aStockIsTakenAsOfOneDayWithEverySeriesCarriedForward() {
        let now = [h("Nvidia", "2026-03-31", .day, 60, id: 10), h("Google", "2026-03-31", .day, 30, id: 11), h("Google", "2026-02-28", .day, 28, id: 12)]
        let before = [h("AMD", "2025-12-31", .day, 5, id: 1), h("AMD", "2025-09-30", .day, 4, id: 2), h("xAI", "2025-06-30", .day, 5, id: 3),
                      h("Nvidia", "2025-12-31", .day, 55, id: 4)]
        let c = FigurePeriod.choose(now, period: .year(2026), stock: true, before: FigurePeriod.latestOfEachSeries(before))
        #expect(c.label == "as of 2026-03-31" && c.isStock)
        #expect(Set(c.used.map(\.statisticID)) == [1, 3, 10, 11])
        #expect(c.carried == [DatedName(company: "AMD", date: "2025-12-31"), DatedName(company: "xAI", date: "2025-06-30")])
        let r = ConcentrationCalculator.compute(metric: "m", unit: "H100e", period: .year(2026), holdings: now, kind: .stock,
                                                before: FigurePeriod.latestOfEachSeries(before))
        #expect(r.total == 100 && r.firms.map(\.company) == ["Nvidia", "Google", "AMD", "xAI"])
        #expect(r.notes.first == "values as of 2026-03-31; carried forward from an earlier day: AMD (2025-12-31), xAI (2025-06-30)")
    }

    /// A published figure is compared only with a figure of its period: a 2025-Q3 CR3 is not
    /// set against 2025-Q4's values; a stock's published 2026 figure holds its day.
    @Test func publishedFiguresOfAnotherPeriodAreNotCompared() {
        let q4 = [h("A", "2025-10-01", .quarter, 40), h("B", "2025-10-01", .quarter, 20), h("C", "2025-10-01", .quarter, 10)]
        let published = [PublishedFigure(measure: .cr3, date: "2025-Q3", value: 70, source: "S"), PublishedFigure(measure: .cr3, date: "2025-Q4", value: 70, source: "S")]
        let r = ConcentrationCalculator.compute(metric: "m", unit: Units.percent, period: .year(2025), holdings: q4, published: published)
        #expect(r.published.map(\.agrees) == [nil, true] && r.published[0].figureOf == "2025-Q4" && r.published[0].computed == nil)
        #expect(ConcentrationFormatter.publishedLine(r.published[0], unit: r.unit).hasSuffix("; not compared: the figure is of 2025-Q4"))
        let stock = ConcentrationCalculator.compute(metric: "m", unit: "H100e", period: .year(2026), holdings: [h("A", "2026-03-31", .day, 70), h("B", "2026-03-31", .day, 20), h("C", "2026-03-31", .day, 10)],
                                                    published: [PublishedFigure(measure: .cr1, date: "2026", value: 70, source: "S"),
                                                                PublishedFigure(measure: .cr1, date: "2025", value: 70, source: "S"),
                                                                PublishedFigure(measure: .cr1, date: "2026-04", value: 70, source: "S")], kind: .stock)
        // a stock stands until replaced: April's figure is of the holdings as of 31 March
        #expect(stock.published.map(\.agrees) == [true, nil, true])
        #expect(ConcentrationFormatter.publishedLine(stock.published[1], unit: "H100e").hasSuffix("; not compared: the figure is as of 2026-03-31"))
    }

    /// A market total counts only when it is of the figure's period.
    @Test func aMarketTotalOfAnotherPeriodIsNotTheDenominator() {
        let q4 = [h("A", "2025-10-01", .quarter, 40), h("B", "2025-10-01", .quarter, 20), h("C", "2025-10-01", .quarter, 10)]
        let totals = [MarketTotal(date: "2025-07-01", precision: .quarter, value: 500, source: "Q3"), MarketTotal(date: "2025-01-01", precision: .year, value: 900, source: "Y")]
        let r = ConcentrationCalculator.compute(metric: "m", unit: "USD", period: .year(2025), holdings: q4, marketTotals: totals)
        #expect(r.total == 70 && r.denominator == "sum of named companies only")
        let own = ConcentrationCalculator.compute(metric: "m", unit: "USD", period: .year(2025), holdings: q4,
                                                  marketTotals: totals + [MarketTotal(date: "2025-10-01", precision: .quarter, value: 200, source: "Q4")])
        #expect(own.total == 200 && own.denominator == "market statistic (Q4, 2025-Q4)")
    }

    /// Random values of random periods: the rule checked against its statement, not its code.
    @Test(arguments: 0..<8) func randomValuesFollowTheRule(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        let precisions: [Precision] = [.year, .quarter, .month, .day]
        for _ in 0..<250 {
            let holdings: [Holding] = (0..<Int(g.next() % 12)).map { i in
                let p = precisions[Int(g.next() % 4)]
                let month = p == .year ? 1 : p == .quarter ? Int(g.next() % 4) * 3 + 1 : Int(g.next() % 12) + 1
                let day = p == .day ? Int(g.next() % 28) + 1 : 1
                return Holding(statisticID: Int64(i), company: "F\(g.next() % 5)", date: EntryDate(year: 2025, month: month, day: day, precision: p).iso,
                               precision: p, value: Double(g.next() % 100))
            }
            let c = FigurePeriod.choose(holdings, period: .year(2025), stock: false)
            guard let first = c.used.first else { #expect(holdings.isEmpty); continue }
            #expect(c.used.allSatisfy { $0.date == first.date && $0.precision == first.precision })
            #expect(!holdings.contains { $0.precision < first.precision || ($0.precision == first.precision && $0.date > first.date) })
            #expect(c.used.count == holdings.filter { $0.date == first.date && $0.precision == first.precision }.count)
            let usedFirms = Set(c.used.map(\.company))
            #expect(Set(c.leftOut.map(\.company)) == Set(holdings.map(\.company)).subtracting(usedFirms))
            // a stock: every series at its latest value on or before the latest day
            let s = FigurePeriod.choose(holdings, period: .year(2025), stock: true)
            let day = holdings.map(\.date).max()!
            for firm in Set(holdings.map(\.company)) {
                let latest = holdings.filter { $0.company == firm && $0.date <= day }.map(\.date).max()
                #expect(Set(s.used.filter { $0.company == firm }.map(\.date)) == Set(latest.map { [$0] } ?? []))
            }
        }
    }
}
