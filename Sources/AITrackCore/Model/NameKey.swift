import Foundation

/// How names are compared: a company's name and its aliases are stored as given and compared
/// by this key, so that look-alikes (`Meta<NBSP>Platforms`, `Ｍeta`, `Meta\u{200B}`) resolve
/// to the company they imitate instead of splitting it.
public enum NameKey {
    /// Unicode NFKC (fullwidth and compatibility forms to their plain letters), every kind of
    /// space folded to one ASCII space, invisible format characters (zero-width spaces and
    /// joiners, soft hyphen, word joiner, BOM, bidirectional marks) removed, trimmed, and
    /// lowercased.
    public static func of(_ name: String) -> String {
        // the common case — printable ASCII with single spaces — needs no Unicode work
        if isPlainASCII(name) { return name.lowercased() }
        let nfkc = name.precomposedStringWithCompatibilityMapping
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for u in nfkc.unicodeScalars {
            if u.properties.generalCategory == .format { continue }
            if u.properties.isWhitespace || u.properties.generalCategory == .control {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(u)
        }
        return String(out).lowercased()
    }

    /// Printable ASCII, no space at either end and none doubled: one pass over the bytes
    /// (not `contains("  ")`, which goes through Foundation's string search).
    static func isPlainASCII(_ name: String) -> Bool {
        var previous: UInt8 = 0x20   // a leading space counts as doubled
        for b in name.utf8 {
            guard b >= 0x20 && b < 0x7F, !(b == 0x20 && previous == 0x20) else { return false }
            previous = b
        }
        return previous != 0x20       // neither empty nor ending in a space
    }
}

/// Characters no stored text may hold: C0 and C1 control characters and DEL. Tab and line
/// breaks are allowed only in free text (notes, titles, purposes), where `multiline` is true.
public enum ControlCharacters {
    public static func first(in s: String, multiline: Bool) -> Unicode.Scalar? {
        if isPrintableASCII(s) { return nil }
        for u in s.unicodeScalars where u.properties.generalCategory == .control {
            if multiline && (u == "\t" || u == "\n" || u == "\r") { continue }
            return u
        }
        return nil
    }

    /// Whether every byte is printable ASCII (the fast path: no control character possible).
    public static func isPrintableASCII(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }
            ?? s.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// `U+0000`, for messages.
    public static func name(_ u: Unicode.Scalar) -> String {
        let h = String(u.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - h.count)) + h
    }
}

/// Finds stored names a new one is close to (a typo?), by edit distance on `NameKey`s.
public enum CloseNames {
    /// The most edits (insert, delete, substitute, swap two neighbours) for a name of `length`
    /// characters to count as close: none below 4 characters, 1 up to 7, 2 from 8.
    public static func allowedEdits(_ length: Int) -> Int {
        length < 4 ? 0 : length < 8 ? 1 : 2
    }

    /// The optimal-string-alignment distance, or nil when it is above `limit` (early exit), on
    /// any elements: Characters, or the bytes of ASCII text (one Character each).
    static func osa<Element: Equatable>(_ a: [Element], _ b: [Element], limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        var prev2 = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] { v = min(v, prev2[j - 2] + 1) }
                cur[j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > limit { return nil }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[b.count] <= limit ? prev[b.count] : nil
    }

    /// The closest of `candidates` (keys) to `key`, if any is close; ties go to the first.
    public static func closest(to key: String, in candidates: [String]) -> String? {
        let k = Array(key)
        let limit = allowedEdits(k.count)
        guard limit > 0 else { return nil }
        // ASCII without CR ("\r\n" is one Character) is one Character a byte: compared as bytes,
        // not split into Characters for every candidate (a first ingest of 2,000 companies spent
        // a quarter of its writing thread here)
        let keyBytes = isOneCharacterPerByte(key) ? Array(key.utf8) : nil
        var best: (String, Int)?
        for c in candidates where c != key {
            let bound = best.map { $0.1 - 1 } ?? limit
            let d: Int?
            if let keyBytes, isOneCharacterPerByte(c) {
                guard allowedEdits(c.utf8.count) > 0 else { continue }
                d = osa(keyBytes, Array(c.utf8), limit: bound)
            } else {
                let cc = Array(c)
                guard allowedEdits(cc.count) > 0 else { continue }
                d = osa(k, cc, limit: bound)
            }
            guard let d else { continue }
            if best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

    /// For snake_case keys (metrics): the closest by edits, else the shortest candidate whose
    /// words include the key's words in order (`cloud_share` → `cloud_market_share`).
    public static func closestKey(to key: String, in candidates: [String]) -> String? {
        if let c = closest(to: key, in: candidates) { return c }
        let words = key.lowercased().split(separator: "_").filter { !$0.isEmpty }
        guard !words.isEmpty else { return nil }
        func contains(_ c: String) -> Bool {
            var rest = c.lowercased().split(separator: "_")[...]
            for w in words {
                guard let k = rest.firstIndex(of: w) else { return false }
                rest = rest[(k + 1)...]
            }
            return true
        }
        return candidates.filter { $0 != key && contains($0) }.min { ($0.count, $0) < ($1.count, $1) }
    }

    static func isOneCharacterPerByte(_ s: String) -> Bool {
        s.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D }
    }
}
