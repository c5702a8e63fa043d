import Foundation

/// Reads typed fields out of one record.
struct FieldReader {
    /// The record's fields as given: a record has a dozen or so, and comparing short names is
    /// cheaper than hashing them into a dictionary.
    let fields: [(String, JSONValue)]
    let dateFormat: String?

    init(_ record: [(String, JSONValue)], dateFormat: String?) {
        self.fields = record
        self.dateFormat = dateFormat
    }

    /// The field's value; of a name given twice (two CSV columns), the last.
    func value(_ name: String) -> JSONValue? {
        fields.last { $0.0 == name }?.1
    }

    /// A present value; nil when the field is absent or null (an empty CSV cell is absent). A
    /// text that is present but blank — spaces of any kind, invisible characters, `""` — is
    /// refused: it would otherwise stand for "none" (a blank company, a market-level figure).
    private func raw(_ name: String) throws(FieldProblem) -> JSONValue? {
        switch value(name) {
        case nil, .null?: return nil
        case .string(let s)? where s.isBlank:
            throw FieldProblem(field: name, problem: "is blank", valid: "valid: text with visible characters")
        case let v?: return v
        }
    }

    /// Free-text fields, where tab and line breaks are allowed.
    static let multilineFields: Set<Substring> = ["note", "title", "purpose"]

    /// Refuses control characters (a NUL would cut the text short in SQLite's C API); tab and
    /// line breaks only in free text.
    static func checkText(_ s: String, field: String) throws(FieldProblem) {
        if ControlCharacters.isPrintableASCII(s) { return }   // most text: no look-up of the field's kind
        let base = field.prefix { $0 != "." }
        if let c = ControlCharacters.first(in: s, multiline: multilineFields.contains(base)) {
            throw FieldProblem(field: field, problem: "holds the control character \(ControlCharacters.name(c))",
                               valid: multilineFields.contains(base) ? "valid: text without control characters other than tab and line breaks"
                                   : "valid: text without control characters (tab and line breaks only in note, title and purpose)")
        }
    }

    func string(_ name: String) throws(FieldProblem) -> String? {
        switch try raw(name) {
        case nil: return nil
        case .string(let s)?:
            try Self.checkText(s, field: name)
            return s.trimmed
        case .number(let n)?: return n
        case let v?: throw FieldProblem(field: name, problem: "is \(v.typeName)", valid: "valid: a string")
        }
    }

    func required(_ name: String) throws(FieldProblem) -> String {
        guard let s = try string(name) else { throw FieldProblem(field: name, problem: "is missing", valid: "valid: a non-empty string") }
        return s
    }

    func number(_ name: String) throws(FieldProblem) -> Double? {
        switch try raw(name) {
        case nil: return nil
        case .number(let n)?:
            guard let d = Double(n), d.isFinite else { throw FieldProblem(field: name, problem: "'\(n)' is too large", valid: Amount.limitText) }
            try Amount.checkLimit(d, text: n, field: name)
            return d
        case .string(let s)?: return try Amount.parse(s, field: name)
        case let v?: throw FieldProblem(field: name, problem: "is \(v.typeName)", valid: Amount.validForms)
        }
    }

    func requiredNumber(_ name: String) throws(FieldProblem) -> Double {
        guard let d = try number(name) else { throw FieldProblem(field: name, problem: "is missing", valid: Amount.validForms) }
        return d
    }

    func bool(_ name: String) throws(FieldProblem) -> Bool? {
        switch try raw(name) {
        case nil: return nil
        case .bool(let b)?: return b
        case .string(let s)?:
            switch s.trimmed.lowercased() {
            case "true", "yes", "1": return true
            case "false", "no", "0": return false
            default: throw FieldProblem(field: name, problem: "'\(s)' is not true or false", valid: "valid: true or false")
            }
        case .number(let n)? where n == "0" || n == "1": return n == "1"
        case let v?: throw FieldProblem(field: name, problem: "is \(v.typeName)", valid: "valid: true or false")
        }
    }

    func date(_ name: String) throws(FieldProblem) -> EntryDate? {
        guard let s = try string(name) else { return nil }
        if let dateFormat, let d = try? EntryDate.parse(s, pattern: dateFormat, field: name) { return d }
        do {
            return try EntryDate.parse(s, field: name)
        } catch {
            if let dateFormat {
                throw FieldProblem(field: name, problem: "'\(s)' is not a date", valid: "valid: \(dateFormat) or YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD")
            }
            throw error
        }
    }

    func requiredDate(_ name: String) throws(FieldProblem) -> EntryDate {
        guard let d = try date(name) else { throw FieldProblem(field: name, problem: "is missing", valid: EntryDate.validForms) }
        return d
    }

