/// A screen's figures over the Monte Carlo draws of its market (issue 23, item 5): where the
/// market's values carry bounds, the combined share, ΔHHI and the HHI after at their 5th, 50th and
/// 95th percentiles, and per regime the share of draws in which each verdict is reached. The
/// draws are the market's own (the same seed gives `concentration`'s draws). Pure.
public struct ScreenIntervals: Sendable, Equatable {
    public struct VerdictShare: Sendable, Equatable {
        /// A verdict as `MergerScreen.Verdict.text` words it (both bounds' where they differ).
        public var verdict: String
        public var share: Double
    }
    public var simulation: Simulation
    public var combinedShare: Percentiles, delta: Percentiles
    public var hhiAfterLow: Percentiles, hhiAfterHigh: Percentiles
    /// Per regime the verdicts of the draws, most draws first.
    public var verdicts: [Regime: [VerdictShare]]
}

extension Screen {
    /// The screen with its intervals; the same screen where the market's values carry no bounds.
    public func withIntervals(_ simulation: Simulation?) -> Screen {
        guard let simulation, let input = market.uncertainty else { return self }
        let place = Dictionary(uniqueKeysWithValues: input.firmKeys.enumerated().map { ($1, $0) })
        let aggPlace = Dictionary(uniqueKeysWithValues: input.aggregateKeys.enumerated().map { ($1, $0) })
        guard let a = place[combination.a.company.lowercased()], let b = place[combination.b.company.lowercased()] else { return self }
        var combined: [Double] = [], delta: [Double] = [], low: [Double] = [], high: [Double] = []
        var counts: [Regime: [String: Int]] = [:]
        let seed = MonteCarlo.seed(simulation.seed, metric: market.metric, period: market.period)
        MonteCarlo.forEachDraw(input, simulation: simulation, seed: seed,
                               aggregateOrder: market.aggregates.map { aggPlace[$0.company.lowercased()] ?? 0 }) { f, _, bounds in
            let d = 2 * f[a] * f[b], c = f[a] + f[b]
            combined.append(c)
            delta.append(d)
            low.append(bounds.hhiLow + d)
            high.append(bounds.hhiHigh + d)
            for r in Regime.allCases {
                let v = MergerScreen.Verdict(regime: r, atLow: MergerScreen.verdict(r, postHHI: bounds.hhiLow + d, delta: d, combinedShare: c),
                                             atHigh: MergerScreen.verdict(r, postHHI: bounds.hhiHigh + d, delta: d, combinedShare: c))
                counts[r, default: [:]][v.text, default: 0] += 1
            }
        }
        guard !delta.isEmpty else { return self }
        var s = self
        let n = Double(delta.count)
        s.intervals = ScreenIntervals(
            simulation: simulation, combinedShare: Percentiles.of(&combined), delta: Percentiles.of(&delta),
            hhiAfterLow: Percentiles.of(&low), hhiAfterHigh: Percentiles.of(&high),
            verdicts: counts.mapValues { c in
                c.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                    .map { ScreenIntervals.VerdictShare(verdict: $0.key, share: Double($0.value) / n) }
            })
        return s
    }
}
