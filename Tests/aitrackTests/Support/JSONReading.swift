@testable import AITrackCore

/// A JSON object's members by key (empty for anything else), for reading a command's JSON.
func jsonObject(_ v: JSONValue?) -> [String: JSONValue] {
    guard case .object(let o)? = v else { return [:] }
    return Dictionary(o, uniquingKeysWith: { a, _ in a })
}

/// A JSON number as a Double (nil for anything else).
func jsonNumber(_ v: JSONValue?) -> Double? {
    guard case .number(let n)? = v else { return nil }
    return Double(n)
}