    func vocabulary<V: Vocabulary>(_ name: String, _: V.Type) throws(FieldProblem) -> V? {
        guard let s = try string(name) else { return nil }
        return try V.parse(s, field: name)
    }

    func requiredVocabulary<V: Vocabulary>(_ name: String, _ t: V.Type) throws(FieldProblem) -> V {
        guard let v = try vocabulary(name, t) else { throw FieldProblem(field: name, problem: "is missing", valid: "valid: \(V.validList)") }
        return v
    }

    func currency(_ name: String) throws(FieldProblem) -> String? {
        guard let c = try string(name)?.uppercased() else { return nil }
        guard c.count == 3, c.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw FieldProblem(field: name, problem: "'\(c)' is not a currency code", valid: "valid: an ISO 4217 code such as USD, EUR, GBP")
        }
        return c
    }

    /// A JSON array of strings, or a `;`-separated string (CSV).
    func list(_ name: String) throws(FieldProblem) -> [String] {
        switch try raw(name) {
        case nil: return []
        case .string(let s)?:
            try Self.checkText(s, field: name)
            let items = s.split(separator: ";").map { $0.trimmed }.filter { !$0.isEmpty }
            if items.contains(where: \.isBlank) {
                throw FieldProblem(field: name, problem: "holds a blank item", valid: "valid: items with visible characters, split by ;")
            }
            return items
        case .array(let items)?:
            var out: [String] = []
            for item in items {
                guard case .string(let s) = item else {
                    throw FieldProblem(field: name, problem: "holds \(item.typeName)", valid: "valid: a list of non-empty strings")
                }
                guard !s.isBlank else {
                    throw FieldProblem(field: name, problem: "holds a blank item", valid: "valid: a list of strings with visible characters")
                }
                try Self.checkText(s, field: name)
                out.append(s.trimmed)
            }
            return out
        case let v?: throw FieldProblem(field: name, problem: "is \(v.typeName)", valid: "valid: a list of strings, or one string split by ;")
        }
    }

    /// `[{"company","role"}]`, `["Company:role"]`, or `Company:role;Company:role`.
    func parties(_ name: String) throws(FieldProblem) -> [Party] {
        switch try raw(name) {
        case nil: return []
        case .string:
            var out: [Party] = []
            for p in try list(name) { out.append(try Party.parse(p, field: name)) }
            return out
        case .array(let items)?:
            var out: [Party] = []
            for item in items {
                switch item {
                case .string(let s):
                    try Self.checkText(s, field: name)
                    out.append(try Party.parse(s, field: name))
                case .object(let o):
                    let inner = FieldReader(o, dateFormat: nil)
                    if let extra = o.first(where: { $0.0 != "company" && $0.0 != "role" }) {
                        throw FieldProblem(field: "\(name).\(extra.0)", problem: "is not a field of a party", valid: "valid fields: company, role")
                    }
                    guard let c = try inner.string("company") else {
                        throw FieldProblem(field: "\(name).company", problem: "is missing", valid: "valid: a company name")
                    }
                    guard let roleText = try inner.string("role") else {
                        throw FieldProblem(field: "\(name).role", problem: "is missing", valid: "valid: \(PartyRole.validList)")
                    }
                    out.append(Party(company: c, role: try PartyRole.parse(roleText, field: "\(name).role")))
                default:
                    throw FieldProblem(field: name, problem: "holds \(item.typeName)", valid: "valid: {\"company\":…,\"role\":…} or \"Company:role\"")
                }
            }
            return out
        case let v?: throw FieldProblem(field: name, problem: "is \(v.typeName)", valid: "valid: a list of parties")
        }
    }

    func source() throws(FieldProblem) -> SourceRef? {
        guard let name = try string("source") else {
            for field in ["source_url", "source_via", "source_via_url"] where try string(field) != nil {
                throw FieldProblem(field: "source", problem: "is missing while \(field) is given", valid: "valid: the source's name")
            }
            return nil
        }
        let (via, viaURL) = try relay(name: "source_via", url: "source_via_url")
        return SourceRef(name: name, url: try string("source_url"), published: try date("source_published"), via: via, viaURL: viaURL)
    }

    /// The page a source was read on: its outlet's name, and the address (which needs the name).
    func relay(name: String, url: String) throws(FieldProblem) -> (String?, String?) {
        let via = try string(name), viaURL = try string(url)
        if via == nil, viaURL != nil {
            throw FieldProblem(field: name, problem: "is missing while \(url) is given",
                               valid: "valid: the name of the outlet whose page was read, e.g. Yahoo Finance")
        }
        return (via, viaURL)
    }

    func requiredSource() throws(FieldProblem) -> SourceRef {
        guard let s = try source() else {
            throw FieldProblem(field: "source", problem: "is missing", valid: "valid: the name of the source that reports it, e.g. Reuters")
        }
        return s
    }
}
