extension StringProtocol {
    /// Without leading and trailing white space and newlines; fast when there is none (the
    /// ingest hot path), unlike Foundation's trimmingCharacters on Linux.
    var trimmed: String {
        guard let f = unicodeScalars.first, let l = unicodeScalars.last else { return "" }
        if !f.properties.isWhitespace && !l.properties.isWhitespace { return String(self) }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[start...end])
        return String(out)
    }
}
