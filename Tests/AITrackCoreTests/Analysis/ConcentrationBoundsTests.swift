import Foundation
import Testing
@testable import AITrackCore

/// Bounds true of every market the data allow (issue 21, item 4).
@Suite struct ConcentrationBoundsTests {
    /// A market whose every firm is known, as a source would show part of it: some firms named,
    /// some lumped into aggregates, the rest left out; with a top list only the smallest are
    /// hidden; a published CRn is the true one rounded to a whole percent.
    struct Market {
        var shares: [Double]            // every firm, largest first, summing to 100
        var named: [Double] = [], aggregates: [Double] = []
        var topList = false
        var published: [ConcentrationBounds.Published] = []

        func cr(_ n: Int) -> Double { shares.prefix(n).reduce(0, +) }
        var hhi: Double { shares.reduce(0) { $0 + $1 * $1 } }
    }

    static func market(_ g: inout SeededGenerator) -> Market {
        let count = Int.random(in: 2...14, using: &g)
        // shares of very different sizes: a few large firms and a long tail, or an even market
        var raw = (0..<count).map { _ in pow(Double.random(in: 0.01...1, using: &g), Double.random(in: 0.5...4, using: &g)) }
        let sum = raw.reduce(0, +)
        raw = raw.map { 100 * $0 / sum }.sorted(by: >)
        var m = Market(shares: raw)
        m.topList = Bool.random(using: &g)
        var hidden: [Double] = []
        if m.topList {
            // the named firms are the largest ones; the rest is hidden or lumped
            let k = Int.random(in: 1...count, using: &g)
            m.named = Array(raw.prefix(k))
            hidden = Array(raw.dropFirst(k))
        } else {
            for s in raw.shuffled(using: &g) {
                if Bool.random(using: &g) { m.named.append(s) } else { hidden.append(s) }
            }
            if m.named.isEmpty { m.named = [hidden.removeLast()] }
        }
        // some hidden firms lumped into one or two aggregates, the others left out altogether
        var groups: [Double] = [0, 0]
        var tail = 0.0
        for s in hidden {
            switch Int.random(in: 0...2, using: &g) {
            case 0: groups[0] += s
            case 1: groups[1] += s
            default: tail += s
            }
        }
        m.aggregates = groups.filter { $0 > 0 }
        _ = tail
        if Bool.random(using: &g) {
            let n = Int.random(in: 1...min(5, count), using: &g)
            let p = m.cr(n).rounded()
            m.published = [ConcentrationBounds.Published(n: n, low: p - 1, high: p + 1)]
        }
        return m
    }

    @Test func everyRangeContainsTheTrueFigure() {
        var g = SeededGenerator(seed: 21)
        var cases = 0, ranges = 0
        for _ in 0..<5_000 {
            let m = Self.market(&g)
            let b = ConcentrationBounds.compute(shares: m.named, aggregates: m.aggregates, topList: m.topList, published: m.published,
                                                alsoN: m.published.first?.n ?? 0)
            let eps = 1e-6
            #expect(b.hhiLow <= m.hhi + eps && m.hhi <= b.hhiHigh + eps, "HHI \(m.hhi) outside \(b.hhiLow)–\(b.hhiHigh): \(m)")
            for (n, low) in b.crLow {
                let high = b.crHigh[n]!
                #expect(low <= m.cr(n) + eps && m.cr(n) <= high + eps, "CR\(n) \(m.cr(n)) outside \(low)–\(high): \(m)")
                if high > low + eps { ranges += 1 }
            }
            cases += 1
        }
        #expect(cases == 5_000)
        // the generator makes uncertain markets as well as certain ones
        #expect(ranges > 1_000)
    }

    /// With a top list and nothing hidden beyond the smallest named firm, CRn is exact and the
    /// HHI range is DESIGN §5's formula.
    @Test func aTopListMakesCRnExact() {
        let b = ConcentrationBounds.compute(shares: [40, 30, 10], aggregates: [15], topList: true)
        #expect(b.crLow == [1: 40, 2: 70, 3: 80] && b.crHigh == b.crLow)
        #expect(b.hhiLow == 1600 + 900 + 100)
        // the rest of 20 as two firms of 10: + 200
        #expect(abs(b.hhiHigh - 2800) < 1e-9)
        #expect(ConcentrationCalculator.hhiBounds([40, 30, 10]).high == b.hhiHigh)
    }

