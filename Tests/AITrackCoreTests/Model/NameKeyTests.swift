import Testing
@testable import AITrackCore

/// How names are compared: look-alikes fold to one key, and the one-pass ASCII check decides
/// as the predicate it replaced did.
@Suite struct NameKeyTests {
    @Test(arguments: [
        ("Meta Platforms", "meta platforms"), ("Meta\u{00A0}Platforms", "meta platforms"), ("Ｍeta", "meta"),
        ("Meta\u{200B}", "meta"), ("  Meta   Platforms ", "meta platforms"), ("CoreWeave", "coreweave"), ("", ""),
    ])
    func foldsLookAlikes(name: String, key: String) {
        #expect(NameKey.of(name) == key)
    }

    /// The predicate of before: printable ASCII or space, no double space, no space at either end.
    static func before(_ name: String) -> Bool {
        name.utf8.allSatisfy({ $0 >= 0x21 && $0 < 0x7F || $0 == 0x20 }) && !name.contains("  ")
            && name.first != " " && name.last != " " && !name.isEmpty
    }

    @Test(arguments: ["Meta", "Meta Platforms", " Meta", "Meta ", "Meta  AI", "a", " ", "", "x\u{7F}", "x\ty", "Müller",
                      "A B C", "~!@#$%^&*()", "a\u{00A0}b"])
    func plainASCIIAsBefore(name: String) {
        #expect(NameKey.isPlainASCII(name) == Self.before(name), "\(name)")
    }

    /// `closest` as it was: every name split into Characters.
    static func closestByCharacters(to key: String, in candidates: [String]) -> String? {
        let k = Array(key)
        let limit = CloseNames.allowedEdits(k.count)
        guard limit > 0 else { return nil }
        var best: (String, Int)?
        for c in candidates where c != key {
            let cc = Array(c)
            guard CloseNames.allowedEdits(cc.count) > 0, let d = CloseNames.osa(k, cc, limit: best.map { $0.1 - 1 } ?? limit) else { continue }
            if best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

    /// The byte path for ASCII names finds what the Character path found, on names that are
    /// close, far, of every length, and mixed with non-ASCII and CRLF names (which take the
    /// Character path).
    @Test(arguments: [1, 2, 3, 4])
    func closestOnBytesAsOnCharacters(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let alphabet = Array("abcAB C1-.é\u{301}") + ["\r\n"]
        func name() -> String { String((0..<Int.random(in: 0...10, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }) }
        var names = (0..<150).map { _ in name() }
        names += ["Company 0001", "Company 0002", "Compnay 0001", "company 0001", "Core Weave", "CoreWeave"]
        for key in names.prefix(80) + ["Company 0003", "CoreWeav", "abcd"] {
            #expect(CloseNames.closest(to: key, in: names) == Self.closestByCharacters(to: key, in: names), "\(key)")
        }
        #expect(CloseNames.closest(to: "Company 0003", in: names) == "Company 0001")
    }

    /// A metric key: by edits first, else the shortest key holding the words in order.
    @Test func closestKeyFindsAMetricByItsWords() {
        let known = ["cloud_compute_ai_share", "cloud_market_share", "ai_compute_h100e", "capex_usd"]
        #expect(CloseNames.closestKey(to: "cloud_share", in: known) == "cloud_market_share")
        #expect(CloseNames.closestKey(to: "capex_usf", in: known) == "capex_usd")
        #expect(CloseNames.closestKey(to: "share_cloud", in: known) == nil)   // the words' order counts
        #expect(CloseNames.closestKey(to: "gpu_hours", in: known) == nil)
    }
}
