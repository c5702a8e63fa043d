import Foundation

/// A parsed JSON value. Numbers keep their text so that `10e9` or `0.1` reach the number
/// parser exactly as written; objects keep their key order.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The value of an object's member, nil when absent or not an object.
    public func member(_ key: String) -> JSONValue? {
        guard case .object(let o) = self else { return nil }
        return o.first { $0.0 == key }?.1
    }

    /// The JSON type's name, for messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// A small, strict JSON parser over UTF-8 bytes (RFC 8259). Errors give the column.
public struct JSONParser {
    public struct Failure: Error, Equatable {
        public var column: Int
        public var message: String
    }

    /// How deep arrays and objects may nest (an entry needs 3).
    public static let maxDepth = 64

    private let bytes: [UInt8]
    private var i: Int

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.i = 0
    }

    /// Parses exactly one value (surrounding white space allowed).
    public static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
        var p = JSONParser(bytes)
        p.skipSpace()
        let v = try p.value(depth: 0)
        p.skipSpace()
        if p.i < p.bytes.count { throw p.fail("unexpected text after the JSON value") }
        return v
    }

    /// Parses a top-level array, giving each element with the byte offset it starts at.
    public static func parseTopLevelArray(_ bytes: [UInt8]) throws(Failure) -> [(Int, JSONValue)] {
        var p = JSONParser(bytes)
        p.skipSpace()
        guard p.i < bytes.count, bytes[p.i] == UInt8(ascii: "[") else { throw p.fail("expected a JSON array") }
        p.i += 1
        var items: [(Int, JSONValue)] = []
        p.skipSpace()
        if p.i < bytes.count, bytes[p.i] == UInt8(ascii: "]") {
            p.i += 1
        } else {
            while true {
                p.skipSpace()
                let start = p.i
                items.append((start, try p.value(depth: 1)))
                p.skipSpace()
                guard p.i < bytes.count else { throw p.fail("the JSON array is not closed (truncated?)") }
                if bytes[p.i] == UInt8(ascii: ",") { p.i += 1; continue }
                if bytes[p.i] == UInt8(ascii: "]") { p.i += 1; break }
                throw p.fail("expected ',' or ']'")
            }
        }
        p.skipSpace()
        if p.i < bytes.count { throw p.fail("unexpected text after the JSON array") }
        return items
    }

    public static func parse(_ text: String) throws(Failure) -> JSONValue {
        try parse(Array(text.utf8))
    }

    private func fail(_ m: String) -> Failure { Failure(column: i + 1, message: m) }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    private mutating func value(depth: Int) throws(Failure) -> JSONValue {
        guard depth < JSONParser.maxDepth else { throw fail("JSON nested too deeply") }
        guard i < bytes.count else { throw fail("the JSON ends too early (truncated?)") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw fail("expected a JSON value")
        }
    }

    private mutating func literal(_ word: String) throws(Failure) {
        for b in word.utf8 {
            guard i < bytes.count, bytes[i] == b else { throw fail("expected a JSON value") }
            i += 1
        }
    }

    private mutating func object(depth: Int) throws(Failure) -> JSONValue {
        i += 1
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(16)   // an entry has up to 16 fields: one allocation, not five
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
        while true {
            skipSpace()
            guard i < bytes.count else { throw fail("the JSON object is not closed (truncated?)") }
            guard bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
            let key = try string()
            if members.contains(where: { $0.0 == key }) { throw fail("the key \"\(key)\" appears twice") }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after the key") }
            i += 1
            skipSpace()
            members.append((key, try value(depth: depth + 1)))
            skipSpace()
            guard i < bytes.count else { throw fail("the JSON object is not closed (truncated?)") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
            throw fail("expected ',' or '}'")
        }
    }

    private mutating func array(depth: Int) throws(Failure) -> JSONValue {
        i += 1
        var items: [JSONValue] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try value(depth: depth + 1))
            skipSpace()
            guard i < bytes.count else { throw fail("the JSON array is not closed (truncated?)") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            throw fail("expected ',' or ']'")
        }
    }

    private mutating func number() throws(Failure) -> String {
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        guard i < bytes.count, isDigit(bytes[i]) else { throw fail("malformed number") }
        if bytes[i] == 0x30 { i += 1 } else { while i < bytes.count, isDigit(bytes[i]) { i += 1 } }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw fail("malformed number") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw fail("malformed number") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    private mutating func string() throws(Failure) -> String {
        let opening = i
        func failAtOpening(_ m: String) -> Failure { Failure(column: opening + 1, message: m) }
        i += 1
        // The common case — no escape, all ASCII — makes its String straight from the bytes:
        // no copy into a buffer, and no UTF-8 validation (ASCII is valid UTF-8).
        var ascii = true
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                if ascii { return String(decoding: bytes[(opening + 1)..<(i - 1)], as: UTF8.self) }
                guard let s = String(validating: bytes[(opening + 1)..<(i - 1)], as: UTF8.self) else {
                    throw failAtOpening("a string that is not valid UTF-8")
                }
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw fail("a control character inside a string") }
            if b >= 0x80 { ascii = false }
            i += 1
        }
        i = opening + 1
        var out: [UInt8] = []
        var start = i
        while true {
            guard i < bytes.count else { throw failAtOpening("a string is not closed (truncated?)") }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                out.append(contentsOf: bytes[start..<i])
                i += 1
                break
            }
            if b < 0x20 { throw fail("a control character inside a string") }
            if b == UInt8(ascii: "\\") {
                out.append(contentsOf: bytes[start..<i])
                i += 1
                guard i < bytes.count else { throw fail("a string is not closed (truncated?)") }
                switch bytes[i] {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "\\"), bytes[i + 2] == UInt8(ascii: "u") else {
                            throw fail("a lone surrogate in \\u escape")
                        }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw fail("a lone surrogate in \\u escape") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw fail("an invalid \\u escape") }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    throw fail("an invalid escape in a string")
                }
                i += 1
                start = i
                continue
            }
            i += 1
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw failAtOpening("a string that is not valid UTF-8") }
        return s
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            i += 1
            guard i < bytes.count, let h = hexValue(bytes[i]) else { throw fail("an invalid \\u escape") }
            v = v * 16 + h
        }
        return v
    }

    private func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: return UInt32(b - 0x30)
        case 0x41...0x46: return UInt32(b - 0x41 + 10)
        case 0x61...0x66: return UInt32(b - 0x61 + 10)
        default: return nil
        }
    }
}

