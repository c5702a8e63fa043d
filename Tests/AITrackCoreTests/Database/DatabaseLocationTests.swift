import Foundation
import Testing
@testable import AITrackCore

struct DatabaseLocationTests {
    /// A file system holding exactly `files` (all the user's own).
    static func files(_ files: Set<String>) -> DatabaseLocation.FileSystem {
        DatabaseLocation.FileSystem { files.contains($0) }
    }

    @Test func theWorkingFolderComesFirstThenEachParent() {
        let fs = Self.files(["/home/ana/aitrack.db", "/home/ana/proj/aitrack.db"])
        #expect(DatabaseLocation.find(from: "/home/ana/proj", home: "/home/ana", ceilings: [], fileSystem: fs)
                == DatabaseLocation(path: "aitrack.db", foundAbove: false, willCreate: false))
        #expect(DatabaseLocation.find(from: "/home/ana/proj/notes/2026", home: "/home/ana", ceilings: [], fileSystem: fs)
                == DatabaseLocation(path: "/home/ana/proj/aitrack.db", foundAbove: true, willCreate: false))
        #expect(DatabaseLocation.find(from: "/home/ana/other", home: "/home/ana", ceilings: [], fileSystem: fs).path == "/home/ana/aitrack.db")
    }

    @Test func homeIsTheLastFolderSearchedInsideIt() {
        #expect(DatabaseLocation.searchedFolders(from: "/home/ana/a/b", home: "/home/ana", ceilings: [])
                == ["/home/ana/a/b", "/home/ana/a", "/home/ana"])
        let fs = Self.files(["/home/aitrack.db", "/aitrack.db"])
        #expect(DatabaseLocation.find(from: "/home/ana/a", home: "/home/ana", ceilings: [], fileSystem: fs)
                == DatabaseLocation(path: "aitrack.db", foundAbove: false, willCreate: true))
        // a folder beside home whose name starts the same is not inside it
        #expect(DatabaseLocation.searchedFolders(from: "/home/anabel/x", home: "/home/ana", ceilings: [])
                == ["/home/anabel/x", "/home/anabel", "/home", "/"])
    }

    @Test func outsideHomeTheSearchEndsAtTheRoot() {
        #expect(DatabaseLocation.searchedFolders(from: "/srv/data/x", home: "/home/ana", ceilings: []) == ["/srv/data/x", "/srv/data", "/srv", "/"])
        #expect(DatabaseLocation.find(from: "/srv/data", home: nil, ceilings: [], fileSystem: Self.files(["/aitrack.db"])).path == "/aitrack.db")
        #expect(DatabaseLocation.searchedFolders(from: "/", home: nil, ceilings: []) == ["/"])
    }

    @Test func aCeilingFolderIsNeverEntered() {
        #expect(DatabaseLocation.searchedFolders(from: "/tmp/t1/sub", home: nil, ceilings: ["/tmp"]) == ["/tmp/t1/sub", "/tmp/t1"])
        let fs = Self.files(["/tmp/aitrack.db"])
        #expect(DatabaseLocation.find(from: "/tmp/t1", home: nil, ceilings: ["/tmp/"], fileSystem: fs).willCreate)
        #expect(DatabaseLocation.find(from: "/tmp/t1", home: nil, ceilings: [], fileSystem: fs).path == "/tmp/aitrack.db")
    }

    @Test func pathsAreReadAsWritten() {
        #expect(DatabaseLocation.searchedFolders(from: "/a/./b/../c/", home: nil, ceilings: []) == ["/a/c", "/a", "/"])
    }

    /// On the real file system: a folder, a fifo or a file of another user named aitrack.db is passed over.
    @Test func onlyTheUsersOwnRegularFileCounts() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("loc-\(UUID().uuidString)")
        let sub = dir.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ceiling = [dir.deletingLastPathComponent().path]
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("a/aitrack.db"), withIntermediateDirectories: true)
        #expect(DatabaseLocation.find(from: sub.path, home: nil, ceilings: ceiling).willCreate)
        _ = FileManager.default.createFile(atPath: dir.appendingPathComponent("aitrack.db").path, contents: Data())
        #expect(DatabaseLocation.find(from: sub.path, home: nil, ceilings: ceiling).path == dir.appendingPathComponent("aitrack.db").path)
        #expect(!DatabaseLocation.FileSystem.local.isOwnRegularFile("/etc/passwd") || geteuid() == 0)
    }
}
