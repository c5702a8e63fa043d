import Testing
@testable import AITrackCore

@Suite struct MergerScreenTests {
    static func firm(_ name: String, _ share: Double) -> FirmShare { FirmShare(company: name, value: share, share: share) }

    /// The article's case: Alphabet 25.87 % and Meta 11.79 % of 2025's AI compute, HHI 1,332–1,386.
    @Test func combiningAddsTwiceTheProductToBothBounds() {
        let r = MergerScreen.combine(Self.firm("Alphabet", 25.87), Self.firm("Meta", 11.79), hhi: 1332...1386)
        #expect(abs(r.delta - 2 * 25.87 * 11.79) < 1e-9 && abs(r.delta - 610.0146) < 1e-4)
        #expect(r.hhiAfter.lowerBound == 1332 + r.delta && r.hhiAfter.upperBound == 1386 + r.delta)
        #expect(abs(r.combinedShare - 37.66) < 1e-9)
        let us2023 = r.verdicts.first { $0.regime == .us2023 }!
        // HHI after 1,942–1,996 > 1,800 with ΔHHI 610 > 100; and a combined share above 30 %
        #expect(us2023.text == "presumed to substantially lessen competition")
        let eu = r.verdicts.first { $0.regime == .eu2004 }!
        #expect(eu.text == "not cleared by the HHI screen")
        let us2010 = r.verdicts.first { $0.regime == .us2010 }!
        #expect(us2010.text == "potentially raises significant competitive concerns")
    }

