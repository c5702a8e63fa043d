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
        if name.utf8.allSatisfy({ $0 >= 0x21 && $0 < 0x7F || $0 == 0x20 }) && !name.contains("  ")
            && name.first != " " && name.last != " " {
            return name.lowercased()
        }
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
}

/// Characters no stored text may hold: C0 and C1 control characters and DEL. Tab and line
/// breaks are allowed only in free text (notes, titles, purposes), where `multiline` is true.
public enum ControlCharacters {
    public static func first(in s: String, multiline: Bool) -> Unicode.Scalar? {
        // fast path: printable ASCII
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F }) && s.utf8.allSatisfy({ $0 < 0x80 }) { return nil }
        for u in s.unicodeScalars where u.properties.generalCategory == .control {
            if multiline && (u == "\t" || u == "\n" || u == "\r") { continue }
            return u
        }
        return nil
    }

    /// `U+0000`, for messages.
    public static func name(_ u: Unicode.Scalar) -> String {
        let h = String(u.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - h.count)) + h
    }
}
