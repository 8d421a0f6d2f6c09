import Foundation
import LinuxSystem
import Netlink
import XCTest

/// Runs a script through the real `hvsh -File` inside a network namespace made for the run, with a
/// `LocalHTTPServer` on 127.0.0.1 in the same namespace; the script gets the server's base URL as
/// `$base`. The namespace (and the server's loopback) go with the run; nothing else is reachable.
struct WebTestRun {
    struct Outcome {
        var stdout: String
        var stderr: String
        var status: CInt
        var seconds: Double
    }

    /// Skips where namespaces cannot be made.
    static func requirements() throws {
        try HvshProcess.requireExecutable()
        guard geteuid() == 0 else { throw XCTSkip("needs root to create a network namespace for the local web server") }
    }

    /// `limit` seconds before `timeout(1)` kills a hung hvsh: a hang is a failure, never a stuck suite.
    static func run(_ script: String, home: ScratchDirectory, environment: [String] = [], limit: Int = 60,
                    route: @escaping @Sendable (LocalHTTPServer.Request) -> LocalHTTPServer.Reply) throws -> Outcome {
        let file = home.write("web.ps1", "param($base)\n" + script)
        let out = home.path + "/out.txt", err = home.path + "/err.txt"
        let homePath = home.path
        let started = DispatchTime.now().uptimeNanoseconds
        let status = try NetworkNamespace.runIsolated { () throws -> CInt in
            let server = try LocalHTTPServer(route: route)
            defer { server.stop() }
            // A proxy from the outer environment would be unreachable here (and is not what is tested).
            let unset = ["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"]
            var spawn = ProcessSpawn(path: "/usr/bin/env", arguments: ["env"] + unset.flatMap { ["-u", $0] } + [
                "HOME=\(homePath)", "HVSH_HOME=\(homePath)/hvsh-state", "NO_COLOR=1",
            ] + environment + [
                "timeout", "-s", "KILL", "\(limit)",
                HvshProcess.executable, "-NoProfile", "-File", file, "http://127.0.0.1:\(server.port)",
            ])
            spawn.directory = homePath
            spawn.fileActions = [.open(0, path: "/dev/null", flags: O_RDONLY),
                                 .open(1, path: out, flags: O_WRONLY | O_CREAT | O_TRUNC),
                                 .open(2, path: err, flags: O_WRONLY | O_CREAT | O_TRUNC)]
            return try Processes.waitForExit(try spawn.run())
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return Outcome(stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                       stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "", status: status, seconds: seconds)
    }
}
