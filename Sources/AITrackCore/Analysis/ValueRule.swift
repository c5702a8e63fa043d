/// The values the schema's CHECKs allow a statistic, for what reads a file another program may
/// have written around them (`PRAGMA ignore_check_constraints`): values are finite; negative only
/// in a unit of change; a percent at most 100; a concentration ratio a percent, an HHI at most
/// 10,000 points. A reader that meets another value stops with the row, never computes with it.
struct ValueRule: Sendable {
    let negativeAllowed: Bool, maximum: Double

    init(unit: String, measure: Measure = .value) {
        negativeAllowed = unit == Units.percentChange && measure == .value
        maximum = measure == .hhi ? 10_000 : measure.crN != nil || unit == Units.percent ? 100 : .greatestFiniteMagnitude
    }

    /// The value as a message shows it, when the schema refuses it; nil when it allows it.
    func problem(_ v: Double) -> String? {
        if v.isNaN { return "not a number" }
        if v.isInfinite { return v > 0 ? "infinity" : "-infinity" }
        if (v < 0 && !negativeAllowed) || v > maximum { return NumberText.plain(v) }
        return nil
    }

    /// Throws the row's problem when the schema refuses its value.
    static func check(_ v: Double, id: Int64, rule: ValueRule) throws {
        if let problem = rule.problem(v) { throw QueryProblem.brokenRow(table: "statistics", id: id, column: "value", value: problem) }
    }
}