/// Writes JSON text. Keys in the order given; numbers as given.
public enum JSONWriter {
    public static func write(_ v: JSONValue, into out: inout String) {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): quote(s, into: &out)
        case .array(let a):
            out += "["
            for (k, x) in a.enumerated() {
                if k > 0 { out += "," }
                write(x, into: &out)
            }
            out += "]"
        case .object(let o):
            out += "{"
            for (k, (key, x)) in o.enumerated() {
                if k > 0 { out += "," }
                quote(key, into: &out)
                out += ":"
                write(x, into: &out)
            }
            out += "}"
        }
    }

    public static func string(_ v: JSONValue) -> String {
        var s = ""
        write(v, into: &s)
        return s
    }

    /// Indented, for people reading JSON output.
    public static func pretty(_ v: JSONValue, indent: Int = 0, into out: inout String) {
        let pad = String(repeating: "  ", count: indent + 1)
        let end = String(repeating: "  ", count: indent)
        switch v {
        case .array(let a) where !a.isEmpty:
            out += "[\n"
            for (k, x) in a.enumerated() {
                out += pad
                pretty(x, indent: indent + 1, into: &out)
                out += k < a.count - 1 ? ",\n" : "\n"
            }
            out += end + "]"
        case .object(let o) where !o.isEmpty:
            out += "{\n"
            for (k, (key, x)) in o.enumerated() {
                out += pad
                quote(key, into: &out)
                out += ": "
                pretty(x, indent: indent + 1, into: &out)
                out += k < o.count - 1 ? ",\n" : "\n"
            }
            out += end + "}"
        default:
            write(v, into: &out)
        }
    }

    public static func prettyString(_ v: JSONValue) -> String {
        var s = ""
        pretty(v, into: &s)
        return s
    }

    public static func quote(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}

extension JSONValue {
    /// A number; one that is not finite is `null` (JSON has no infinity or NaN).
    public static func num(_ d: Double) -> JSONValue { d.isFinite ? .number(NumberText.plain(d)) : .null }
    public static func num(_ i: Int) -> JSONValue { .number(String(i)) }
    public static func str(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    public static func num(_ d: Double?) -> JSONValue { d.map { JSONValue.num($0) } ?? .null }
}
