import Foundation
import LinuxSystem
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server for the web cmdlet tests: bound to 127.0.0.1 in the network namespace of
/// the thread that makes it (a namespace the test created), answering each connection on a thread of
/// its own from a routing function. A route either answers with a `Reply` or, to play a hostile
/// server, writes to the connection itself. Nothing here reaches any other address.
final class LocalHTTPServer: @unchecked Sendable {
    struct Request {
        var method: String
        var path: String
        var headers: [String: String]
        var body: [UInt8]
    }
    struct Reply {
        var status: Int
        var reason: String
        var headers: [(String, String)] = []
        var body: [UInt8] = []
        var delaySeconds: Double = 0
        /// Writes the whole answer itself (status line included) instead.
        var raw: (@Sendable (Connection, LocalHTTPServer) -> Void)?
    }

    /// One accepted connection.
    final class Connection: @unchecked Sendable {
        let descriptor: FileDescriptor
        init(_ descriptor: consuming FileDescriptor) { self.descriptor = descriptor }
        /// False once the client has gone (no SIGPIPE: the test process must not die of it).
        @discardableResult func send(_ bytes: [UInt8]) -> Bool {
            (try? descriptor.sendAll(bytes, flags: CInt(MSG_NOSIGNAL))) != nil
        }
        func send(_ text: String) -> Bool { send(Array(text.utf8)) }
    }

    let port: UInt16
    private let listener: FileDescriptor
    private let route: @Sendable (Request) -> Reply
    private let lock = NSLock()
    private var stopped = false

    var isStopped: Bool { lock.withLock { stopped } }

    init(route: @escaping @Sendable (Request) -> Reply) throws {
        listener = try FileDescriptor.socket(AF_INET, CInt(SOCK_STREAM.rawValue))
        try listener.setOption(level: SOL_SOCKET, SO_REUSEADDR, to: 1)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        try listener.bind(to: address)
        try listener.listen(backlog: 64)
        port = UInt16(bigEndian: try listener.localAddress(sockaddr_in()).sin_port)
        self.route = route
        let thread = Thread { [self] in self.serve() }
        thread.start()
    }

    private func serve() {
        while true {
            guard let accepted = try? listener.accept() else { return }
            if isStopped { return }
            let connection = Connection(accepted)
            Thread { [self] in self.answer(connection) }.start()
        }
    }

    /// Ends the accept loop (from the server's namespace: it connects once to wake it), so the
    /// listening socket, and with it the namespace, can go; hostile routes watch `isStopped`.
    func stop() {
        lock.withLock { stopped = true }
        guard let wake = try? FileDescriptor.socket(AF_INET, CInt(SOCK_STREAM.rawValue)) else { return }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        try? wake.connect(to: address)
    }

    private func answer(_ connection: Connection) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        func readMore() -> Bool {
            let n = buffer.withUnsafeMutableBytes { (try? connection.descriptor.receive(into: $0)) ?? 0 }
            if n <= 0 { return false }
            received += buffer[0..<n]
            return true
        }
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headerEnd: Int?
        while headerEnd == nil {
            headerEnd = received.indices.dropLast(3).first { Array(received[$0..<$0 + 4]) == separator }
            if headerEnd == nil && !readMore() { return }
        }
        let head = String(decoding: received[0..<headerEnd!], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = head[0].split(separator: " ")
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while received.count - (headerEnd! + 4) < length { if !readMore() { break } }
        let body = Array(received[(headerEnd! + 4)...].prefix(length))
        let request = Request(method: String(requestLine.first ?? ""), path: requestLine.count > 1 ? String(requestLine[1]) : "/",
                              headers: headers, body: body)
        let reply = route(request)
        if let raw = reply.raw { raw(connection, self); return }
        if reply.delaySeconds > 0 { Thread.sleep(forTimeInterval: reply.delaySeconds) }
        var text = "HTTP/1.1 \(reply.status) \(reply.reason)\r\nContent-Length: \(reply.body.count)\r\nConnection: close\r\n"
        for (k, v) in reply.headers { text += "\(k): \(v)\r\n" }
        text += "\r\n"
        connection.send(Array(text.utf8) + (request.method == "HEAD" ? [] : reply.body))
    }
}
