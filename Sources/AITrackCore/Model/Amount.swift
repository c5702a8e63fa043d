import Foundation

/// Parses numbers as users write them: `86000000000`, `86e9`, `10 bn`, `1.5k`, `2 tn`,
/// `550,000`. Suffixes (case-insensitive): `k`/`thousand`, `m`/`mn`/`million`,
/// `bn`/`b`/`billion`, `tn`/`t`/`trillion`. The result is the correctly rounded Double of
/// the exact decimal value (so `1.16 bn` is exactly 1160000000).
public enum Amount {
    public static let validForms = "valid: a number such as 10000000000, 10e9, 10 bn, 1.5k or 2 tn"

    private static let suffixes: [String: Int] = [
        "k": 3, "thousand": 3,
        "m": 6, "mn": 6, "mio": 6, "million": 6,
        "b": 9, "bn": 9, "billion": 9,
        "t": 12, "tn": 12, "trillion": 12,
    ]

    /// Values must be below this in magnitude: no market in any unit reaches it, and sums and
    /// ratios of such values stay finite.
    public static let limit = 1e18
    public static let limitText = "aitrack takes values below 1e18 in magnitude"

    public static func parse(_ text: String, field: String) throws(FieldProblem) -> Double {
        guard let v = parseOrNil(text) else {
            if let point = decimalCommaForm(text) {
                throw FieldProblem(field: field, problem: "'\(text)' has a comma after the decimal point",
                                   valid: "use a point for decimals: \(point)")
            }
            if overflows(text) { throw tooLarge(text, field: field) }
            throw FieldProblem(field: field, problem: "'\(text)' is not a number", valid: validForms)
        }
        try checkLimit(v, text: text, field: field)
        return v
    }

    /// Refuses a value of magnitude 1e18 or more (`text` as the user wrote it, for the message).
    public static func checkLimit(_ v: Double, text: String, field: String) throws(FieldProblem) {
        guard v.isFinite, abs(v) < limit else { throw tooLarge(text, field: field) }
    }

    static func tooLarge(_ text: String, field: String) -> FieldProblem {
        FieldProblem(field: field, problem: "'\(text)' is too large", valid: limitText)
    }

    /// A number in digits whose exponent is beyond any Double (`1e400`, `9e308`, `1e300 tn`).
    private static func overflows(_ text: String) -> Bool {
        var t = text.trimmed.lowercased()
        if let idx = t.lastIndex(where: { $0.isNumber }) { t = String(t[...idx]) }
        guard t.allSatisfy({ ($0.isASCII && $0.isNumber) || ".e+-".contains($0) }),
              let e = t.firstIndex(of: "e"), let ev = Int(t[t.index(after: e)...]), ev > 0 else { return false }
        return ev >= 400 || Double(t).map { $0.isInfinite } == true
    }

    /// `1.000,5` (a point grouping thousands, a comma for decimals): the value written with a
    /// point for decimals (`1000.5`), for the message; nil for anything else.
    static func decimalCommaForm(_ text: String) -> String? {
        var t = text.trimmed
        var tail = ""
        if let idx = t.lastIndex(where: { $0.isNumber }) {
            tail = String(t[t.index(after: idx)...])
            t = String(t[...idx])
        }
        guard let comma = t.lastIndex(of: ","), let point = t.firstIndex(of: "."), point < comma,
              t.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." || $0 == "," || $0 == "-" || $0 == "+" }) else { return nil }
        return t.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".") + tail
    }

    public static func parseOrNil(_ text: String) -> Double? {
        plainDecimal(text) ?? general(text)
    }

    /// Any form: trimmed, signed, grouped, with an exponent or a suffix.
    static func general(_ text: String) -> Double? {
        var s = Substring(text.trimmed)
        guard !s.isEmpty else { return nil }
        // suffix
        var shift = 0
        if let idx = s.lastIndex(where: { $0.isNumber || $0 == "." }) {
            let tail = s[s.index(after: idx)...].trimmed.lowercased()
            if !tail.isEmpty {
                // an exponent such as e9 ends in a digit, so the tail is a word suffix here
                guard let sh = suffixes[tail] else { return nil }
                shift = sh
                s = s[...idx]
            }
        } else {
            return nil
        }
        var sign = ""
        if s.first == "-" || s.first == "+" {
            if s.first == "-" { sign = "-" }
            s = s.dropFirst()
        }
        // split mantissa and exponent
        var mantissa = s
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = s[..<e]
            let expText = s[s.index(after: e)...]
            guard !expText.isEmpty, let ev = Int(expText), abs(ev) < 400 else { return nil }
            exponent = ev
        }
        // thousands separators: only as proper groups of three
        if mantissa.contains(",") {
            let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            // a comma belongs to the integer part only: `1.000,5` is not 1.0005
            guard parts.count == 1 || !parts[1].contains(",") else { return nil }
            let intPart = parts[0]
            let groups = intPart.split(separator: ",", omittingEmptySubsequences: false)
            guard let g0 = groups.first, (1...3).contains(g0.count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            mantissa = Substring(mantissa.replacingOccurrences(of: ",", with: ""))
        }
        let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let intDigits = pieces[0]
        let fracDigits = pieces.count > 1 ? pieces[1] : ""
        guard !(intDigits.isEmpty && fracDigits.isEmpty),
              intDigits.allSatisfy({ $0.isASCII && $0.isNumber }),
              fracDigits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let digits = String(intDigits) + String(fracDigits)
        let exp10 = exponent + shift - fracDigits.count
        guard let v = Double("\(sign)\(digits)e\(exp10)"), v.isFinite else { return nil }
        return v
    }

    /// The common case, `-?digits(.digits)?` and nothing else, read by one pass over its bytes
    /// and the same correctly rounded conversion the general path ends in (which spent 20,000
    /// instructions a number on Characters). Anything else — a sign `+`, spaces, separators,
    /// exponents, suffixes — is nil here and takes the general path.
    static func plainDecimal(_ text: String) -> Double? {
        var digits = 0, point = false, digitsAfterPoint = 0, first = true
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                if point { digitsAfterPoint += 1 }
            case UInt8(ascii: "-") where first: break
            case UInt8(ascii: ".") where digits > 0 && !point: point = true
            default: return nil
            }
            first = false
        }
        guard digits > 0, !point || digitsAfterPoint > 0, digits <= 40, let v = Double(text), v.isFinite else { return nil }
        return v
    }
}

