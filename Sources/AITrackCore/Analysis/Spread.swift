import Foundation

/// The distribution of one stored value in the Monte Carlo figures (issue 23; docs/CONCENTRATION.md
/// §6). Pure: a value is drawn as `value(z)` from one standard normal `z`.
///
/// - `low`/`high` are the 5th and 95th percentiles around `value` as the median: a two-piece
///   lognormal, one spread below and one above (σ = ln(value / low) / 1.645 below, ln(high /
///   value) / 1.645 above), so that exactly 5 % of draws fall below `low` and 5 % above `high`.
///   Where a lognormal piece is impossible (a bound or the value is 0) the piece is normal
///   instead, cut at 0.
/// - `at_least` with a `high`: `value` is a floor, `high` the 95th percentile above it (a
///   half-lognormal: value · e^(σ|z|), σ = ln(high / value) / 1.960); `at_most` with a `low`:
///   the mirror image. A bound on the other side of such a value says nothing and is ignored.
/// - A value without bounds (or `at_least` without `high`, `at_most` without `low`) is fixed.
public struct Spread: Sendable, Equatable {
    /// How one side of the median is drawn.
    enum Piece: Sendable, Equatable {
        case fixed
        /// value · e^(σ z)
        case log(Double)
        /// value + σ z, cut at 0
        case linear(Double)
    }

    public var median: Double
    var below: Piece, above: Piece
    /// Draws `|z|` on one side only (at_least: above; at_most: below).
    var oneSided = false

    /// z of the 95th percentile of a standard normal, and of the 95th of its absolute value.
    static let z95 = 1.6448536269514722, halfZ95 = 1.959963984540054

    /// The spread of a value with these bounds and qualifier; nil when it has no bounds (fixed).
    public init?(value: Double, low: Double?, high: Double?, qualifier: Qualifier) {
        median = value
        func piece(_ bound: Double?, z: Double) -> Piece {
            guard let bound, bound.isFinite, bound != value else { return .fixed }
            let (a, b) = (min(bound, value), max(bound, value))
            return a > 0 ? .log(log(b / a) / z) : .linear((b - a) / z)
        }
        switch qualifier {
        case .atLeast:
            guard let high else { return nil }
            (below, above, oneSided) = (.fixed, piece(high >= value ? high : nil, z: Self.halfZ95), true)
        case .atMost:
            guard let low else { return nil }
            (below, above, oneSided) = (piece(low <= value ? low : nil, z: Self.halfZ95), .fixed, true)
        case .exact, .approx, .estimate:
            guard low != nil || high != nil else { return nil }
            (below, above) = (piece(low.map { min($0, value) }, z: Self.z95), piece(high.map { max($0, value) }, z: Self.z95))
        }
    }

    /// The value a standard normal draw `z` gives: the median exactly at z = 0 and on a fixed side.
    /// A one-sided value takes the half-normal z' = Φ⁻¹((1 + Φ(z)) / 2), which rises with z (so
    /// that under one factor per source it moves with the source's other values; |z| would
    /// move it up when they go down) and is distributed as |z|.
    @inline(__always)
    public func value(_ z: Double) -> Double {
        var z = z
        if oneSided { z = Self.halfNormal(z) * (below == .fixed ? 1 : -1) }
        let piece = z < 0 ? below : above
        switch piece {
        case .fixed: return median
        case .log(let s): return median * exp(s * z)
        case .linear(let s): return max(0, median + s * z)
        }
    }
}

extension Spread {
    /// Φ⁻¹((1 + Φ(z)) / 2): a half-normal number that rises with z.
    static func halfNormal(_ z: Double) -> Double {
        // 1 − p for p = (1 + Φ(z)) / 2, from the upper tail to keep its digits: Φ(−z) / 2
        quantileOfUpperTail(0.25 * erfc(z / 2.0.squareRoot()))
    }

    /// z with 1 − Φ(z) = q, for q in (0, 0.5]: Acklam's rational approximation, refined by one
    /// Halley step on erfc (to about 1e-15).
    static func quantileOfUpperTail(_ q: Double) -> Double {
        guard q > 0 else { return 38 }
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
                 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
                 -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                 -1.328068155288572e+01]
        var x: Double
        if q < 0.02425 {
            let t = (-2 * log(q)).squareRoot()
            x = -(((((c[0] * t + c[1]) * t + c[2]) * t + c[3]) * t + c[4]) * t + c[5]) / ((((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1)
        } else {
            let u = q - 0.5, r = u * u
            x = -(((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * u
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        }
        // Halley: e = (1 − Φ(x)) − q
        let e = 0.5 * erfc(x / 2.0.squareRoot()) - q
        let u = -e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        return x - u / (1 + x * u / 2)
    }
}

/// A seeded generator of uniform and standard normal numbers: xoshiro256** (Blackman and Vigna)
/// seeded by SplitMix64, so that the same seed gives the same draws on every machine and in
/// every run. Written here because neither the standard library nor the packages this project
/// depends on offer a seedable generator (SystemRandomNumberGenerator cannot be seeded).
public struct DrawGenerator: RandomNumberGenerator, Sendable {
    var s: (UInt64, UInt64, UInt64, UInt64)
    /// The second normal of the last pair (polar method), not yet handed out.
    var spare: Double? = nil

    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    public mutating func next() -> UInt64 {
        let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = s.3 << 45 | s.3 >> 19
        return result
    }

    /// A uniform number in (0, 1): 53 random bits, never 0 (its logarithm is taken).
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }

    /// A standard normal number (Marsaglia's polar method, both of each pair used: no sine or
    /// cosine, a fifth of the pairs drawn again).
    public mutating func normal() -> Double {
        if let z = spare { spare = nil; return z }
        while true {
            let u = 2 * uniform() - 1, v = 2 * uniform() - 1, s = u * u + v * v
            guard s < 1, s > 0 else { continue }
            let m = (-2 * log(s) / s).squareRoot()
            spare = v * m
            return u * m
        }
    }

    /// A 64-bit FNV-1a hash of a text: a figure's own seed from the user's seed and its metric
    /// and period, so that `concentration` and `report` draw the same figure alike.
    static func hash(_ text: String, into h: UInt64 = 0xCBF2_9CE4_8422_2325) -> UInt64 {
        var h = h
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
