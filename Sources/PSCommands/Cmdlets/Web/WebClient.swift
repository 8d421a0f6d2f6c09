// One HTTP exchange for Invoke-WebRequest and Invoke-RestMethod, through FoundationNetworking's
// URLSession (libcurl underneath, so http and https). A delegate sees every step, so that:
// redirects are counted against -MaximumRedirection (a declined redirect hands back the 3xx itself,
// as .NET does); -TimeoutSec bounds only the wait for the response headers (pwsh 7.4's
// ConnectionTimeoutSeconds), not a long download; a body kept in memory stops at a size limit
// instead of eating the machine; a body for -OutFile goes to the file as it arrives; and the wait
// polls the session's stop flag, so Ctrl-C ends any request. Redirects are followed here, not by
// URLSession (which gives up after 20 with an error of its own, where .NET follows 50 and then hands
// back the last 3xx), with .NET's rules for the method and the Authorization header.

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
    /// The file the body was written to (-OutFile), when it was.
    var savedTo: String?

    var reasonPhrase: String { HTTPStatus.reasonPhrase(statusCode) }
    var isSuccess: Bool { (200..<300).contains(statusCode) }

    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
}

enum WebClientError: Error {
    /// No response headers within -TimeoutSec seconds.
    case timedOut(seconds: Int)
    /// No body data for -OperationTimeoutSeconds seconds.
    case readTimedOut
    /// HttpRequestException: the message, and the inner exception's message pwsh shows as ErrorDetails.
    case failed(String, inner: String?)
    /// A body too large to hold in memory.
    case tooLarge(limit: Int)
    /// Writing the -OutFile failed.
    case outFile(path: String, reason: String)
    case stopped
}

struct WebTransferOptions {
    /// Redirects to follow; .NET's HttpClientHandler follows 50 when pwsh is not given a number.
    var maximumRedirection = 50
    /// Seconds to wait for the response headers; 0 waits for ever (pwsh's default).
    var connectionTimeout = 0
    /// Seconds one read of the body may wait for data; 0 waits for ever (pwsh 7.4's OperationTimeoutSeconds).
    var operationTimeout = 0
    /// The largest body kept in memory.
    var contentLimit = Int(Int32.max)
    /// Where to stream the body of a final response with this status, if anywhere.
    var destination: @Sendable (Int) -> String? = { _ in nil }
}