/// Formats numbers for people and for machines.
public enum NumberText {
    /// Shortest text that reads back to the same Double, without exponent for ordinary
    /// magnitudes: `10000000000`, `1.16`, `73.56`.
    /// A value that is not finite (only a file written around the schema's checks holds one,
    /// or a sum past Double's range) reads "n/a": no output ever says `inf` or `nan`.
    public static func plain(_ v: Double) -> String {
        if !v.isFinite { return "n/a" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        let s = "\(v)"
        if s.contains("e") {
            // expand small exponents for readability; keep exponent for extremes
            if abs(v) >= 1e-6 && abs(v) < 1e21 {
                return expand(s)
            }
        }
        return s
    }

    private static func expand(_ s: String) -> String {
        let parts = s.split(separator: "e")
        guard parts.count == 2, let exp = Int(parts[1]) else { return s }
        var mant = String(parts[0])
        var neg = false
        if mant.hasPrefix("-") { neg = true; mant.removeFirst() }
        let mp = mant.split(separator: ".", omittingEmptySubsequences: false)
        var digits = String(mp[0]) + (mp.count > 1 ? String(mp[1]) : "")
        var point = mp[0].count + exp
        if point <= 0 {
            digits = String(repeating: "0", count: -point + 1) + digits
            point = 1
        }
        if point >= digits.count {
            digits += String(repeating: "0", count: point - digits.count)
            return (neg ? "-" : "") + digits
        }
        let idx = digits.index(digits.startIndex, offsetBy: point)
        var r = String(digits[..<idx]) + "." + String(digits[idx...])
        while r.hasSuffix("0") { r.removeLast() }
        if r.hasSuffix(".") { r.removeLast() }
        return (neg ? "-" : "") + r
    }

    /// Grouped for a terminal: `10,000,000,000`, `1,234.5`.
    public static func grouped(_ v: Double, decimals: Int? = nil) -> String {
        var s: String
        if let decimals {
            s = fixed(v, decimals)
        } else {
            s = plain(v)
        }
        if s.contains("e") { return s }
        var neg = false
        if s.hasPrefix("-") { neg = true; s.removeFirst() }
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var intPart = String(parts[0])
        var out = ""
        while intPart.count > 3 {
            out = "," + intPart.suffix(3) + out
            intPart = String(intPart.dropLast(3))
        }
        out = intPart + out
        if parts.count > 1 { out += "." + parts[1] }
        return (neg ? "-" : "") + out
    }

    /// Fixed decimals, rounded half away from zero on the decimal value.
    public static func fixed(_ v: Double, _ decimals: Int) -> String {
        let scale = pow10(decimals)
        // a value of 2^52 or more is whole already: scaling it would only lose digits (1e21 came
        // back as 999999999999999900000) or, near Double's largest, overflow
        let r = abs(v) >= 4_503_599_627_370_496 || !v.isFinite ? v : (v * scale).rounded(.toNearestOrAwayFromZero) / scale
        var s = plain(r)
        // not finite, or in exponent form (1e+21): no fraction digits to pad
        guard r.isFinite, !s.contains("e") else { return s }
        if decimals > 0 {
            if !s.contains(".") { s += "." }
            let have = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[1].count
            if have < decimals { s += String(repeating: "0", count: decimals - have) }
        }
        return s
    }

    /// Money and large counts for people: `10 bn`, `86 bn`, `1.16 bn`, `774,000`.
    public static func human(_ v: Double) -> String {
        guard v.isFinite else { return "n/a" }
        let a = abs(v)
        if a >= 1e12 { return trim(v / 1e12) + " tn" }
        if a >= 1e9 { return trim(v / 1e9) + " bn" }
        if a >= 1e6 && a.truncatingRemainder(dividingBy: 1e4) == 0 { return trim(v / 1e6) + " m" }
        return grouped(v)
    }

    private static func trim(_ v: Double) -> String {
        var s = fixed(v, 3)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    private static func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<n { r *= 10 }
        return r
    }
}
