import AITrackCore
import Foundation

/// The only place that writes to the terminal.
enum Terminal {
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Bars and other block characters, unless NO_COLOR is set (https://no-color.org) or TERM is dumb.
    static var bars: Bool {
        let env = ProcessInfo.processInfo.environment
        return env["NO_COLOR"].map(\.isEmpty) ?? true && env["TERM"] != "dumb"
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func err(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func error(_ e: AITrackError) {
        err("aitrack: " + e.message)
        for d in e.details { err(d) }
    }

    /// A progress line that rewrites itself (terminal only).
    static func progress(_ text: String) {
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
    }

    static func clearProgress() {
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
