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
    var pipeEnds: [Int32] = [0, 0]
    guard pipe(&pipeEnds) == 0 else { throw Errno.current }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
    posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
    var pid: pid_t = 0
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let status = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
    posix_spawn_file_actions_destroy(&actions)
    close(pipeEnds[1])
    guard status == 0 else { close(pipeEnds[0]); throw Errno(rawValue: status) }
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = read(pipeEnds[0], &chunk, chunk.count)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { break }
        output += chunk[0..<n]
    }
    close(pipeEnds[0])
    var exitStatus: Int32 = 0
    while waitpid(pid, &exitStatus, 0) < 0 && errno == EINTR {}
    return ((exitStatus >> 8) & 0xff, String(decoding: output, as: UTF8.self))
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
