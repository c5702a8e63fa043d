import Testing
@testable import AITrackCore

/// A day packed in two integers orders as its text does and gives its text back.
@Suite struct DayTests {
    @Test func ordersAsItsTextAndGivesItBack() {
        var rng = SeededGenerator(seed: 11)
        let alphabet = Array("0123456789-Q ~\u{7F}".utf8) + [0, 0xC3, 0xFF]
        let texts = (0..<400).map { _ in String(decoding: (0..<10).map { _ in alphabet.randomElement(using: &rng)! }, as: UTF8.self) }
            .filter { $0.utf8.count == 10 } + ["2025-01-01", "2025-12-31", "0001-01-01", "9999-12-31"]
        let days = texts.map { Day(iso: $0)! }
        for (a, da) in zip(texts, days) {
            #expect(da.text == a)
            for (b, db) in zip(texts.prefix(40), days.prefix(40)) {
                #expect((da < db) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) \(b)")
                #expect((da == db) == (Array(a.utf8) == Array(b.utf8)))
            }
        }
    }

    @Test func onlyTenBytes() {
        #expect(Day(iso: "2025-1-01") == nil)
        #expect(Day(iso: "2025-01-011") == nil)
        #expect(Day(iso: "") == nil)
        #expect(Day(iso: "2025-01-01")?.text == "2025-01-01")
    }
}
