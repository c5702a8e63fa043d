import AITrackCore
import Foundation

/// Turns every error the library throws into the house style: one sentence on stderr saying
/// what is wrong, where, and what is valid or what to do. No type names, no SQL.
enum ErrorText {
    /// "did you mean 'Google'? " before the rest of a sentence, or nothing.
    static func didYouMean(_ name: String?) -> String { name.map { "did you mean '\($0)'? " } ?? "" }

    static func lines(for error: Error) -> [String] {
        // no type name: a user cannot act on one, and the standard is no internal text
        known(error) ?? ["the command failed in a way aitrack does not describe yet; please report this with the command you ran."]
    }

    /// The sentence of an error the library or a command throws; nil for the parser's own
    /// (usage mistakes, help), which Main words.
    static func known(_ error: Error) -> [String]? {
        switch error {
        case let e as AITrackError: return [e.message] + e.details
        case let p as DatabaseFileProblem: return [sentence(p)]
        case let p as FieldProblem: return [p.text + "."]
        case SchemaProblem.changed(let path, let type, let name, let missing):
            return ["'\(path)': aitrack's \(type) \(name) \(missing ? "is missing" : "differs from this version's definition"), "
                    + "so its figures cannot be trusted; restore it with `aitrack db repair --db \(shell(path))`."]
        case SchemaProblem.tablesChanged(let path, let names):
            let (s, verb) = names.count == 1 ? ("", "differs") : ("s", "differ")
            return ["'\(path)': the table\(s) \(names.joined(separator: ", ")) \(verb) from this version's definition, "
                    + "and `db repair` restores no table; nothing was written; "
                    + "export the data (aitrack export --dir DIR) and ingest it into a new file."]
        case let e as InputError: return [e.description + "."]
        case QueryProblem.unknownCompany(let name, let closest):
            return ["--company: '\(name)' is not a known company or alias; \(Self.didYouMean(closest))see `aitrack companies` for the names."]
        case QueryProblem.unknownMetric(let metric, let known):
            let valid = known.isEmpty ? "none yet (add statistics first)" : known.joined(separator: ", ")
            return ["--metric: '\(metric)' has no statistics; \(Self.didYouMean(CloseNames.closestKey(to: metric, in: known)))valid: \(valid)."]
        case QueryProblem.unknownAlliance(let name, let closest):
            return ["--alliance: '\(name)' is not a known alliance; \(Self.didYouMean(closest))see `aitrack alliances` for the names."]
        case QueryProblem.unknownSource(let name, let closest):
            return ["--source: '\(name)' is not a known source; \(Self.didYouMean(closest))"
                    + "see the names with `aitrack sql \"SELECT DISTINCT name FROM sources ORDER BY name\"`."]
        case let p as EditProblem: return [editSentence(p)]
        case QueryProblem.sortNotApplicable(let key, let valid):
            return ["--sort: '\(key)' is not a column of these rows; valid: \(valid.joined(separator: ", "))."]
        case QueryProblem.brokenRow(let table, let id, let column, let value):
            return ["the database breaks its own checks: \(table) row \(id) has \(column) '\(Excerpt.value(value))', which the schema refuses; "
                    + "run `aitrack check` and correct the row."]
        case ScreenProblem.notAMarket(let metric, let period, let reason):
            return ["screen: \(metric) in \(period) describes no market (\(reason)); nothing to screen; "
                    + "valid: a metric and period `aitrack concentration` gives figures for."]
        case ScreenProblem.noShare(let name, let firm, let metric, let period, let firms):
            let who = name.lowercased() == firm.lowercased() ? "'\(name)'" : "'\(name)' (\(firm))"
            return ["screen: \(who) has no share of \(metric) in \(period); valid: \(firms.prefix(12).joined(separator: ", "))"
                    + (firms.count > 12 ? ", …" : "") + "."]
        case ScreenProblem.unknownCompany(let name, let closest):
            return ["screen: '\(name)' is not a known company or alias; \(Self.didYouMean(closest))see `aitrack companies` for the names."]
        case ScreenProblem.stakesOverWhole(let firm, let what, let percent):
            return ["--stake: the stakes in \(firm) add up to \(NumberText.plain(percent)) % of its \(what); "
                    + "valid: stakes of other owners in one firm that add up to 100 % at most."]
        case ScreenProblem.sameFirm(let a, let b, let firm):
            return ["screen: '\(a)' and '\(b)' are one firm, \(firm), once subsidiaries are consolidated; give two firms."]
        case let f as IngestFailure: return lines(f, remedy: { remedy($0, command: "ingest") })
        case RecipeProblem.unknown(let name, let known):
            return ["--recipe: '\(name)' is no bundled recipe and no recipe file (a path with / or ending in .json); "
                    + "valid: \(known.joined(separator: ", ")) (see `aitrack recipes`)."]
        case RecipeProblem.unreadable(let path):
            return ["--recipe: cannot read '\(path)'; give the path of a recipe file (JSON, as docs/INGEST.md describes) or a bundled name."]
        case RecipeProblem.invalid(let recipe, let key, let problem):
            return ["--recipe: \(recipe): \(key) \(problem); see docs/INGEST.md for the recipe format."]
        case let p as FetchProblem: return [fetchSentence(p)]
        case InputFileProblem.missing(let name):
            return ["cannot read '\(name)': no such file; give a path to an entry file, or - for standard input."]
        case InputFileProblem.notAFile(let name):
            return ["cannot read '\(name)': it is a folder or not readable; give a path to an entry file."]
        case _ where DatabaseFileProblem.sqliteMessage(error) != nil:
            if let p = DatabaseFileProblem.classify(error, path: Terminal.databasePath ?? "the database") { return [sentence(p)] }
            return ["the database refused the operation (\(DatabaseFileProblem.sqliteMessage(error)!)); nothing was written."]
        case let e as CocoaError:
            let path = e.filePath ?? e.userInfo[NSFilePathErrorKey] as? String ?? "the file"
            switch e.code {
            case .fileWriteFileExists: return ["'\(path)' exists and is not a folder; give a folder with --dir, or another path."]
            case .fileWriteNoPermission, .fileReadNoPermission: return ["no permission to write '\(path)'; check the folder's permissions."]
            case .fileWriteOutOfSpace: return ["the disk holding '\(path)' is full; free some space and try again."]
            case .fileWriteVolumeReadOnly: return ["'\(path)' is on a read-only file system; give another path."]
            default: return ["could not read or write '\(path)'; check the path and its permissions."]
            }
        default:
            return nil
        }
    }