/// The state of one request, filled in by URLSession's delegate callbacks (on its own queue).
private final class Transfer: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let options: WebTransferOptions
    /// Whether a 3xx with a Location is a hop to follow (false once the redirections are used up).
    let mayFollow: Bool
    let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var hop: (status: Int, location: String)?
    private var response: HTTPURLResponse?
    private var body = Data()
    private var file: FileHandle?
    private var savedTo: String?
    private var failure: WebClientError?
    private var completion: Error?
    private var lastActivity = DispatchTime.now().uptimeNanoseconds

    init(options: WebTransferOptions, mayFollow: Bool) {
        self.options = options
        self.mayFollow = mayFollow
    }

    var hasResponse: Bool { lock.withLock { response != nil } }
    /// A failure the callbacks settled (a body over the limit, an -OutFile that cannot be written).
    var settledFailure: WebClientError? { lock.withLock { failure } }
    /// Nanoseconds since the headers or the last piece of the body arrived.
    var idleNanoseconds: UInt64 { lock.withLock { DispatchTime.now().uptimeNanoseconds - lastActivity } }

    /// URLSession never follows: the 3xx comes back as a response, and `WebClient.perform` decides.
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        guard let http = response as? HTTPURLResponse else {
            lock.withLock { failure = .failed("The response was not an HTTP response.", inner: nil) }
            completionHandler(.cancel)
            return
        }
        if mayFollow, WebClient.redirectCodes.contains(http.statusCode), let location = http.value(forHTTPHeaderField: "Location") {
            lock.withLock { hop = (http.statusCode, location) }
            completionHandler(.cancel)
            return
        }
        var disposition = URLSession.ResponseDisposition.allow
        lock.withLock {
            self.response = http
            lastActivity = DispatchTime.now().uptimeNanoseconds
            guard let path = options.destination(http.statusCode) else { return }
            // Created (or emptied) only now: a failing status leaves an existing file alone, as in pwsh.
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                failure = .outFile(path: path, reason: WebClient.fileFailure(path))
                disposition = .cancel
                return
            }
            file = handle
            savedTo = path
        }
        completionHandler(disposition)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let stop: Bool = lock.withLock {
            guard failure == nil else { return true }
            lastActivity = DispatchTime.now().uptimeNanoseconds
            if let file, let savedTo {
                do { try file.write(contentsOf: data) } catch {
                    failure = .outFile(path: savedTo, reason: "\(error)")
                    return true
                }
                return false
            }
            guard body.count + data.count <= options.contentLimit else {
                failure = .tooLarge(limit: options.contentLimit)
                return true
            }
            body.append(data)
            return false
        }
        // The waiting thread sees the failure and abandons the task: cancelling from this callback could
        // block this queue behind the flood of data the cancel is meant to stop.
        _ = stop
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        lock.withLock {
            completion = error
            try? file?.close()
            file = nil
        }
        done.signal()
    }

    enum Step {
        case response(WebResponse)
        case redirect(status: Int, location: String)
    }

    func outcome(requestURL: URL?) throws(WebClientError) -> Step {
        lock.lock()
        let (failure, completion, response, body, savedTo, hop) = (self.failure, self.completion, self.response, self.body, self.savedTo, self.hop)
        lock.unlock()
        if let hop { return .redirect(status: hop.status, location: hop.location) }
        if let failure { throw failure }
        if let error = completion as? URLError { throw WebClient.translate(error, url: requestURL) }
        if let error = completion { throw .failed(error.localizedDescription, inner: nil) }
        guard let http = response else { throw .failed("The response ended before its headers.", inner: nil) }
        var headers: [(String, String)] = []
        for (name, value) in http.allHeaderFields {
            headers.append((String(describing: name), String(describing: value)))
        }
        // URLSession keeps the headers in a dictionary, so their order on the wire is lost: sorted, the
        // order at least never changes between runs.
        headers.sort { $0.0.lowercased() < $1.0.lowercased() }
        return .response(WebResponse(url: http.url ?? requestURL ?? URL(fileURLWithPath: "/"), statusCode: http.statusCode,
                                     headers: headers, body: body, savedTo: savedTo))
    }
}

/// What a background cancel holds on to; URLSession's types are thread-safe but not marked Sendable.
private struct AbandonedTransfer: @unchecked Sendable {
    let task: URLSessionDataTask
    let session: URLSession
}

enum WebClient {
    /// The codes .NET follows (pwsh's IsRedirectCode).
    static let redirectCodes: Set<Int> = [300, 301, 302, 303, 307, 308]

