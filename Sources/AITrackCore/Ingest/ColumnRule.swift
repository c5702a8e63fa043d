/// What a recipe expects of a CSV's header: every expected column and no other, after the
/// renames of known earlier names (an unknown or a missing column means upstream changed the
/// file, and nothing is read).
public struct ColumnRule: Sendable, Equatable {
    public var recipe: String
    public var expected: [String]
    public var renames: [String: String]

    /// The header with earlier names renamed, or the problem with it.
    func check(_ header: [String]) -> Result<[String], FieldProblem> {
        let renamed = header.map { renames[$0] ?? $0 }
        if let unknown = renamed.first(where: { !expected.contains($0) }) {
            return .failure(FieldProblem(field: "columns", problem: "'\(unknown)' is a column the recipe \(recipe) does not know "
                                         + "(upstream added or renamed it)", valid: "the recipe's columns: \(expected.joined(separator: ", "))"))
        }
        if let missing = expected.first(where: { !renamed.contains($0) }) {
            return .failure(FieldProblem(field: "columns",
                                         problem: "the recipe \(recipe) expects the column '\(missing)', which the file does not have",
                                         valid: "the file's columns: \(header.joined(separator: ", "))"))
        }
        return .success(renamed)
    }
}
