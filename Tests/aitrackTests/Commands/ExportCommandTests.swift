import Foundation
import Testing

@Suite struct ExportCommandTests {
    static func files(_ dir: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for f in try FileManager.default.contentsOfDirectory(atPath: dir) { out[f] = FileManager.default.contents(atPath: dir + "/" + f) }
        return out
    }

    /// `export --format datapackage --dir` writes datapackage.json and every type's CSV; the
    /// descriptor ingests into an empty database, whose own package is the same bytes, and
    /// `diff` reads the folder as the database it came from.
    @Test func aDataPackageRoundTripsByteForByte() throws {
        let cli = try CLI()
        let dir = cli.dir.appendingPathComponent("pkg").path
        let r = try cli.run("export", "--format", "datapackage", "--dir", dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "aitrack: wrote a data package to \(dir): datapackage.json and 8 CSV files\n")
        let first = try Self.files(dir)
        #expect(Set(first.keys) == ["datapackage.json", "company.csv", "source.csv", "metric.csv", "alliance.csv", "membership.csv",
                                   "deal.csv", "statistic.csv", "fx.csv"])
        let copy = try CLI(seed: false)
        let ingest = try copy.run("ingest", dir + "/datapackage.json")
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let again = copy.dir.appendingPathComponent("pkg").path
        #expect(try copy.run("export", "--format", "datapackage", "--dir", again, "--quiet").status == 0)
        #expect(try Self.files(again) == first)
        #expect(try copy.run("export").stdout == cli.run("export").stdout)
        let diff = try cli.run("diff", dir, cli.db, withDB: false)
        #expect(diff.status == 0 && diff.stdout.hasPrefix("no differences"), "\(diff.stdout)\(diff.stderr)")
    }

    /// A data package is a folder with every type: without --dir, or with --type, one sentence.
    @Test func aDataPackageNeedsAFolderAndEveryType() throws {
        let cli = try CLI()
        let noDir = try cli.run("export", "--format", "datapackage")
        #expect(noDir.status != 0 && noDir.stderr == "aitrack: a data package is a folder of files: give --dir FOLDER (e.g. --dir pkg/).\n")
        let typed = try cli.run("export", "--format", "datapackage", "--dir", "pkg", "--type", "deal")
        #expect(typed.status != 0 && typed.stderr.contains("leave out --type"))
        #expect(!FileManager.default.fileExists(atPath: cli.dir.appendingPathComponent("pkg").path))
    }
}
