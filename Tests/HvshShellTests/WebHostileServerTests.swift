import Foundation
import XCTest

/// The web cmdlets against servers that misbehave: each ends in a PowerShell error (or Ctrl-C's
/// stop), never a hang, a crash or an unbounded allocation. Server and hvsh share a network namespace
/// the test creates; `timeout(1)` turns a hang into a failure.
final class WebHostileServerTests: XCTestCase {
    private var home: ScratchDirectory!

    override func setUpWithError() throws {
        try WebTestRun.requirements()
        home = HvshProcess.makeHome()
    }

    override func tearDown() { home?.remove() }

    /// Requests seen, by path prefix (the redirect tests count hops).
    final class Hits: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [String: Int] = [:]
        func add(_ key: String) { lock.withLock { counts[key, default: 0] += 1 } }
        func count(_ key: String) -> Int { lock.withLock { counts[key] ?? 0 } }
    }

    static func route(_ request: LocalHTTPServer.Request, hits: Hits) -> LocalHTTPServer.Reply {
        let path = request.path
        if path.hasPrefix("/loop") { hits.add("loop") }
        switch path {
        case "/endless":
            // A body without a length that never ends.
            return .init(status: 200, reason: "OK", raw: { connection, server in
                guard connection.send("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n") else { return }
                let chunk = [UInt8](repeating: 0x61, count: 64 * 1024)
                while !server.isStopped, connection.send(chunk) {}
            })
        case "/silent":
            // Takes the request and never answers.
            return .init(status: 200, reason: "OK", raw: { _, server in
                for _ in 0..<300 where !server.isStopped { Thread.sleep(forTimeInterval: 0.1) }
            })
        case "/drip":
            // Headers one byte at a time, for ever: a client that times each read only would wait for ever.
            return .init(status: 200, reason: "OK", raw: { connection, server in
                guard connection.send("HTTP/1.1 200 OK\r\n") else { return }
                for _ in 0..<600 where !server.isStopped {
                    guard connection.send("X") else { return }
                    Thread.sleep(forTimeInterval: 0.05)
                }
            })
        case "/stall":
            // Headers and a little of the body, then nothing.
            return .init(status: 200, reason: "OK", raw: { connection, server in
                guard connection.send("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\npart") else { return }
                for _ in 0..<300 where !server.isStopped { Thread.sleep(forTimeInterval: 0.1) }
            })
        case "/hugeheader":
            return .init(status: 200, reason: "OK", headers: [("X-Huge", String(repeating: "h", count: 1 << 20))], body: Array("ok".utf8))
        case "/manyheaders":
            return .init(status: 200, reason: "OK", headers: (0..<20_000).map { ("X-Many-\($0)", String(repeating: "m", count: 40)) }, body: Array("ok".utf8))
        case "/loop":
            return .init(status: 302, reason: "Found", headers: [("Location", "/loop")])
        default:
            return .init(status: 404, reason: "Not Found")
        }
    }

    private func run(_ script: String, environment: [String] = []) throws -> (hits: Hits, outcome: WebTestRun.Outcome) {
        let hits = Hits()
        let outcome = try WebTestRun.run(script, home: home, environment: environment) { Self.route($0, hits: hits) }
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        return (hits, outcome)
    }

    /// A body that never ends stops at the allocation limit (lowered here to 8 MiB) with .NET's
    /// OutOfMemoryException, and the script goes on.
    func testEndlessBodyStopsAtTheMemoryLimit() throws {
        let (_, outcome) = try run("""
            try { $r = iwr "$base/endless" } catch { "$($_.FullyQualifiedErrorId) | $_" }
            'after'
            """, environment: ["HVSH_MAX_ALLOCATION_BYTES=\(8 << 20)"])
        XCTAssertEqual(outcome.stdout, """
            System.OutOfMemoryException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand | Exception of type 'System.OutOfMemoryException' was thrown.
            after

            """, outcome.stderr)
    }

    /// -TimeoutSec bounds the wait for the whole header block: a silent server and one that drips its
    /// headers a byte at a time both end in ConnectionTimeoutReached after about a second.
    func testSilentAndDrippingServersTimeOut() throws {
        let (_, outcome) = try run("""
            foreach ($p in 'silent', 'drip') {
                $t = Get-Date
                try { iwr "$base/$p" -TimeoutSec 1 } catch { "$p $($_.FullyQualifiedErrorId)" }
                "$p in time: $(((Get-Date) - $t).TotalSeconds -lt 4)"
            }
            $t = Get-Date
            try { iwr "$base/stall" -OperationTimeoutSeconds 1 } catch { "stall $($_.FullyQualifiedErrorId) $($_.CategoryInfo.Category) | $_" }
            "stall in time: $(((Get-Date) - $t).TotalSeconds -lt 4)"
            """)
        XCTAssertEqual(outcome.stdout, """
            silent ConnectionTimeoutReached,Microsoft.PowerShell.Commands.InvokeWebRequestCommand
            silent in time: True
            drip ConnectionTimeoutReached,Microsoft.PowerShell.Commands.InvokeWebRequestCommand
            drip in time: True
            stall OperationTimeoutReached,Microsoft.PowerShell.Commands.InvokeWebRequestCommand OperationTimeout | The operation has timed out.
            stall in time: True

            """, outcome.stderr)
    }

    /// Headers too large for any client (one of a MiB, or 20,000 of them) are a request error.
    func testHugeHeadersAreRequestErrors() throws {
        let (_, outcome) = try run("""
            foreach ($p in 'hugeheader', 'manyheaders') {
                try { $r = iwr "$base/$p"; "$p answered $($r.StatusCode)" } catch { "$p $($_.FullyQualifiedErrorId) $($_.Exception.GetType().Name)" }
            }
            """)
        XCTAssertEqual(outcome.stdout, """
            hugeheader WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand HttpRequestException
            manyheaders WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand HttpRequestException

            """, outcome.stderr)
    }

    /// A redirect loop is followed 50 times (.NET's default when pwsh gets no -MaximumRedirection), or
    /// as many as asked, and then the last 302 is the error.
    func testRedirectLoopsEndAtTheLimit() throws {
        let (hits, outcome) = try run("""
            try { iwr "$base/loop" } catch { $_.Exception.Message }
            """)
        XCTAssertEqual(outcome.stdout, "Response status code does not indicate success: 302 (Found).\n", outcome.stderr)
        XCTAssertEqual(hits.count("loop"), 51)
        let (three, again) = try run("""
            try { irm "$base/loop" -MaximumRedirection 3 } catch { "$([int]$_.Exception.Response.StatusCode)" }
            """)
        XCTAssertEqual(again.stdout, "302\n", again.stderr)
        XCTAssertEqual(three.count("loop"), 4)
    }
}
