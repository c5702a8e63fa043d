/// What combining two firms of a market would do to its concentration: the structural screens
/// of the merger guidelines applied to a what-if (docs/CONCENTRATION.md, "Screens"). Pure: shares
/// in, figures and verdicts out. An alliance or a contract is not a merger: combining the two is
/// the upper end (full coordination), not a finding.
public enum MergerScreen {
    /// The screen of one regime at both ends of the HHI's bounds.
    public struct Verdict: Sendable, Equatable {
        public var regime: Regime
        /// At the lower and the upper bound of the HHI after (equal when the HHI is exact).
        public var atLow: String, atHigh: String

        /// One verdict, or the two the bounds straddle.
        public var text: String { atLow == atHigh ? atLow : "\(atLow) (lower bound) to \(atHigh) (upper bound)" }
    }

    public struct Result: Sendable, Equatable {
        public var a: FirmShare, b: FirmShare
        /// The two shares added, in percent.
        public var combinedShare: Double
        /// ΔHHI = 2 · a · b (shares in percent): exact whatever the unattributed rest holds.
        public var delta: Double
        public var hhiBefore: ClosedRange<Double>
        public var hhiAfter: ClosedRange<Double>
        public var verdicts: [Verdict]
    }

    /// Combines `a` and `b` in a market whose HHI lies in `hhi` (the bounds of the unattributed
    /// rest); the rest's firms are the same before and after, so both bounds move by ΔHHI.
    public static func combine(_ a: FirmShare, _ b: FirmShare, hhi: ClosedRange<Double>) -> Result {
        let delta = 2 * a.share * b.share
        let after = (hhi.lowerBound + delta)...(hhi.upperBound + delta)
        let combined = a.share + b.share
        let verdicts = Regime.allCases.map { r in
            Verdict(regime: r, atLow: verdict(r, postHHI: after.lowerBound, delta: delta, combinedShare: combined),
                    atHigh: verdict(r, postHHI: after.upperBound, delta: delta, combinedShare: combined))
        }
        return Result(a: a, b: b, combinedShare: combined, delta: delta, hhiBefore: hhi, hhiAfter: after, verdicts: verdicts)
    }

    /// The structural test of a regime (docs/research/metrics.md §2, docs/CONCENTRATION.md §5):
    /// - US 2023 Merger Guidelines §2.1: presumed to substantially lessen competition when the
    ///   HHI after is above 1,800 and ΔHHI above 100, or the combined share above 30 % and ΔHHI
    ///   above 100.
    /// - US 2010 Horizontal Merger Guidelines §5.3: above 2,500 with ΔHHI above 200 presumed
    ///   likely to enhance market power; 1,500–2,500 with ΔHHI above 100, or above 2,500 with
    ///   ΔHHI of 100–200, potentially raising significant concerns; otherwise unlikely to have
    ///   adverse effects.
    /// - EU 2004 Horizontal Merger Guidelines ¶19–20: unlikely to raise concerns below 1,000;
    ///   1,000–2,000 with ΔHHI below 250; above 2,000 with ΔHHI below 150; otherwise the screen
    ///   does not clear it.
    public static func verdict(_ regime: Regime, postHHI: Double, delta: Double, combinedShare: Double) -> String {
        switch regime {
        case .us2023:
            let presumed = delta > 100 && (postHHI > 1800 || combinedShare > 30)
            return presumed ? "presumed to substantially lessen competition" : "not presumed by the structural test"
        case .us2010:
            if postHHI > 2500 && delta > 200 { return "presumed likely to enhance market power" }
            if (postHHI >= 1500 && postHHI <= 2500 && delta > 100) || (postHHI > 2500 && delta > 100) {
                return "potentially raises significant competitive concerns"
            }
            return "unlikely to have adverse competitive effects"
        case .eu2004:
            let cleared = postHHI < 1000 || (postHHI <= 2000 && delta < 250) || (postHHI > 2000 && delta < 150)
            return cleared ? "unlikely to raise horizontal concerns" : "not cleared by the HHI screen"
        }
    }

    // MARK: - Partial stakes

    /// Owner `owner` holds `ownership` percent of firm `target`'s profits and `control` percent
    /// of its control (the ownership, unless given).
    public struct Stake: Sendable, Equatable {
        public var owner: String, target: String
        public var ownership: Double
        public var control: Double

        public init(owner: String, target: String, ownership: Double, control: Double? = nil) {
            self.owner = owner
            self.target = target
            self.ownership = ownership
            self.control = control ?? ownership
        }
    }

    /// The modified HHI of O'Brien and Salop (2000), in points:
    /// MHHI = Σ_j Σ_k s_j s_k (Σ_i γ_ij β_ik) / (Σ_i γ_ij β_ij), with s the shares in percent,
    /// β_ij owner i's share of firm j's profits and γ_ij its control of j (fractions). An owner
    /// named as a firm is that firm's own owners, who hold what the other stakes leave of it
    /// (so `F1` holding 20 % of `F2` is F1's owners holding it). With no stakes it is the HHI.
    public static func modifiedHHI(shares: [(firm: String, share: Double)], stakes: [Stake]) -> Double {
        let firms = shares.map(\.firm)
        var owners: [String] = []
        var beta: [String: [String: Double]] = [:], gamma: [String: [String: Double]] = [:]   // owner → firm → fraction
        func owner(_ name: String) { if !owners.contains(name) { owners.append(name) } }
        for s in stakes {
            owner(s.owner)
            beta[s.owner, default: [:]][s.target, default: 0] += s.ownership / 100
            gamma[s.owner, default: [:]][s.target, default: 0] += s.control / 100
        }
        for f in firms {
            // the firm's own owners, named as the firm: what the other stakes leave of it
            let heldB = owners.reduce(0) { $0 + ($1 == f ? 0 : beta[$1]?[f] ?? 0) }
            let heldG = owners.reduce(0) { $0 + ($1 == f ? 0 : gamma[$1]?[f] ?? 0) }
            owner(f)
            beta[f, default: [:]][f] = max(0, 1 - heldB)
            gamma[f, default: [:]][f] = max(0, 1 - heldG)
        }
        var total = 0.0
        for (j, sj) in shares {
            let denominator = owners.reduce(0) { $0 + (gamma[$1]?[j] ?? 0) * (beta[$1]?[j] ?? 0) }
            guard denominator > 0 else { continue }
            for (k, sk) in shares {
                let numerator = owners.reduce(0) { $0 + (gamma[$1]?[j] ?? 0) * (beta[$1]?[k] ?? 0) }
                total += sj * sk * numerator / denominator
            }
        }
        return total
    }
}
