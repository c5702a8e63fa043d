/// Rewrites the command line before it is parsed, for what people type that the parser would
/// misread:
/// - options of every command (`--db`, `--no-seed`, `--quiet`, `--format`) given before the
///   command name (`aitrack --db x.db init`) move behind it;
/// - `sql --param NAME VALUE` becomes `--param NAME=VALUE`, so that a VALUE such as `-5` is
///   not taken for an option;
/// - SQL text that starts with `-` (a `-- comment`) is passed after `--`, as an argument.
enum Arguments {
    static let globalWithValue: Set<String> = ["--db", "--format"]
    static let globalFlags: Set<String> = ["--no-seed", "--quiet", "-q"]
    static let parameterOptions: Set<String> = ["--param", "--param-int", "--param-text"]

    static func normalize(_ args: [String], commands: Set<String>, subcommands: [String: Set<String>]) -> [String] {
        var globals: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            if globalWithValue.contains(a), i + 1 < args.count {
                globals += [a, args[i + 1]]
                i += 2
            } else if globalFlags.contains(a) || globalWithValue.contains(where: { a.hasPrefix($0 + "=") }) {
                globals.append(a)
                i += 1
            } else {
                break
            }
        }
        guard i < args.count, commands.contains(args[i]) else { return args }
        var path = [args[i]]
        i += 1
        if let subs = subcommands[path[0]], i < args.count, subs.contains(args[i]) {
            path.append(args[i])
            i += 1
        }
        var rest = Array(args[i...])
        if path[0] == "sql" { rest = normalizeSQL(rest) }
        return path + globals + rest
    }

    static func normalizeSQL(_ args: [String]) -> [String] {
        var out: [String] = []
        var trailing: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "--" {
                trailing += args[(i + 1)...]
                break
            }
            if parameterOptions.contains(a), i + 1 < args.count {
                let next = args[i + 1]
                if next.contains("=") || i + 2 >= args.count {
                    out += [a, next]
                    i += 2
                } else {
                    out += [a, next + "=" + args[i + 2]]
                    i += 3
                }
                continue
            }
            // an option's name never holds white space: this is SQL (e.g. "-- comment\nSELECT …")
            if a.hasPrefix("-") && a != "-" && (a.split(separator: "=", maxSplits: 1).first ?? "").contains(where: { $0.isWhitespace }) {
                trailing.append(a)
            } else {
                out.append(a)
            }
            i += 1
        }
        return trailing.isEmpty ? out : out + ["--"] + trailing
    }

    /// Options that may be given more than once (each adds to a list).
    static let repeatable: Set<String> = ["--party", "--alias", "--member", "--map", "--set", "--param", "--param-int", "--param-text",
                                          "--type", "--stake"]

    /// An option that takes one value, given twice (`--company Meta --company Google`): the
    /// parser would silently keep the last. Returns (option, values).
    static func repeatedOption(_ args: [String], command: String) -> (String, [String])? {
        var seen: [String: [String]] = [:]
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "--" { break }
            if a.hasPrefix("--") {
                let parts = a.split(separator: "=", maxSplits: 1).map(String.init)
                let name = parts[0]
                let value = parts.count > 1 ? parts[1] : (i + 1 < args.count && !args[i + 1].hasPrefix("--") ? args[i + 1] : "")
                // --type adds types only to export, --status statuses only to the deals listing
                let allowed = (repeatable.contains(name) && !(name == "--type" && command != "export"))
                    || (name == "--status" && command == "deals")
                if !allowed {
                    seen[name, default: []].append(value)
                    if seen[name]!.count > 1 { return (name, seen[name]!) }
                }
            }
            i += 1
        }
        return nil
    }
}