    /// Without a top list an unnamed firm may be larger than every named one: the rest of the
    /// market (or each aggregate) may be one firm.
    @Test func withoutATopListTheRestMayBeOneFirm() {
        let b = ConcentrationBounds.compute(shares: [23, 10], aggregates: [], topList: false)
        #expect(b.hhiLow == 629)
        #expect(b.hhiHigh == 629 + 67 * 67)
        #expect(b.crLow[1] == 23 && b.crHigh[1] == 67)
        #expect(b.crLow[2] == 33 && b.crHigh[2] == 90)
        // an aggregate's firms are no larger than the aggregate
        let a = ConcentrationBounds.compute(shares: [30], aggregates: [20, 10], topList: false)
        #expect(a.hhiHigh == 900 + 400 + 100 + 40 * 40)
    }

    /// A published CRn narrows what an unnamed firm can be, and bounds CRn itself.
    @Test func aPublishedCRnNarrowsTheBounds() {
        // cloud 2023-Q1: Microsoft 23, Google 10 named; the top three hold 65 (± 2, "about")
        let p = ConcentrationBounds.Published(n: 3, low: 63, high: 67)
        let b = ConcentrationBounds.compute(shares: [23, 10], aggregates: [], topList: false, published: [p])
        #expect(b.crLow[3] == 63 && b.crHigh[3] == 67)
        // an unnamed firm in the top three is at most 67 − 23 − 10 = 34
        #expect(b.crHigh[1] == 34)
        #expect(b.hhiLow == 63 * 63 / 3)
        #expect(b.hhiHigh == 629 + 34 * 34 + 33 * 33)
        // with AWS at 32 and the rest in firms of 1: HHI 1,653 + 35, inside
        let truth: Double = 1653 + 35   // 23² + 10² + 32² + 35 × 1²
        #expect(b.hhiLow <= truth && truth <= b.hhiHigh)
        // a published figure the named firms exceed narrows nothing
        let wrong = ConcentrationBounds.compute(shares: [50, 30], aggregates: [], topList: false,
                                                published: [ConcentrationBounds.Published(n: 2, low: 59, high: 61)])
        #expect(wrong == ConcentrationBounds.compute(shares: [50, 30], aggregates: [], topList: false))
        // nor one above the most the values allow (a top list of five summing to 74: CR5 is 74)
        let above = ConcentrationBounds.compute(shares: [20, 20, 15, 10, 9], aggregates: [], topList: true,
                                                published: [ConcentrationBounds.Published(n: 5, low: 78, high: 100)])
        #expect(above == ConcentrationBounds.compute(shares: [20, 20, 15, 10, 9], aggregates: [], topList: true))
    }

    /// The cases on the seeded database.
    @Test func theSeedsCloudQuartersGetRangesNotFacts() throws {
        let db = try AppDatabase.inMemory(seed: true)
        // 2023-Q1 names Microsoft and Google, not AWS: the range holds what the published CR3 implies
        let q1 = try db.concentration(metric: "cloud_market_share", period: Period(EntryDate(year: 2023, month: 1, precision: .quarter)))
        #expect(q1.hhiLow! <= 1653 && 1653 <= q1.hhiHigh!)
        #expect(q1.crHigh[1] == 67)
        // 2022-Q2 names Amazon, Oracle, Salesforce and Tencent: CR3 is a range, never 40 % as a fact
        let q2 = try db.concentration(metric: "cloud_market_share", period: Period(EntryDate(year: 2022, month: 4, precision: .quarter)))
        #expect(q2.cr[3] == 40 && q2.crHigh[3]! > 65)
        let claim = q2.published.first { $0.measure == .cr3 }!
        #expect(claim.agrees == true && claim.computed == 40 && claim.computedHigh != nil)
        #expect(q2.notes.contains { $0.hasPrefix("the named firms are not known to be the largest") })
        // a verified published CR3 narrows: Synergy's 63 % for 2025-Q3 (± 1) beside the big three's 62
        let q3 = try db.concentration(metric: "cloud_market_share", period: Period(EntryDate(year: 2025, month: 7, precision: .quarter)))
        let unnarrowed = q3.dataBounds!
        #expect(q3.cr[3] == 62 && q3.crHigh[3] == 64 && unnarrowed.crHigh[3]! > 64)
        #expect(q3.hhiHigh! < unnarrowed.hhiHigh)
        // Epoch's owners are a top list: the research table's figures stand, CR5 exact
        let epoch = try db.concentration(metric: "ai_compute_h100e", period: .year(2025))
        #expect(epoch.crHigh.isEmpty && (epoch.hhiLow!.rounded(), epoch.hhiHigh!.rounded()) == (1332, 1386))
    }
}
