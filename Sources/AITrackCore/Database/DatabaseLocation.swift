import Foundation

/// Where the default database is, when the user names none: `./aitrack.db`, else the nearest
/// `aitrack.db` in a parent folder, as git finds its repository.
///
/// The search goes up from the working folder and stops at the home folder when the working
/// folder is inside it (home is the last one searched), else at the file-system root; it never
/// goes up into a ceiling folder (as git's `GIT_CEILING_DIRECTORIES`). A file that is not a
/// regular file, or is owned by another user, is passed over.
public struct DatabaseLocation: Equatable, Sendable {
    /// The file name searched for.
    public static let fileName = "aitrack.db"

    /// The path to use: relative `aitrack.db` when it is (or will be) in the working folder.
    public var path: String
    /// The file exists in a parent folder (not the working folder): say which one is used.
    public var foundAbove: Bool
    /// No file was found: using the path creates `./aitrack.db`.
    public var willCreate: Bool

    /// What the search may ask of the file system, so it is tested without one.
    public struct FileSystem: Sendable {
        public var isOwnRegularFile: @Sendable (String) -> Bool
        public init(isOwnRegularFile: @escaping @Sendable (String) -> Bool) { self.isOwnRegularFile = isOwnRegularFile }

        /// The real file system: a regular file (symbolic links followed) owned by this user.
        public static let local = FileSystem { path in
            var st = stat()
            guard stat(path, &st) == 0 else { return false }
            return (st.st_mode & S_IFMT) == S_IFREG && st.st_uid == geteuid()
        }
    }

    /// The folders searched, nearest first: `folder` and its parents up to `home` (when `folder`
    /// is inside it) or the root, stopping below any of `ceilings`.
    public static func searchedFolders(from folder: String, home: String?, ceilings: [String]) -> [String] {
        let start = normalized(folder)
        let homeDir = home.map(normalized).flatMap { $0.isEmpty ? nil : $0 }
        let ceilingDirs = Set(ceilings.map(normalized).filter { !$0.isEmpty })
        var folders: [String] = []
        var current = start
        while true {
            folders.append(current)
            if let homeDir, current == homeDir, start == homeDir || start.hasPrefix(homeDir + "/") { break }
            guard current != "/" else { break }
            let parent = parentFolder(of: current)
            if ceilingDirs.contains(parent) { break }
            current = parent
        }
        return folders
    }

    /// The database to use for a working `folder`.
    public static func find(from folder: String, home: String?, ceilings: [String], fileSystem: FileSystem = .local) -> DatabaseLocation {
        let folders = searchedFolders(from: folder, home: home, ceilings: ceilings)
        for (i, dir) in folders.enumerated() {
            let candidate = dir == "/" ? "/" + fileName : dir + "/" + fileName
            guard fileSystem.isOwnRegularFile(candidate) else { continue }
            return i == 0 ? DatabaseLocation(path: fileName, foundAbove: false, willCreate: false)
                : DatabaseLocation(path: candidate, foundAbove: true, willCreate: false)
        }
        return DatabaseLocation(path: fileName, foundAbove: false, willCreate: true)
    }

    /// The database for this process: its working folder, `$HOME`, and
    /// `$AITRACK_CEILING_DIRECTORIES` (colon-separated absolute paths).
    public static func forThisProcess(environment: [String: String] = ProcessInfo.processInfo.environment) -> DatabaseLocation {
        let ceilings = (environment["AITRACK_CEILING_DIRECTORIES"] ?? "").split(separator: ":").map(String.init)
            .filter { $0.hasPrefix("/") }
        return find(from: FileManager.default.currentDirectoryPath, home: environment["HOME"], ceilings: ceilings)
    }

    static func normalized(_ path: String) -> String {
        guard path.hasPrefix("/") else { return "" }
        let parts = path.split(separator: "/").filter { $0 != "." && !$0.isEmpty }
        var stack: [Substring] = []
        for p in parts {
            if p == ".." { _ = stack.popLast() } else { stack.append(p) }
        }
        return "/" + stack.joined(separator: "/")
    }

    static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), path != "/" else { return "/" }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }
}
