// One HTTP exchange for Invoke-WebRequest and Invoke-RestMethod, through FoundationNetworking's
// URLSession (libcurl underneath, so http and https). Redirects are counted against
// -MaximumRedirection; the wait polls the session's stop flag so Ctrl-C cancels the request.

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PSRuntime

struct WebResponse {
    var url: URL
    var statusCode: Int
    var headers: [(String, String)]
    var body: Data

    var reasonPhrase: String { WebResponse.reasonPhrases[statusCode] ?? HTTPURLResponse.localizedString(forStatusCode: statusCode).capitalized }
    var isSuccess: Bool { (200..<300).contains(statusCode) }
    var isRedirect: Bool { [300, 301, 302, 303, 307, 308].contains(statusCode) }

    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }

    static let reasonPhrases: [Int: String] = [
        200: "OK", 201: "Created", 202: "Accepted", 203: "Non-Authoritative Information", 204: "No Content",
        205: "Reset Content", 206: "Partial Content", 300: "Multiple Choices", 301: "Moved Permanently", 302: "Found",
        303: "See Other", 304: "Not Modified", 307: "Temporary Redirect", 308: "Permanent Redirect", 400: "Bad Request",
        401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable",
        408: "Request Timeout", 409: "Conflict", 410: "Gone", 411: "Length Required", 412: "Precondition Failed",
        413: "Request Entity Too Large", 415: "Unsupported Media Type", 418: "I'm a teapot", 422: "Unprocessable Entity",
        429: "Too Many Requests", 500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway",
        503: "Service Unavailable", 504: "Gateway Timeout",
    ]
}

enum WebClientError: Error {
    case timedOut(seconds: Int)
    case failed(String)
    case stopped
}

/// Delegate state of one request: how many redirects were followed and whether to stop following.
private final class RedirectPolicy: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    let maximum: Int
    private let lock = NSLock()
    private var followed = 0
    init(maximum: Int) { self.maximum = maximum }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        lock.lock()
        let allowed = maximum < 0 || followed < maximum
        if allowed { followed += 1 }
        lock.unlock()
        // Declining the redirect hands the 3xx response itself back, as PowerShell then shows it.
        completionHandler(allowed ? request : nil)
    }
}

private final class Outcome: @unchecked Sendable {
    var data: Data?
    var response: URLResponse?
    var error: Error?
}

enum WebClient {
    static func perform(_ request: URLRequest, maximumRedirection: Int, timeoutSeconds: Int, stopFlag: StopFlag) throws(WebClientError) -> WebResponse {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        if timeoutSeconds > 0 {
            configuration.timeoutIntervalForRequest = TimeInterval(timeoutSeconds)
            configuration.timeoutIntervalForResource = TimeInterval(timeoutSeconds)
        }
        let session = URLSession(configuration: configuration, delegate: RedirectPolicy(maximum: maximumRedirection), delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        let task = session.dataTask(with: request) { data, response, error in
            outcome.data = data
            outcome.response = response
            outcome.error = error
            done.signal()
        }
        task.resume()
        while done.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            if stopFlag.isSet {
                task.cancel()
                _ = done.wait(timeout: .now() + .seconds(2))
                throw .stopped
            }
        }
        if let error = outcome.error as? URLError {
            if error.code == .timedOut { throw .timedOut(seconds: timeoutSeconds) }
            throw .failed(describe(error, url: request.url))
        }
        if let error = outcome.error { throw .failed(error.localizedDescription) }
        guard let http = outcome.response as? HTTPURLResponse else { throw .failed("The response was not an HTTP response.") }
        var headers: [(String, String)] = []
        for (k, v) in http.allHeaderFields {
            headers.append((String(describing: k), String(describing: v)))
        }
        headers.sort { $0.0.lowercased() < $1.0.lowercased() }
        return WebResponse(url: http.url ?? request.url!, statusCode: http.statusCode, headers: headers, body: outcome.data ?? Data())
    }

    /// .NET's HttpRequestException texts for the failures a lab meets (`Connection refused (host:port)`).
    static func describe(_ error: URLError, url: URL?) -> String {
        let endpoint = url.map { "\($0.host ?? ""):\($0.port ?? ($0.scheme == "https" ? 443 : 80))" } ?? ""
        switch error.code {
        case .cannotConnectToHost: return "Connection refused (\(endpoint))"
        case .cannotFindHost, .dnsLookupFailed: return "Name or service not known (\(endpoint))"
        case .networkConnectionLost: return "An error occurred while sending the request."
        case .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateHasUnknownRoot,
             .serverCertificateNotYetValid, .secureConnectionFailed:
            return "The SSL connection could not be established, see inner exception."
        default:
            return (error.userInfo[NSLocalizedDescriptionKey] as? String) ?? "An error occurred while sending the request."
        }
    }
}
