import Foundation

/// An import recipe (issue 24, item 1; docs/INGEST.md "Recipes"): how one upstream file becomes
/// entries — its URL, entry type, column mapping and fixed fields (what `--map`, `--set` and
/// `--date-format` give by hand), the columns it is expected to have, the names those columns had
/// before (renames), its licence and its source. The bundled ones are `recipes/NAME.json`,
/// embedded in the binary; a user's own file reads the same.
public struct Recipe: Sendable, Equatable {
    public struct Pair: Sendable, Equatable {
        public var field: String, text: String
    }
    public var name: String
    public var description: String
    public var urls: [String]
    /// The copy of the file in the repository, when there is one (relative to its root).
    public var file: String?
    public var type: EntryType
    public var format: InputFormat
    /// field ← column, in the recipe's order.
    public var map: [Pair]
    /// field = value for every entry.
    public var set: [Pair]
    public var dateFormat: String?
    public var expectedColumns: [String]
    /// An earlier name of a column → its name now.
    public var renames: [Pair]
    public var licence: String, licenceURL: String?
    public var source: String, sourceURL: String?

    /// The options of an ingest by this recipe: the mapping, the fixed fields and the column rule.
    public func apply(to options: IngestOptions) -> IngestOptions {
        var o = options
        o.type = type
        o.format = format
        o.dateFormat = dateFormat
        o.maps = map.map { (field: $0.field, column: $0.text) }
        o.sets = set.map { (field: $0.field, value: $0.text) }
        o.columns = ColumnRule(recipe: name, expected: expectedColumns, renames: Dictionary(renames.map { ($0.field, $0.text) },
                                                                                             uniquingKeysWith: { a, _ in a }))
        return o
    }
}

/// Why a recipe cannot be used, for the executable to put into words.
public enum RecipeProblem: Error, Equatable, Sendable {
    /// No bundled recipe has the name (and it names no file).
    case unknown(name: String, known: [String])
    /// The recipe file cannot be read.
    case unreadable(path: String)
    /// The recipe's JSON is not a recipe: the key and what is wrong with it.
    case invalid(recipe: String, key: String, problem: String)
}

extension Recipe {
    /// The bundled recipes, by name.
    public static let bundled: [Recipe] = RecipeFiles.files.compactMap { try? parse(Data($0.text.utf8), name: $0.name) }

    /// A bundled recipe by name, or a recipe file by path (a name with `/` or ending in `.json`).
    public static func named(_ nameOrPath: String) throws -> Recipe {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: nameOrPath) else { throw RecipeProblem.unreadable(path: nameOrPath) }
            return try parse(data, name: nameOrPath)
        }
        guard let r = bundled.first(where: { $0.name == nameOrPath }) else {
            throw RecipeProblem.unknown(name: nameOrPath, known: bundled.map(\.name))
        }
        return r
    }

    /// A recipe from its JSON; `name`: the file, for messages.
    public static func parse(_ data: Data, name: String) throws -> Recipe {
        let value: JSONValue
        do { value = try JSONParser.parse([UInt8](data)) } catch {
            throw RecipeProblem.invalid(recipe: name, key: "(the file)", problem: "is not JSON")
        }
        guard case .object(let members) = value else { throw RecipeProblem.invalid(recipe: name, key: "(the file)", problem: "is not a JSON object") }
        let known = ["name", "description", "urls", "file", "type", "format", "map", "set", "date_format", "expected_columns", "renames",
                     "licence", "source"]
        if let other = members.first(where: { !known.contains($0.0) }) {
            throw RecipeProblem.invalid(recipe: name, key: other.0, problem: "is not a recipe key (valid: \(known.joined(separator: ", ")))")
        }
        func member(_ key: String) -> JSONValue? { members.first { $0.0 == key }?.1 }
        func text(_ key: String, in v: JSONValue? = nil, required: Bool = true) throws -> String? {
            switch v ?? member(key) {
            case .string(let s)?: return s
            case nil, .null?: if required { throw RecipeProblem.invalid(recipe: name, key: key, problem: "is missing") }; return nil
            default: throw RecipeProblem.invalid(recipe: name, key: key, problem: "must be a string")
            }
        }
        func texts(_ key: String) throws -> [String] {
            guard case .array(let items)? = member(key) else {
                throw RecipeProblem.invalid(recipe: name, key: key, problem: "must be a list of strings")
            }
            return try items.map { item in
                guard case .string(let s) = item else { throw RecipeProblem.invalid(recipe: name, key: key, problem: "must be a list of strings") }
                return s
            }
        }
        func pairs(_ key: String, fields: Bool) throws -> [Pair] {
            guard case .object(let o)? = member(key) else {
                if member(key) == nil, !fields { return [] }
                throw RecipeProblem.invalid(recipe: name, key: key, problem: "must be an object of strings")
            }
            return try o.map { k, v in
                guard case .string(let s) = v else { throw RecipeProblem.invalid(recipe: name, key: "\(key).\(k)", problem: "must be a string") }
                if fields && !EntryDecoder.allFieldNames.contains(k) {
                    throw RecipeProblem.invalid(recipe: name, key: "\(key).\(k)", problem: "is not an entry field")
                }
                return Pair(field: k, text: s)
            }
        }
        guard let type = EntryType(rawValue: try text("type")!) else {
            throw RecipeProblem.invalid(recipe: name, key: "type", problem: "is not an entry type (valid: \(EntryType.validList))")
        }
        guard let format = InputFormat(rawValue: try text("format")!) else {
            throw RecipeProblem.invalid(recipe: name, key: "format", problem: "is not an input format (valid: \(InputFormat.validList))")
        }
        let licence = member("licence"), source = member("source")
        let recipe = Recipe(name: try text("name")!, description: try text("description", required: false) ?? "", urls: try texts("urls"),
                            file: try text("file", required: false), type: type, format: format, map: try pairs("map", fields: true),
                            set: try pairs("set", fields: true), dateFormat: try text("date_format", required: false),
                            expectedColumns: try texts("expected_columns"), renames: try pairs("renames", fields: false),
                            licence: try text("licence.name", in: licence?.member("name") ?? .null)!,
                            licenceURL: try text("licence.url", in: licence?.member("url") ?? .null, required: false),
                            source: try text("source.name", in: source?.member("name") ?? .null)!,
                            sourceURL: try text("source.url", in: source?.member("url") ?? .null, required: false))
        for m in recipe.map where !recipe.expectedColumns.contains(m.text) {
            throw RecipeProblem.invalid(recipe: name, key: "map.\(m.field)",
                                        problem: "names the column '\(m.text)', which is not in expected_columns")
        }
        return recipe
    }
}

/// The recipes embedded from recipes/ (one line per file; a test fails when a file is missing).
enum RecipeFiles {
    static let files: [(name: String, text: String)] = [
        ("epoch_amd.json", String(decoding: PackageResources.epoch_amd_json, as: UTF8.self)),
        ("epoch_coreweave.json", String(decoding: PackageResources.epoch_coreweave_json, as: UTF8.self)),
        ("epoch_nvidia.json", String(decoding: PackageResources.epoch_nvidia_json, as: UTF8.self)),
        ("epoch_nvidia_other.json", String(decoding: PackageResources.epoch_nvidia_other_json, as: UTF8.self)),
        ("epoch_tpu.json", String(decoding: PackageResources.epoch_tpu_json, as: UTF8.self)),
        ("epoch_trainium.json", String(decoding: PackageResources.epoch_trainium_json, as: UTF8.self)),
    ]
}
