import AITrackCore

/// An error a command words itself: one plain sentence (and lines of detail). Main prints
/// `message` to stderr and exits non-zero.
struct AITrackError: Error, CustomStringConvertible, Sendable {
    var message: String
    var details: [String]

    init(_ message: String, details: [String] = []) {
        // a field's problem is cut at 400 characters already; the whole line at 1,000
        self.message = Excerpt.message(message, limit: 1000)
        self.details = details.map { Excerpt.message($0, limit: 1000) }
    }

    var description: String { ([message] + details).joined(separator: "\n") }
}