    /// A failed ingest: `FILE:LINE: field: problem; valid: …` per problem, then a count when
    /// A pull that could not take a file: what happened, and that nothing was written.
    static func fetchSentence(_ p: FetchProblem) -> String {
        let what: String
        switch p {
        case .notHTTP(let url): what = "'\(url)' is not an http or https address; give one, or the file with --from"
        case .status(let url, let code):
            what = "\(url) answered \(code) (\(code == 404 ? "not found: the file may have moved; give its new address with --url" : "not 2xx"))"
        case .redirect(let url, let to):
            what = "\(url) redirects to another host (\(to)), which a recipe's pull does not follow; give that address with --url if you trust it"
        case .timeout(let url, let s): what = "\(url) gave no answer within \(NumberText.plain(s)) second\(s == 1 ? "" : "s") (--timeout)"
        case .truncated(let url, let got, let announced):
            what = got < 0 ? "the answer from \(url) ended before the length it announced (a cut connection)"
                : "\(url) ended after \(got) of \(announced < 0 ? "the announced" : String(announced)) bytes (a cut connection)"
        case .unreachable(let url, let reason): what = "cannot reach \(url) (\(reason))"
        case .notFormat(let url, let expected, let found): what = "\(url) sent \(found), not the recipe's \(expected)"
        }
        return "pull: \(what); nothing was written."
    }

    /// there are several; `remedy` puts each problem's way out into the command's words.
    static func lines(_ f: IngestFailure, remedy: (Remedy) -> String?) -> [String] {
        let lines = f.errors.map { e in Excerpt.message("\(e.location): \(e.problem.text(remedy: remedy))", limit: 1000) }
        let count = f.errors.count
        var summary = count == 1 ? "1 error; nothing was written." : "\(count) errors; nothing was written."
        if f.limitReached { summary = "stopped after \(count) errors; nothing was written." }
        return lines + (count > 1 || f.limitReached ? [summary] : [])
    }

