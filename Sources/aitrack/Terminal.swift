import AITrackCore
import Foundation

/// The only place that writes to the terminal.
enum Terminal {
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Share bars (block characters), unless NO_COLOR is set and not empty (https://no-color.org):
    /// the tool prints no colour, and NO_COLOR also turns off its only decoration.
    static var bars: Bool {
        ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
    }

    /// The width to fit tables and text to: none (everything in full) with `--wide` or when the
    /// output is not a terminal; on a terminal `COLUMNS`, else the terminal's own size, else 100.
    static func width(wide: Bool) -> Int? {
        guard !wide, stdoutIsTerminal else { return nil }
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap({ Int($0) }), c > 0 { return max(c, 20) }
        var size = winsize()
        let asked = withUnsafeMutablePointer(to: &size) { ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), $0) }
        if asked == 0, size.ws_col > 0 { return max(Int(size.ws_col), 20) }
        return 100
    }

    /// The width help is folded to: `COLUMNS`, else the terminal's size, else 80 (as the
    /// argument parser folds the rest of the help).
    static var helpWidth: Int {
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap({ Int($0) }), c > 0 { return max(c, 20) }
        var size = winsize()
        let asked = withUnsafeMutablePointer(to: &size) { ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), $0) }
        return asked == 0 && size.ws_col > 0 ? max(Int(size.ws_col), 20) : 80
    }

    /// Text folded to the terminal's width (nil: as it is).
    static func fitted(_ text: String, _ layout: WidthOptions) -> String {
        layout.width.map { TableLayout.fold(text, width: $0) } ?? text
    }

    static func out(_ text: String) {
        // the String's own bytes, not a copy in a Data (a report's JSON at a million is 55 MB)
        var text = text
        text.withUTF8 { bytes in
            var rest = UnsafeRawBufferPointer(bytes)
            while !rest.isEmpty {
                let n = write(STDOUT_FILENO, rest.baseAddress, rest.count)
                if n < 0 {
                    if errno == EINTR { continue }
                    // a full disk under a redirection: said, and the run fails (not a cut-off success)
                    err("aitrack: cannot write the output: \(String(cString: strerror(errno))).")
                    exit(1)
                }
                rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            }
        }
    }

    static func err(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// The database the command opened, for messages about errors of the file.
    nonisolated(unsafe) static var databasePath: String?

    /// Any error, in the house style: the first line prefixed with `aitrack: `.
    static func error(_ e: Error) {
        let lines = ErrorText.lines(for: e)
        err("aitrack: " + (lines.first ?? "the command failed."))
        for d in lines.dropFirst() { err(d) }
    }

    /// A progress line that rewrites itself (terminal only).
    static func progress(_ text: String) {
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
    }

    static func clearProgress() {
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
