import Foundation
import Testing
@testable import AITrackCore

@Suite struct SpreadTests {
    /// The fraction of `n` draws below and above two values, and their median.
    static func draws(_ s: Spread, n: Int = 100_000, seed: UInt64 = 5) -> [Double] {
        var rng = DrawGenerator(seed: seed)
        return (0..<n).map { _ in s.value(rng.normal()) }.sorted()
    }

    static func fraction(_ xs: [Double], _ test: (Double) -> Bool) -> Double { Double(xs.filter(test).count) / Double(xs.count) }

    /// low and high are the 5th and 95th percentiles, value the median, each side its own spread.
    @Test func lowAndHighAreTheFifthAndNinetyFifthPercentiles() throws {
        let s = try #require(Spread(value: 100, low: 80, high: 160, qualifier: .estimate))
        let xs = Self.draws(s)
        #expect(abs(Self.fraction(xs) { $0 < 80 } - 0.05) < 0.003)
        #expect(abs(Self.fraction(xs) { $0 > 160 } - 0.05) < 0.003)
        #expect(abs(Self.fraction(xs) { $0 < 100 } - 0.5) < 0.005)
        #expect(s.value(0) == 100 && abs(s.value(-Spread.z95) - 80) < 1e-9 && abs(s.value(Spread.z95) - 160) < 1e-9)
    }

    /// A bound of 0 has no logarithm: that side is normal, cut at 0.
    @Test func aBoundOfZeroIsANormalSideCutAtZero() throws {
        let s = try #require(Spread(value: 10, low: 0, high: 12, qualifier: .approx))
        #expect(abs(s.value(-Spread.z95)) < 1e-12 && s.value(-5) == 0)
        let xs = Self.draws(s, n: 40_000)
        #expect(xs.first! >= 0 && abs(Self.fraction(xs) { $0 <= 1e-9 } - 0.05) < 0.01)
    }

    /// at_least: the value is a floor and high the 95th percentile above it; at_most mirrors it;
    /// a bound on the wrong side, or none, leaves the value fixed.
    @Test func atLeastAndAtMostAreOneSided() throws {
        let up = try #require(Spread(value: 100, low: 50, high: 150, qualifier: .atLeast))
        let xs = Self.draws(up)
        #expect(xs.first! >= 100 && abs(Self.fraction(xs) { $0 > 150 } - 0.05) < 0.003)
        let down = try #require(Spread(value: 100, low: 60, high: nil, qualifier: .atMost))
        let ys = Self.draws(down)
        #expect(ys.last! <= 100 && abs(Self.fraction(ys) { $0 < 60 } - 0.05) < 0.003)
        #expect(Spread(value: 100, low: 50, high: nil, qualifier: .atLeast) == nil)
        #expect(Spread(value: 100, low: nil, high: nil, qualifier: .estimate) == nil)
        let fixed = try #require(Spread(value: 7, low: 7, high: 7, qualifier: .exact))
        #expect([-3.0, -0.5, 0, 0.5, 3].allSatisfy { fixed.value($0) == 7 })
    }

    /// xoshiro256** seeded by SplitMix64 gives the reference implementation's numbers (seed 0,
    /// computed by a separate Python copy of Vigna's C code).
    @Test func theGeneratorIsXoshiro256StarStar() {
        var g = DrawGenerator(seed: 0)
        #expect([g.next(), g.next(), g.next()] == [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0])
    }

    /// A one-sided value's z rises with the factor and is half-normal: 2Φ(z') − 1 = Φ(z).
    @Test func theHalfNormalRisesWithZ() {
        func phi(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
        var last = -1.0
        for k in -80...80 {
            let z = Double(k) / 10, h = Spread.halfNormal(z)
            #expect(h > last && h >= 0)
            #expect(abs(2 * phi(h) - 1 - phi(z)) < 1e-12, "z = \(z)")
            last = h
        }
        let up = Spread(value: 100, low: nil, high: 150, qualifier: .atLeast)!
        #expect(up.value(-3) < up.value(0) && up.value(0) < up.value(3) && up.value(-8) >= 100)
    }

    /// The generator: the same seed the same numbers; normals with mean 0 and variance 1, and
    /// successive ones uncorrelated (the pair's second is no copy of its first).
    @Test func theGeneratorIsSeededAndNormal() {
        var a = DrawGenerator(seed: 11), b = DrawGenerator(seed: 11), c = DrawGenerator(seed: 12)
        let xs = (0..<50_000).map { _ in a.normal() }
        #expect(xs.prefix(10) == (0..<10).map { _ in b.normal() }[...])
        #expect(xs.first != c.normal())
        let mean = xs.reduce(0, +) / Double(xs.count), variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(xs.count)
        #expect(abs(mean) < 0.02 && abs(variance - 1) < 0.03)
        let lag = zip(xs, xs.dropFirst()).reduce(0) { $0 + ($1.0 - mean) * ($1.1 - mean) } / Double(xs.count - 1) / variance
        #expect(abs(lag) < 0.02, "lag-1 correlation \(lag)")
    }
}
