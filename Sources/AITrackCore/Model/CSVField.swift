import Foundation

/// One field of RFC 4180 CSV (or TSV): quoted, with its quotes doubled, when it holds the
/// separator, a quote or a line break. The listings' CSV and the export's both write it so.
enum CSVField {
    static func quoted(_ s: String, _ separator: Character) -> String {
        if s.contains(separator) || s.contains("\"") || s.contains("\n") || s.contains("\r") {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}
