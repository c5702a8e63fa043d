/// A help text's `USAGE:` synopsis folded to a width at the spaces between arguments, never
/// inside one (`[--from <file>]` stays whole), each continuation indented under the first
/// argument; every other line is left as it is.
public enum UsageWrap {
    public static func wrap(_ help: String, width: Int) -> String {
        help.components(separatedBy: "\n").map { line in
            line.hasPrefix("USAGE:") && line.count > width ? fold(line, width: width) : line
        }.joined(separator: "\n")
    }

    /// The synopsis split into its words: the program and command words, then one item per
    /// argument (a bracketed group, with what follows it up to the next space, is one item).
    static func items(_ line: String) -> [String] {
        var items: [String] = [], current = "", depth = 0
        for ch in line {
            if ch == "[" || ch == "<" || ch == "(" { depth += 1 }
            if ch == "]" || ch == ">" || ch == ")" { depth = max(0, depth - 1) }
            if ch == " " && depth == 0 {
                if !current.isEmpty { items.append(current) }
                current = ""
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { items.append(current) }
        return items
    }

    static func fold(_ line: String, width: Int) -> String {
        let words = items(line)
        // "USAGE:", "aitrack", the command words (no option or argument yet)
        let head = words.prefix { !$0.hasPrefix("-") && !$0.hasPrefix("[") && !$0.hasPrefix("<") }
        let prefix = head.joined(separator: " ")
        var indent = String(repeating: " ", count: prefix.count + 1)
        if indent.count > width / 2 { indent = "        " }
        if head.count == words.count { return line }
        var lines: [String] = [], current = prefix
        for word in words.dropFirst(head.count) {
            if current.count + 1 + word.count > width, current != prefix, current != indent {
                lines.append(current)
                current = indent + word
            } else {
                current += (current == indent ? "" : " ") + word
            }
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }
}
