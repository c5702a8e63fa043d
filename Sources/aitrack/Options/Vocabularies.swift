import AITrackCore
import ArgumentParser
import Foundation

// The fixed vocabularies as argument types: help lists their values, and parsing (case and
// `-`/`_` forgiven) is the library's `Vocabulary.parse`, in one place.
extension CompanyKind: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension DealKind: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension PartyRole: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension Qualifier: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension DealStatus: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension MembershipRole: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension Verification: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension Measure: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension EntryType: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension InputFormat: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension ExportFormat: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension OutputFormat: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension PeriodStep: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension MetricKind: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension MetricBasis: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension Precision: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension EditableType: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension ListSort: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }

/// Every vocabulary an option takes, to put the parser's "invalid value" into the house style.
let optionVocabularies: [any Vocabulary.Type] = [CompanyKind.self, DealKind.self, PartyRole.self, Qualifier.self, DealStatus.self,
                                                 MembershipRole.self, Verification.self, Measure.self, EntryType.self, InputFormat.self,
                                                 ExportFormat.self, OutputFormat.self, PeriodStep.self, ListingFormat.self,
                                                 ReportFormat.self, SQLFormat.self, ConcentrationFormat.self,
                                                 MetricKind.self, MetricBasis.self, Precision.self, Correlation.self, ListSort.self,
                                                 EditableType.self]

enum UsageText {
    /// `The value 'merger' is invalid for '--kind <kind>'. Please provide one of 'a', 'b' and 'c'.`
    /// becomes `--kind: 'merger' is not a deal kind; valid: a, b, c.` — the noun found by the
    /// vocabulary whose values the parser listed. Nil for any other message.
    static func invalidValue(_ message: String) -> String? {
        guard message.hasPrefix("The value '"), let forRange = message.range(of: "' is invalid for '") else { return nil }
        let value = String(message[message.index(message.startIndex, offsetBy: 11)..<forRange.lowerBound])
        let rest = message[forRange.upperBound...]
        guard let option = rest.split(separator: " ").first
            .map({ String($0).trimmingCharacters(in: CharacterSet(charactersIn: "'.")) }) else { return nil }
        var listed: [String] = []
        if let list = rest.range(of: "Please provide one of the following:") {
            // many values: one a line, "  - value"
            listed = rest[list.upperBound...].split(separator: "\n").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " -'.")) }
                .filter { !$0.isEmpty }
        } else if let one = rest.range(of: "Please provide one of ") {
            listed = rest[one.upperBound...].replacingOccurrences(of: " and ", with: ", ").replacingOccurrences(of: " or ", with: ", ")
                .split(separator: ",")
                .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " '.")) }.filter { !$0.isEmpty }
        }
        let vocabulary = optionVocabularies.first { v in Set(v.allRawValues) == Set(listed) }
        let noun = vocabulary.map { $0.noun } ?? "a value of \(option)"
        let valid = vocabulary.map { $0.allRawValues } ?? listed
        return "\(option): '\(value)' is not \(noun)" + (valid.isEmpty ? "" : "; valid: " + valid.joined(separator: ", "))
    }
}
