import Foundation
import XCTest

/// `hvsh -Sandbox`: the same command run in a fresh network namespace with only `lo` (up), a scratch
/// HVSH_HOME removed afterwards, and the exit code passed through. Nothing on the host changes.
final class SandboxTests: XCTestCase {
    private var home: ScratchDirectory!

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip") || FileManager.default.isExecutableFile(atPath: "/sbin/ip")
                || FileManager.default.isExecutableFile(atPath: "/usr/bin/ip") else {
            throw XCTSkip("iproute2's ip is needed to look inside the sandbox")
        }
        home = HvshProcess.makeHome()
    }

    override func tearDown() { home?.remove() }

    private func ownNamespace() throws -> String {
        try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/net")
    }

    private func requireNamespaces(_ result: HvshProcess.Result) throws {
        if result.stderr.contains("cannot create a network namespace") {
            throw XCTSkip("this machine does not allow new network namespaces: \(result.stderr)")
        }
    }

    func testCommandRunsInANewNamespaceWithLoopbackUpAndScratchHome() throws {
        let script = """
            "ns=$(readlink /proc/self/ns/net)"
            "home=$env:HVSH_HOME"
            ip -o link show
            exit 9
            """
        let result = try HvshProcess.run(["-Sandbox", "-NoProfile", "-Command", script], home: home.path)
        try requireNamespaces(result)
        XCTAssertEqual(result.status, 9, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, result.stdout)
        XCTAssertNotEqual(lines.first, "ns=" + (try ownNamespace()), "the command ran in this test's namespace")
        XCTAssertTrue(lines.first?.hasPrefix("ns=net:[") ?? false, result.stdout)
        // Only the loopback interface exists inside, and it is up.
        XCTAssertTrue(lines[2].contains(": lo: <LOOPBACK,UP"), result.stdout)
    }

    /// The sandbox normally carries on in the forked child (no second start of hvsh); when it
    /// cannot (a multi-threaded process; forced here) it execs hvsh again. Both end up alike.
    func testReexecutedSandboxBehavesLikeTheForkedOne() throws {
        let script = "\"ns=$(readlink /proc/self/ns/net) sandbox=$env:HVSH_SANDBOX\"; ip -o link show | Measure-Object | % Count; exit 4"
        for environment in [[:], ["HVSH_SANDBOX_REEXEC": "1"]] {
            let result = try HvshProcess.run(["-Sandbox", "-NoProfile", "-Command", script], home: home.path,
                                             environment: environment)
            try requireNamespaces(result)
            XCTAssertEqual(result.status, 4, "\(environment) \(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            XCTAssertEqual(lines.count, 2, result.stdout)
            XCTAssertNotEqual(lines.first, "ns=" + (try ownNamespace()) + " sandbox=1", "\(environment)")
            XCTAssertTrue(lines.first?.hasSuffix(" sandbox=1") ?? false, result.stdout)
            XCTAssertEqual(lines.last, "1", "only lo inside: \(result.stdout)")
        }
    }

    func testTemporaryHomeIsRemovedAndAGivenHomeIsKept() throws {
        // HvshProcess always sets HVSH_HOME; given one, the sandbox uses it and leaves it alone.
        let given = try HvshProcess.run(["-Sandbox", "-NoProfile", "-c", "$env:HVSH_HOME"], home: home.path)
        try requireNamespaces(given)
        XCTAssertEqual(given.stdout, home.path + "/hvsh-state\n")

        let unset = try runWithoutHvshHome(["-Sandbox", "-NoProfile", "-c", "$env:HVSH_HOME; Test-Path $env:HVSH_HOME"])
        let lines = unset.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2, unset)
        XCTAssertTrue(lines[0].contains("hvsh-sandbox-"), unset)
        // The throwaway inventory lives in memory when /dev/shm is a tmpfs (no fsync cost).
        let shmIsTmpfs = ((try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)) ?? "")
            .split(separator: "\n").contains { $0.split(separator: " ").dropFirst().prefix(2).elementsEqual(["/dev/shm", "tmpfs"]) }
        var space = statvfs()
        if shmIsTmpfs, statvfs("/dev/shm", &space) == 0, UInt64(space.f_bavail) * UInt64(space.f_frsize) >= 1 << 30 {
            XCTAssertTrue(lines[0].hasPrefix("/dev/shm/hvsh-sandbox-"), unset)
        }
        XCTAssertEqual(lines[1], "True", "the scratch home exists while the sandbox runs")
        XCTAssertFalse(FileManager.default.fileExists(atPath: lines[0]), "the scratch home is removed afterwards")
    }

    func testUnprivilegedUserGetsAUserNamespaceToo() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            throw XCTSkip("needs root and setpriv to start hvsh as an unprivileged user")
        }
        // A copy of hvsh that the unprivileged user can reach (the build directory may not be).
        let copy = home.path + "/hvsh"
        try FileManager.default.copyItem(atPath: HvshProcess.executable, toPath: copy)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: home.path)
        let result = try SpawnedTool.run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups",
                                                             "/usr/bin/env", "NO_COLOR=1", "HOME=\(home.path)", "HVSH_HOME=\(home.path)/state",
                                                             copy, "-Sandbox", "-NoProfile", "-c", "ip -o link show | Measure-Object | % Count"],
                                         captureOutput: true)
        if result.status != 0 && result.output.isEmpty {
            throw XCTSkip("unprivileged user namespaces are not allowed here")
        }
        XCTAssertEqual(result.output, "1\n")
    }

    private func runWithoutHvshHome(_ arguments: [String]) throws -> String {
        let result = try SpawnedTool.run("/usr/bin/env", ["-u", "HVSH_HOME", "NO_COLOR=1", "HOME=\(home.path)",
                                                          HvshProcess.executable] + arguments, captureOutput: true)
        return result.output
    }
}
