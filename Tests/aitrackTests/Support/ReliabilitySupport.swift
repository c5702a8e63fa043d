import Foundation
import Testing
@testable import AITrackCore

/// Bytes of a file, or nil when it does not exist.
func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

/// Starts the binary without waiting (output discarded).
func spawn(_ args: [String], cwd: URL) throws -> Process {
    let p = Process()
    p.executableURL = CLI.binary
    p.arguments = args
    p.currentDirectoryURL = cwd
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "AITRACK_DB")
    env["AITRACK_CEILING_DIRECTORIES"] = cwd.deletingLastPathComponent().path
    p.environment = env
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    return p
}

func fileSize(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.intValue ?? 0
}

final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
