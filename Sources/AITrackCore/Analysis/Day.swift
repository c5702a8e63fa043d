import Foundation

/// A stored day (`YYYY-MM-DD`: ten bytes by the schema's check) in two integers that order as
/// its text does, so that rows copy without reference counting and compare in two steps. A
/// date of another length means the file was written around the schema's checks: refused.
struct Day: Comparable, Hashable, Sendable {
    private let head: UInt64, tail: UInt16

    init(_ bytes: UnsafeBufferPointer<UInt8>, statistic: Int64) throws {
        guard bytes.count == 10 else {
            throw QueryProblem.brokenRow(table: "statistics", id: statistic, column: "date", value: String(decoding: bytes, as: UTF8.self))
        }
        head = bytes.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
        tail = UInt16(bytes[8]) << 8 | UInt16(bytes[9])
    }

    /// A day's text (nil unless ten bytes long).
    init?(iso: String) {
        guard let day = Array(iso.utf8).withUnsafeBufferPointer({ try? Day($0, statistic: 0) }) else { return nil }
        self = day
    }

    var text: String {
        String(unsafeUninitializedCapacity: 10) { buffer in
            for k in 0..<8 { buffer[k] = UInt8(truncatingIfNeeded: head >> (56 - 8 * k)) }
            (buffer[8], buffer[9]) = (UInt8(tail >> 8), UInt8(truncatingIfNeeded: tail))
            return 10
        }
    }

    /// The same day a year earlier (29 February: the 28th): what a figure of this day is
    /// compared with. Nil in year 1 (or for bytes that are not a date). On the bytes: the
    /// report asks it of every group.
    var yearEarlier: Day? {
        func digit(_ k: UInt64) -> Int { Int((head >> (56 - 8 * k)) & 0xFF) - 0x30 }
        let (d0, d1, d2, d3) = (digit(0), digit(1), digit(2), digit(3))
        guard (0...9).contains(d0), (0...9).contains(d1), (0...9).contains(d2), (0...9).contains(d3) else { return nil }
        let year = d0 * 1000 + d1 * 100 + d2 * 10 + d3 - 1
        guard year >= 1 else { return nil }
        let digits = UInt64(0x30 + year / 1000) << 24 | UInt64(0x30 + year / 100 % 10) << 16
            | UInt64(0x30 + year / 10 % 10) << 8 | UInt64(0x30 + year % 10)
        let newHead = digits << 32 | head & 0xFFFF_FFFF
        // "-02-" in bytes 4 to 7 and "29"
        let february29 = head & 0xFFFF_FFFF == 0x2D30_322D && tail == 0x3239
        return Day(head: newHead, tail: february29 ? 0x3238 : tail)
    }

    private init(head: UInt64, tail: UInt16) { (self.head, self.tail) = (head, tail) }

    /// The day as one word, for hashing.
    var mixed: UInt64 { head ^ UInt64(tail) &* 0x9E37_79B9_7F4A_7C15 }

    static func < (a: Day, b: Day) -> Bool { (a.head, a.tail) < (b.head, b.tail) }
}
