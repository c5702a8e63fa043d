import AITrackCore
import ArgumentParser
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the database back as entry files: NDJSON (default), CSV per type, or a Frictionless data package.",
        discussion: """
            Examples:
              aitrack export > all.ndjson                 # every entry, in ingest order
              aitrack export --type deal --format csv > deals.csv
              aitrack export --format csv --dir backup/   # one CSV file per type
              aitrack export --format datapackage --dir pkg/   # CSVs + datapackage.json
              aitrack --db copy.db init --no-seed && aitrack --db copy.db ingest all.ndjson

            An export ingested into an empty database gives the same content (and the same export). A data package \
            (Frictionless Data Package v2: every type's CSV with its table schema, keys and licences) is ingested through \
            its descriptor: aitrack ingest pkg/datapackage.json.
            """)

    @Option(help: ArgumentHelp("The entry files' format (default ndjson).", valueName: "format")) var format: ExportFormat?
    @Option(name: .customLong("type"), help: ArgumentHelp("Only these entry types (repeatable).", valueName: "type")) var types: [EntryType] = []
    @Option(help: ArgumentHelp("Write one file per type into this folder (created if needed) instead of stdout; a data package needs it.",
                                 valueName: "folder"))
    var dir: String?
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let f = format ?? .ndjson
        var selected = types
        if selected.isEmpty { selected = EntryType.ingestOrder } else { selected = EntryType.ingestOrder.filter(selected.contains) }
        if f == .datapackage && dir == nil {
            throw AITrackError("a data package is a folder of files: give --dir FOLDER (e.g. --dir pkg/).")
        }
        if f == .datapackage && !types.isEmpty {
            throw AITrackError("a data package holds every entry type (its resources refer to each other); leave out --type.")
        }
        if f == .csv && dir == nil && selected.count > 1 {
            throw AITrackError("CSV holds one entry type per file: give --type (e.g. --type deal) or --dir FOLDER for one file per type.")
        }
        let database = try db.openForReading()
        if let dir {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), !isDir.boolValue {
                throw AITrackError("export: --dir: '\(dir)' is a file, not a folder; give a folder (it is created if missing).")
            }
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                throw AITrackError("export: --dir: cannot create the folder '\(dir)'; check the path and its permissions.")
            }
            var written = 0
            // a data package has every type's resource (an empty one is its header), then its descriptor
            for t in selected where try f == .datapackage || database.entryCount(t) > 0 {
                written += 1
                let name = f == .datapackage ? DataPackage.fileName(t) : "\(t.rawValue).\(f.rawValue)"
                try Self.writeFile(dir, name) { write in
                    if f == .ndjson { try database.exportNDJSON([t], write: write) } else { try database.exportCSV(t, write: write) }
                }
            }
            if f == .datapackage {
                let descriptor = try database.dataPackageDescriptor()
                try Self.writeFile(dir, DataPackage.descriptorName) { try $0(descriptor) }
                if !db.quiet { Terminal.err("aitrack: wrote a data package to \(dir): \(DataPackage.descriptorName) and \(written) CSV files") }
            } else if !db.quiet {
                Terminal.err("aitrack: wrote \(written) file\(written == 1 ? "" : "s") to \(dir) (types without entries are left out)")
            }
        } else if f == .csv {
            try database.exportCSV(selected[0], write: Terminal.out)
        } else {
            try database.exportNDJSON(selected, write: Terminal.out)
        }
    }

    static func writeFile(_ dir: String, _ name: String, _ body: (_ write: (String) throws -> Void) throws -> Void) throws {
        let path = (dir as NSString).appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
            throw AITrackError("export: cannot write '\(path)'; check the folder's permissions.")
        }
        defer { try? h.close() }
        try body { h.write(Data($0.utf8)) }
    }
}
