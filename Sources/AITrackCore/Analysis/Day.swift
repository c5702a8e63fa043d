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
    /// compared with. Nil before year 2.
    var yearEarlier: Day? {
        let t = text
        guard let year = Int(t.prefix(4)), year > 1 else { return nil }
        let rest = t.dropFirst(4) == "-02-29" ? "-02-28" : String(t.dropFirst(4))
        return Day(iso: String(repeating: "0", count: 4 - String(year - 1).count) + String(year - 1) + rest)
    }

    static func < (a: Day, b: Day) -> Bool { (a.head, a.tail) < (b.head, b.tail) }
}