    /// The thresholds are strict where the guidelines say "more than" and the verdict of each
    /// end of the bounds is said when they differ.
    @Test func theThresholdsAndTheirEdges() {
        #expect(MergerScreen.verdict(.us2023, postHHI: 1800, delta: 150, combinedShare: 20) == "not presumed by the structural test")
        #expect(MergerScreen.verdict(.us2023, postHHI: 1800.1, delta: 100.1, combinedShare: 20) == "presumed to substantially lessen competition")
        #expect(MergerScreen.verdict(.us2023, postHHI: 900, delta: 101, combinedShare: 30.5) == "presumed to substantially lessen competition")
        #expect(MergerScreen.verdict(.us2023, postHHI: 3000, delta: 100, combinedShare: 50) == "not presumed by the structural test")
        #expect(MergerScreen.verdict(.us2010, postHHI: 2600, delta: 201, combinedShare: 0) == "presumed likely to enhance market power")
        #expect(MergerScreen.verdict(.us2010, postHHI: 2600, delta: 150, combinedShare: 0) == "potentially raises significant competitive concerns")
        #expect(MergerScreen.verdict(.us2010, postHHI: 1500, delta: 101, combinedShare: 0) == "potentially raises significant competitive concerns")
        #expect(MergerScreen.verdict(.us2010, postHHI: 1499, delta: 500, combinedShare: 0) == "unlikely to have adverse competitive effects")
        #expect(MergerScreen.verdict(.eu2004, postHHI: 999, delta: 900, combinedShare: 0) == "unlikely to raise horizontal concerns")
        #expect(MergerScreen.verdict(.eu2004, postHHI: 2000, delta: 249, combinedShare: 0) == "unlikely to raise horizontal concerns")
        #expect(MergerScreen.verdict(.eu2004, postHHI: 2001, delta: 149, combinedShare: 0) == "unlikely to raise horizontal concerns")
        #expect(MergerScreen.verdict(.eu2004, postHHI: 2001, delta: 150, combinedShare: 0) == "not cleared by the HHI screen")
        let straddling = MergerScreen.combine(Self.firm("A", 10), Self.firm("B", 6), hhi: 1500...1700)   // Δ 120: after 1,620–1,820
        #expect(straddling.verdicts.first { $0.regime == .us2023 }!.text
                == "not presumed by the structural test (lower bound) to presumed to substantially lessen competition (upper bound)")
    }

    /// The golden case of the issue: shares 15/20/25/35/5 held as A, A, B, B, C by full ownership.
    @Test func fullOwnershipGivesTheHHIOfTheOwners() {
        let shares = [("F1", 15.0), ("F2", 20.0), ("F3", 25.0), ("F4", 35.0), ("F5", 5.0)].map { (firm: $0.0, share: $0.1) }
        let stakes = [("A", "F1"), ("A", "F2"), ("B", "F3"), ("B", "F4"), ("C", "F5")].map { MergerScreen.Stake(owner: $0.0, target: $0.1, ownership: 100) }
        #expect(abs(MergerScreen.modifiedHHI(shares: shares, stakes: stakes) - 4850) < 1e-9)
        #expect(abs(MergerScreen.modifiedHHI(shares: shares, stakes: []) - (225 + 400 + 625 + 1225 + 25)) < 1e-9)
    }

    /// Full ownership of random partitions: the MHHI is the HHI of the owners' summed shares.
    @Test func randomPartitionsAgreeWithTheMergedHHI() {
        var rng = SeededGenerator(seed: 20261206)
        for _ in 0..<500 {
            let n = Int(rng.next() % 8) + 2
            let raw = (0..<n).map { _ in Double(rng.next() % 1000 + 1) }
            let total = raw.reduce(0, +)
            let shares = raw.enumerated().map { (firm: "F\($0.offset)", share: 100 * $0.element / total) }
            let ownerOf = shares.map { _ in "O\(rng.next() % 3)" }
            let stakes = zip(ownerOf, shares).map { MergerScreen.Stake(owner: $0.0, target: $0.1.firm, ownership: 100) }
            var merged: [String: Double] = [:]
            for (o, s) in zip(ownerOf, shares) { merged[o, default: 0] += s.share }
            let expected = merged.values.reduce(0) { $0 + $1 * $1 }
            #expect(abs(MergerScreen.modifiedHHI(shares: shares, stakes: stakes) - expected) < 1e-6)
        }
    }

    /// A silent stake (ownership without control) raises the MHHI by the owner's share of the
    /// rival's profits, as O'Brien and Salop's formula gives by hand: firm 1 (share 30) holds
    /// 20 % of firm 2 (share 20) without control; firm 2's own owners keep full control.
    @Test func aSilentStakeByHand() {
        let shares = [(firm: "F1", share: 30.0), (firm: "F2", share: 20.0), (firm: "F3", share: 50.0)]
        // j = F1, k = F2: γ(F1,F1)·β(F1,F2) / γ(F1,F1)·β(F1,F1) = 0.2 → + 30 · 20 · 0.2 = 120;
        // j = F2: F1 has no control of F2, so no cross term the other way
        let silent = MergerScreen.Stake(owner: "F1", target: "F2", ownership: 20, control: 0)
        #expect(abs(MergerScreen.modifiedHHI(shares: shares, stakes: [silent]) - (900 + 400 + 2500 + 120)) < 1e-9)
        // held by an outside investor who controls neither: no cross term at all
        let outside = MergerScreen.Stake(owner: "Fund", target: "F2", ownership: 20, control: 0)
        #expect(abs(MergerScreen.modifiedHHI(shares: shares, stakes: [outside]) - (900 + 400 + 2500)) < 1e-9)
        // with control in proportion (20 %): j = F2's denominator 0.8·0.8 + 0.2·0.2 = 0.68, its
        // numerator for k = F1 is 0.2·1 = 0.2 → + 20 · 30 · 0.2 / 0.68; F2 with itself stays 1
        let voting = MergerScreen.Stake(owner: "F1", target: "F2", ownership: 20)
        let cross: Double = 20 * 30 * 0.2 / 0.68
        let expected: Double = 3920 + cross
        #expect(abs(MergerScreen.modifiedHHI(shares: shares, stakes: [voting]) - expected) < 1e-9)
    }
}