    /// The command-line option that sets an entry field: `term_months` → `--term-months`,
    /// list fields by their repeatable singular (`parties` → `--party`).
    static func option(forField field: String) -> String {
        let base = field.split(separator: ".").first.map(String.init) ?? field
        switch base {
        case "parties": return "--party"
        case "aliases": return "--alias"
        case "members": return "--member"
        case "id": return "--id"
        default: return "--" + base.replacingOccurrences(of: "_", with: "-")
        }
    }

    /// `add-deal: --party: …; valid: ….` — the one-sentence error of an add-* command.
    /// The sentence of a refused edit or removal.
    static func editSentence(_ p: EditProblem) -> String {
        switch p {
        case EditProblem.notFound(let type, let id):
            return "no \(type.rawValue) '\(id)'; valid: the row_id a listing prints, the entry's id"
                    + (type == .company || type == .alliance || type == .source ? ", or its name" : "") + "."
        case EditProblem.unknownField(let type, let field, let closest):
            return "edit: --\(field) is not a field of a \(type.rawValue); \(Self.didYouMean(closest.map { "--" + $0 }))"
                    + "valid: \(type.fields.map { "--" + $0 }.joined(separator: ", "))."
        case EditProblem.nothingToSet:
            return "edit: no field to set; give --FIELD VALUE pairs, e.g. --date 2025-09-09 (see 'aitrack help edit')."
        case EditProblem.referenced(_, _, let name, let by, let cascadable):
            return "remove: \(name) is named by \(by.joined(separator: " and ")); nothing was removed; "
                    + (cascadable ? "--cascade removes those memberships and deal parties with it (never a deal or statistic)."
                                  : "remove or edit those first.")
        }
    }

    static func commandMessage(_ p: FieldProblem, command: String) -> String {
        var q = p
        q.field = option(forField: p.field)
        return "\(command): \(q.text(remedy: { remedy($0, command: command) }))."
    }

    /// A problem's way out, with the options of the command that met it.
    static func remedy(_ r: Remedy, command: String) -> String {
        let adding = command.hasPrefix("add-") || command == "join-alliance"
        switch r {
        case .replaceOrIgnore:
            return (adding ? "or give" : "or ingest with") + " --replace to take this entry or --ignore to keep the stored one"
        case .allowNewNames:
            return (adding ? "or leave out" : "or ingest without") + " --strict-names to create it"
        case .giveType:
            return "or give --type"
        }
    }

