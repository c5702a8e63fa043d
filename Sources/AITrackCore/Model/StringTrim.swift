extension StringProtocol {
    /// Without leading and trailing white space and newlines; fast when there is none (the
    /// ingest hot path), unlike Foundation's trimmingCharacters on Linux.
    var trimmed: String {
        // most fields begin and end with a printable ASCII character: decided on two bytes,
        // without a look-up of Unicode properties
        let whole = String(self)
        if let f = whole.utf8.first, let l = whole.utf8.last, Self.printableASCII(f), Self.printableASCII(l) { return whole }
        guard let f = unicodeScalars.first, let l = unicodeScalars.last else { return "" }
        if !f.properties.isWhitespace && !l.properties.isWhitespace { return whole }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[start...end])
        return String(out)
    }

    /// An ASCII byte that is not white space (U+0009–U+000D, U+0020): the Unicode White_Space
    /// characters outside ASCII are all several bytes long in UTF-8.
    private static func printableASCII(_ b: UInt8) -> Bool {
        b > 0x20 && b < 0x80
    }
}

extension String {
    /// Whether a text holds nothing visible: only white space, control and format characters
    /// (zero-width spaces and joiners, word joiner, BOM, soft hyphen, bidirectional marks).
    var isBlank: Bool {
        // most text starts with a visible ASCII character: no Unicode look-up
        if let b = utf8.first, b > 0x20 && b < 0x7F { return false }
        return unicodeScalars.allSatisfy { u in
            u.properties.isWhitespace || u.properties.generalCategory == .format || u.properties.generalCategory == .control
        }
    }
}
