import Foundation
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

    /// A year earlier on the bytes, checked against Foundation's calendar on every day of four
    /// years (two leap days among them).
    @Test func aYearEarlierIsTheSameDayOfTheYearBefore() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let f = DateFormatter()
        f.calendar = calendar
        f.timeZone = calendar.timeZone
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd"
        var date = try #require(f.date(from: "2023-01-01"))
        for _ in 0..<(4 * 366) {
            let text = f.string(from: date)
            let expected = text.hasSuffix("-02-29") ? String(Int(text.prefix(4))! - 1) + "-02-28"
                : f.string(from: calendar.date(byAdding: .year, value: -1, to: date)!)
            #expect(Day(iso: text)?.yearEarlier?.text == expected, "\(text)")
            date = calendar.date(byAdding: .day, value: 1, to: date)!
        }
        #expect(Day(iso: "0001-06-30")?.yearEarlier == nil)
        #expect(Day(iso: "0010-01-01")?.yearEarlier?.text == "0009-01-01")
        #expect(Day(iso: "2000-01-01")?.yearEarlier?.text == "1999-01-01")
        #expect(Day(iso: "20x5-01-01")?.yearEarlier == nil)
    }
}