    static func sentence(_ p: DatabaseFileProblem) -> String {
        switch p {
        case .missing(let path):
            return "no database at '\(path)'; create it with `aitrack init --db \(shell(path))` (a command that only reads creates nothing)."
        case .empty(let path):
            return "'\(path)' holds no aitrack database yet (it is empty); create it with `aitrack init --db \(shell(path))`."
        case .isDirectory(let path):
            return "the database path '\(path)' is a folder; give a file with --db PATH or $AITRACK_DB."
        case .folderMissing(let path):
            return "the folder of the database '\(path)' does not exist; create it or give another --db PATH."
        case .notSQLite(let path):
            return "'\(path)' is not a database (not an SQLite file); aitrack left it as it is; give an aitrack database with --db PATH."
        case .foreign(let path, let tables):
            return "'\(path)' is another program's SQLite database (\(tables) table\(tables == 1 ? "" : "s"), none of them aitrack's); "
                + "aitrack left it as it is; give an aitrack database with --db PATH."
        case .newer(let path, let version, let unknown):
            return "'\(path)' has schema version \(version), newer than this aitrack's \(Migrations.currentVersion)"
                + (unknown.isEmpty ? "" : " (unknown migration \(unknown.joined(separator: ", ")))") + "; use a newer aitrack to open it."
        case .stampMissing(let path):
            return "'\(path)' has aitrack's tables of schema version \(Migrations.currentVersion), but its version stamp is missing; "
                + "restore it with `aitrack db repair --db \(shell(path))`."
        case .older(let path, let version, let current):
            return "'\(path)' has schema version \(version) and this aitrack uses \(current); "
                + "upgrade it with `aitrack db upgrade --db \(shell(path))` (a command that only reads never changes the file)."
        case .damaged(let path, let detail):
            return "'\(path)' is damaged (SQLite: \(detail)); restore it from a backup, or export what can still be read."
        case .cannotOpen(let path, let detail):
            return "cannot open the database '\(path)' (\(detail)); check the path and its permissions."
        case .readOnly(let path, let cause):
            let why: String
            switch cause {
            case .file: why = "the file is read-only (no write permission)"
            case .folder: why = "its folder is read-only, and SQLite must create its files there"
            case .fileSystem: why = "it is on a read-only file system"
            case .sideFile(let side):
                why = "the file '\(side)' beside it is read-only (another program or user made it); make it writable"
                    + (side.hasSuffix("-shm") ? ", or remove it when nothing else uses the database (it holds no data)"
                                              : " (it may hold the last writes: do not remove it)")
            case .unknown: why = "the file or its folder is read-only"
            }
            return "cannot write to '\(path)': \(why); commands that only read still work, or give a writable --db PATH."
        case .diskFull(let path, let at):
            return "could not write to '\(path)'\(at.map { " at \($0)" } ?? ""): "
                + "the disk is full or a file-size limit was reached; nothing was written."
        case .busy(let path):
            return "another process has held the write lock on '\(path)' for \(DatabaseOptions.busyTimeout) s; try again when it is done."
        case .io(let path, let detail):
            return "could not read or write '\(path)' (\(detail)); nothing was written."
        }
    }

    /// BEGIN, COMMIT, END, … and VACUUM: the keywords a run refuses, as a sentence lists them.
    static let refusedSQLKeywords = SQLGuard.refusedKeywords.dropLast().joined(separator: ", ") + " and " + SQLGuard.refusedKeywords.last!

    /// `aitrack sql`'s problems. A writing run stops wherever it meets the problem and rolls back: nothing was written.
    static func sentence(_ p: SQLProblem, write: Bool) -> String {
        let nothing = write ? "nothing was written" : "nothing was run"
        switch p {
        case .writes(let statement):
            return "sql: the statement writes to the database (\(statement)); nothing was run; add --write to allow writes."
        case .transactionControl(let keyword, let statement):
            return "sql: \(keyword) is not allowed (\(statement)): a run is one transaction of its own; \(nothing); leave out \(refusedSQLKeywords)."
        case .pragma(let name, let statement):
            let what = statement.isEmpty ? "the run changed the PRAGMA \(name)" : "PRAGMA \(name) is not allowed (\(statement))"
            return "sql: \(what): a run may not switch off the database's checks or change its stamps; \(nothing); "
                + "valid: PRAGMAs that only read, such as table_info(statistics), index_list(deals), foreign_key_check, integrity_check, "
                + "or user_version without a value."
        case .unusedParameter(let name, let used):
            return "sql: --param \(name) is not used by the SQL "
                + "(\(used.isEmpty ? "it has no parameters" : "it uses " + used.map { ":" + $0 }.joined(separator: ", "))); \(nothing); "
                + "remove it or write :\(name) where it belongs."
        case .missingParameter(let name, let statement):
            return "sql: the SQL uses :\(name) (\(statement)), and no --param \(name) was given; \(nothing)."
        case .positionalParameter(let statement):
            return "sql: ? parameters have no name to give them by (\(statement)); \(nothing); write :name and give --param name value."
        case .notAnInteger(let name, let value):
            return "sql: --param-int \(name): '\(value)' is not a whole number; nothing was run; valid: e.g. 10, -3."
        case .failed(let message, let statement, let wrote):
            return "sql: \(message), in: \(statement); nothing was \(wrote ? "written" : "run")."
        }
    }

    /// A path as typed in a shell: quoted when it holds anything but plain characters.
    static func shell(_ s: String) -> String {
        s.allSatisfy { $0.isLetter || $0.isNumber || "/._-+,:@".contains($0) } ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
