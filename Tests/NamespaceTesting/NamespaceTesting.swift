// Test helpers shared by the Netlink and HostNetworking tests: programs run from the calling
// thread's network namespace, and test bodies run inside a fresh one.
import Foundation
import LinuxSystem
import Netlink
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with posix_spawn from the calling thread, so it inherits that thread's network
/// namespace, and returns its exit status and standard output.
public func runProgram(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let pipe = try FileDescriptor.pipe()
    let reader = pipe.readEnd, writer = pipe.writeEnd
    var spawn = ProcessSpawn(path: arguments[0], arguments: arguments)
    spawn.searchesPath = true
    spawn.fileActions = [.duplicate(writer.rawValue, as: 1)]
    let pid = try spawn.run()
    // The parent's copy of the write end must go, or reading never sees the end of the output.
    try writer.close()
    let output = try reader.readToEnd()
    return (try Processes.waitForExit(pid), String(decoding: output, as: UTF8.self))
}

/// Parses `ip -j ...` / `nft -j ...` output.
public func runJSON(_ arguments: [String]) throws -> Any {
    let result = try runProgram(arguments)
    guard result.status == 0 else { throw NSError(domain: "runJSON", code: Int(result.status)) }
    return try JSONSerialization.jsonObject(with: Data(result.output.utf8))
}

/// Skips unless the test can create network namespaces (root, or CAP_SYS_ADMIN and CAP_NET_ADMIN).
public func requireNamespaces() throws {
    guard geteuid() == 0 else { throw XCTSkip("needs root to create a network namespace") }
    guard access("/proc/thread-self/ns/net", R_OK) == 0 else { throw XCTSkip("/proc/thread-self/ns/net missing") }
}

/// Runs `body` on a thread inside a fresh network namespace; the test thread's namespace is
/// protected so that any change attempted outside the fresh one fails loudly.
public func inFreshNamespace<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
    try requireNamespaces()
    NamespaceGuard.protect()
    defer { NamespaceGuard.release() }
    return try NetworkNamespace.runIsolated(body)
}
