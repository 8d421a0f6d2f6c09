import Foundation
import LinuxSystem
import Netlink
import XCTest

/// https through the real `hvsh -File`: `openssl s_server` with a self-signed certificate made at test
/// time, on 127.0.0.1 in a network namespace the test creates. The handshake really happens, and an
/// untrusted certificate is pwsh's "SSL connection could not be established" error, with libcurl's reason
/// where .NET gives its own as the inner exception's message. (A trusted one would
/// need this machine's CA store changed, which a test may not do.)
final class WebHTTPSTests: XCTestCase {
    func testUntrustedCertificateIsAnSSLError() throws {
        try WebTestRun.requirements()
        let openssl = "/usr/bin/openssl"
        guard FileManager.default.isExecutableFile(atPath: openssl) else { throw XCTSkip("needs \(openssl) to make a test certificate") }
        let home = HvshProcess.makeHome()
        defer { home.remove() }
        let key = home.path + "/key.pem", cert = home.path + "/cert.pem"
        var make = ProcessSpawn(path: openssl, arguments: ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                                                           "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1"])
        make.fileActions = [.open(1, path: "/dev/null", flags: O_WRONLY), .open(2, path: "/dev/null", flags: O_WRONLY)]
        XCTAssertEqual(try Processes.waitForExit(try make.run()), 0)

        let script = home.write("tls.ps1", """
            try { iwr 'https://127.0.0.1:8443/' -TimeoutSec 20 } catch {
                "$($_.FullyQualifiedErrorId) | $($_.Exception.GetType().FullName) | $($_.Exception.Message)"
                "$_"
            }
            try { iwr 'https://127.0.0.1:8443/' -SkipCertificateCheck } catch { $_.FullyQualifiedErrorId }
            """)
        let out = home.path + "/out.txt", err = home.path + "/err.txt"
        let homePath = home.path
        let status = try NetworkNamespace.runIsolated { () throws -> CInt in
            // The namespace is new, so the port is free; openssl answers every connection until killed.
            var server = ProcessSpawn(path: openssl, arguments: ["openssl", "s_server", "-accept", "127.0.0.1:8443", "-cert", cert,
                                                                 "-key", key, "-www", "-quiet"])
            server.fileActions = [.open(0, path: "/dev/null", flags: O_RDONLY), .open(1, path: "/dev/null", flags: O_WRONLY),
                                  .open(2, path: "/dev/null", flags: O_WRONLY)]
            let serverPid = try server.run()
            defer {
                try? Processes.signal(serverPid, SIGKILL)
                _ = try? Processes.waitForExit(serverPid)
            }
            try Self.waitForListener(port: 8443)
            var spawn = ProcessSpawn(path: "/usr/bin/env", arguments: [
                "env", "-u", "https_proxy", "-u", "HTTPS_PROXY", "-u", "all_proxy", "-u", "ALL_PROXY",
                "HOME=\(homePath)", "HVSH_HOME=\(homePath)/hvsh-state", "NO_COLOR=1",
                "timeout", "-s", "KILL", "60", HvshProcess.executable, "-NoProfile", "-File", script,
            ])
            spawn.directory = homePath
            spawn.fileActions = [.open(0, path: "/dev/null", flags: O_RDONLY),
                                 .open(1, path: out, flags: O_WRONLY | O_CREAT | O_TRUNC),
                                 .open(2, path: err, flags: O_WRONLY | O_CREAT | O_TRUNC)]
            return try Processes.waitForExit(try spawn.run())
        }
        let stdout = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
        XCTAssertEqual(status, 0, stderr)
        XCTAssertEqual(stdout, """
            WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand | System.Net.Http.HttpRequestException | The SSL connection could not be established, see inner exception.
            SSL certificate problem: self-signed certificate
            WebCmdletSkipCertificateCheckNotSupported,Microsoft.PowerShell.Commands.InvokeWebRequestCommand

            """, stderr)
    }

    /// Waits (at most ten seconds) until something accepts connections on 127.0.0.1:port.
    private static func waitForListener(port: UInt16) throws {
        for _ in 0..<200 {
            let probe = try FileDescriptor.socket(AF_INET, CInt(SOCK_STREAM.rawValue))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = port.bigEndian
            if (try? probe.connect(to: address)) != nil { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("openssl s_server did not listen on port \(port)")
    }
}