    static func perform(_ request: URLRequest, options: WebTransferOptions, stopFlag: StopFlag) throws(WebClientError) -> WebResponse {
        // -TimeoutSec covers every hop up to the final response's headers, as HttpClient.Timeout does.
        let started = DispatchTime.now().uptimeNanoseconds
        var current = request
        var followed = 0
        while true {
            let step = try exchange(current, options: options, mayFollow: followed < options.maximumRedirection,
                                    started: started, stopFlag: stopFlag)
            switch step {
            case .response(let response):
                return response
            case .redirect(let status, let location):
                guard let next = URL(string: location, relativeTo: current.url)?.absoluteURL,
                      let scheme = next.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
                    throw .failed("An error occurred while sending the request.", inner: "The redirect location '\(location)' is not an http or https URI.")
                }
                followed += 1
                current = redirected(current, to: next, status: status)
            }
        }
    }

    /// The request after a redirect, as .NET's handler makes it: a POST after 300/301/302, and anything but
    /// GET or HEAD after 303, becomes a GET without its body; the Authorization header is not sent on.
    static func redirected(_ request: URLRequest, to url: URL, status: Int) -> URLRequest {
        var next = request
        next.url = url
        let method = request.httpMethod ?? "GET"
        if ([300, 301, 302].contains(status) && method == "POST") || (status == 303 && method != "GET" && method != "HEAD") {
            next.httpMethod = "GET"
            next.httpBody = nil
            next.setValue(nil, forHTTPHeaderField: "Content-Type")
        }
        next.setValue(nil, forHTTPHeaderField: "Authorization")
        return next
    }

    private static func exchange(_ request: URLRequest, options: WebTransferOptions, mayFollow: Bool, started: UInt64,
                                 stopFlag: StopFlag) throws(WebClientError) -> Transfer.Step {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        // URLSession's own limits (an idle minute, a week in all) are not pwsh's: the headers' wait is
        // timed below, and a download may take as long as it takes.
        configuration.timeoutIntervalForRequest = 366 * 86_400
        configuration.timeoutIntervalForResource = 366 * 86_400
        let transfer = Transfer(options: options, mayFollow: mayFollow)
        let session = URLSession(configuration: configuration, delegate: transfer, delegateQueue: nil)
        let task = session.dataTask(with: request)
        task.resume()
        while transfer.done.wait(timeout: .now() + .milliseconds(20)) == .timedOut {
            var reason: WebClientError?
            if let settled = transfer.settledFailure {
                reason = settled
            } else if stopFlag.isSet {
                reason = .stopped
            } else if options.connectionTimeout > 0, !transfer.hasResponse,
                      DispatchTime.now().uptimeNanoseconds - started > UInt64(options.connectionTimeout) * 1_000_000_000 {
                reason = .timedOut(seconds: options.connectionTimeout)
            } else if options.operationTimeout > 0, transfer.hasResponse,
                      transfer.idleNanoseconds > UInt64(options.operationTimeout) * 1_000_000_000 {
                reason = .readTimedOut
            }
            if let reason {
                abandon(task, of: session)
                throw reason
            }
        }
        session.invalidateAndCancel()
        return try transfer.outcome(requestURL: request.url)
    }

    /// Cancels a task that is still running without waiting for it. FoundationNetworking's cancel waits for
    /// its work queue, which a server streaming as fast as the loopback allows keeps busy for seconds (0.3
    /// to 25 s measured against an endless body), so a caller that waited there would make Ctrl-C, the
    /// timeouts and the memory limit that slow.
    private static func abandon(_ task: URLSessionDataTask, of session: URLSession) {
        let handles = AbandonedTransfer(task: task, session: session)
        DispatchQueue.global(qos: .utility).async {
            handles.task.cancel()
            handles.session.invalidateAndCancel()
        }
    }

    /// .NET's HttpRequestException texts for the failures a lab meets, with the inner exception's message
    /// (which pwsh shows as ErrorDetails, so as the error's text): .NET's SocketException words where .NET
    /// has them (`Connection refused (host:port)`, inner `Connection refused`), libcurl's own otherwise.
    static func translate(_ error: URLError, url: URL?) -> WebClientError {
        let endpoint = url.map { "\($0.host ?? ""):\($0.port ?? ($0.scheme == "https" ? 443 : 80))" } ?? ""
        let detail = error.userInfo[NSLocalizedDescriptionKey] as? String
        let tls = detail.map { $0.contains("SSL") || $0.contains("certificate") || $0.contains("TLS") } ?? false
        switch error.code {
        case .cannotConnectToHost: return .failed("Connection refused (\(endpoint))", inner: "Connection refused")
        case .cannotFindHost, .dnsLookupFailed: return .failed("Name or service not known (\(endpoint))", inner: "Name or service not known")
        case .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateHasUnknownRoot,
             .serverCertificateNotYetValid, .secureConnectionFailed, .clientCertificateRejected:
            return .failed("The SSL connection could not be established, see inner exception.", inner: detail)
        case _ where tls:
            return .failed("The SSL connection could not be established, see inner exception.", inner: detail)
        case .networkConnectionLost, .badServerResponse, .cannotParseResponse, .zeroByteResource:
            return .failed("An error occurred while sending the request.", inner: detail ?? "The response ended prematurely.")
        default:
            return .failed("An error occurred while sending the request.", inner: detail)
        }
    }

    static func fileFailure(_ path: String) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        if !FileManager.default.fileExists(atPath: dir) { return "Could not find a part of the path '\(path)'." }
        return "Access to the path '\(path)' is denied."
    }
}
