import AITrackCore
import ArgumentParser
import Foundation

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Write what another tool needs to publish the database.",
        subcommands: [PublishDatasette.self])
}

struct PublishDatasette: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasette",
        abstract: "Write metadata.json for Datasette: titles, column meanings, licences, sources and canned queries.",
        discussion: """
            Examples:
              aitrack publish datasette site/
              datasette aitrack.db -m site/metadata.json

            The titles, descriptions and column meanings are docs/SCHEMA.md's; the canned queries answer the \
            report's questions (top-five share of a metric by year, a year's deals and totals, the claims and \
            their verdicts, a company's deals and statistics, a metric's values over time), each with its \
            parameters. The database is only read; the file names the database as Datasette does, by its file \
            name without .db.
            """)

    @Argument(help: ArgumentHelp("The folder to write metadata.json into (created if needed).", valueName: "folder")) var dir: String
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let database = try db.openForReading()
        let name = ((db.path as NSString).lastPathComponent as NSString).deletingPathExtension
        let text = try database.datasetteMetadata(database: name, licences: database.bundledLicencesInUse())
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), !isDir.boolValue {
            throw AITrackError("publish datasette: '\(dir)' is a file, not a folder; give a folder (it is created if missing).")
        }
        let path = (dir as NSString).appendingPathComponent("metadata.json")
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw AITrackError("publish datasette: cannot write '\(path)'; check the folder and its permissions.")
        }
        if !db.quiet {
            Terminal.err("aitrack: wrote \(path) (\(CannedQuery.all.count) canned queries); serve it with: datasette \(db.path) -m \(path)")
        }
    }
}
