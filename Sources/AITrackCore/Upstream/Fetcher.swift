import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Why an upstream file could not be fetched, for the executable to put into words.
public enum FetchProblem: Error, Equatable, Sendable {
    /// The address is not an http(s) URL.
    case notHTTP(url: String)
    /// The server answered with a status other than 2xx.
    case status(url: String, code: Int)
    /// The server sent the request to another host (or scheme); not followed.
    case redirect(url: String, to: String)
    /// No answer within the time allowed.
    case timeout(url: String, seconds: Double)
    /// The body ended before the length the server announced.
    case truncated(url: String, got: Int, announced: Int)
    /// The connection failed (refused, reset, no such host): the system's words.
    case unreachable(url: String, reason: String)
    /// The body is not the recipe's format (an HTML page for a CSV, say).
    case notFormat(url: String, expected: String, found: String)
}

/// A file fetched from upstream: its bytes and the address they came from.
public struct Fetched: Sendable {
    public var url: String
    public var data: Data
}

/// HTTP(S) GET with Foundation's `URLSession` (FoundationNetworking on Linux, which is libcurl):
/// part of the toolchain, so no package to build; swift-server/async-http-client would add
/// SwiftNIO, minutes of every clean build, for one request per recipe. Redirects are followed
/// only within the same scheme and host; any other status than 2xx, a short body or a stall
/// past `timeout` seconds is a `FetchProblem`.
public struct Fetcher: Sendable {
    public var timeout: Double

    public init(timeout: Double = 30) { self.timeout = timeout }

    public func get(_ address: String) throws(FetchProblem) -> Fetched {
        guard let url = URL(string: address), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              url.host != nil else { throw .notHTTP(url: address) }
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = timeout
        config.timeoutIntervalForResource = timeout
        config.requestCachePolicy = .reloadIgnoringLocalCacheData
        let guardian = SameHost(origin: url)
        let session = URLSession(configuration: config, delegate: guardian, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let done = DispatchSemaphore(value: 0)
        let box = Box()
        let task = session.dataTask(with: url) { data, response, error in
            box.set(data, response, error)
            done.signal()
        }
        task.resume()
        // the session's own timeouts end the task; this wait is their backstop
        if done.wait(timeout: .now() + timeout + 5) == .timedOut {
            task.cancel()
            throw .timeout(url: address, seconds: timeout)
        }
        let (data, response, error) = box.get()
        if let to = guardian.refused { throw .redirect(url: address, to: to) }
        if error != nil, let r = response, r.expectedContentLength > Int64(data?.count ?? 0) {
            // libcurl's "transfer closed with N bytes remaining": the body ended early
            throw .truncated(url: address, got: data?.count ?? 0, announced: Int(r.expectedContentLength))
        }
        if let error = error as? URLError {
            switch error.code {
            case .timedOut: throw .timeout(url: address, seconds: timeout)
            case .networkConnectionLost:
                throw .truncated(url: address, got: data?.count ?? 0, announced: Int(response?.expectedContentLength ?? -1))
            default:
                // libcurl reports a body cut short in words only ("transfer closed with N bytes remaining to read")
                if error.localizedDescription.contains("remaining to read") { throw .truncated(url: address, got: -1, announced: -1) }
                throw .unreachable(url: address, reason: error.localizedDescription)
            }
        } else if let error {
            throw .unreachable(url: address, reason: error.localizedDescription)
        }
        guard let http = response as? HTTPURLResponse else { throw .unreachable(url: address, reason: "no HTTP answer") }
        guard (200..<300).contains(http.statusCode) else { throw .status(url: address, code: http.statusCode) }
        let body = data ?? Data()
        if http.expectedContentLength >= 0, Int64(body.count) < http.expectedContentLength {
            throw .truncated(url: address, got: body.count, announced: Int(http.expectedContentLength))
        }
        return Fetched(url: http.url?.absoluteString ?? address, data: body)
    }

    /// What a body that should be `format` is instead, or nil when it may be it: an HTML page,
    /// a binary file (NUL bytes) or nothing at all.
    public static func mismatch(_ data: Data, format: InputFormat) -> String? {
        if data.isEmpty { return "an empty body" }
        let head = String(decoding: data.prefix(512), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if head.hasPrefix("<") {   // <!DOCTYPE html>, <html>, <?xml …>: no CSV or JSON starts so
            return "an HTML or XML page"
        }
        if data.prefix(4096).contains(0) { return "binary data" }
        switch format {
        case .json where !(head.hasPrefix("{") || head.hasPrefix("[")): return "not JSON"
        case .ndjson where !head.hasPrefix("{"): return "not NDJSON"
        default: return nil
        }
    }
}

/// Refuses a redirect to another scheme or host (the recipe names where its data comes from).
private final class SameHost: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    let origin: URL
    private let lock = NSLock()
    private var refusedTo: String?
    var refused: String? { lock.withLock { refusedTo } }

    init(origin: URL) { self.origin = origin }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        let to = request.url
        if to?.host?.lowercased() == origin.host?.lowercased(), to?.scheme?.lowercased() == origin.scheme?.lowercased(), to?.port == origin.port {
            completionHandler(request)
        } else {
            lock.withLock { refusedTo = to?.absoluteString ?? "another address" }
            completionHandler(nil)
        }
    }
}

/// The task's answer, handed from URLSession's queue to the waiting caller.
private final class Box: @unchecked Sendable {
    private let lock = NSLock()
    private var value: (Data?, URLResponse?, Error?) = (nil, nil, nil)
    func set(_ d: Data?, _ r: URLResponse?, _ e: Error?) { lock.withLock { value = (d, r, e) } }
    func get() -> (Data?, URLResponse?, Error?) { lock.withLock { value } }
}
