import Foundation
import XCTest
import Inventory
import PSCommands
import PSRuntime
@testable import HyperV

/// Runs scripts through the runtime's ShellSession in-process, with the core commands and the
/// Hyper-V module, against a fresh inventory in a temp `$HVSH_HOME`.
final class HyperVShell {
    let root: String
    let monitor = FixedStateMonitor()
    /// How each session's Hyper-V host is made (a test may switch to the networking module's switches).
    var factories: HyperVSession.Factories
    private let previousHome: String?

    /// With `liveVMs`, VMs really run (VMM workers) instead of the settable test monitor.
    init(_ testCase: XCTestCase, liveVMs: Bool = false) throws {
        root = NSTemporaryDirectory() + "hvsh-shell-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        previousHome = ProcessInfo.processInfo.environment["HVSH_HOME"]
        setenv("HVSH_HOME", root, 1)
        let monitor = self.monitor
        if liveVMs {
            factories = .init(monitor: { VMMRuntime(root: $0.root) }, switches: { _ in NoSwitches() },
                              hostInfo: { ServiceFixture.testHost })
        } else {
            factories = .init(monitor: { _ in monitor }, switches: { _ in NoSwitches() }, hostInfo: { ServiceFixture.testHost })
        }
        let root = self.root, previous = previousHome
        testCase.addTeardownBlock {
            if let previous { setenv("HVSH_HOME", previous, 1) } else { unsetenv("HVSH_HOME") }
            try? FileManager.default.removeItem(atPath: root)
        }
    }

    struct Run {
        var exitCode: Int32
        var output: String
        var other: String
    }

    /// One script in a new session; `width` is the console width formatting uses.
    func run(_ script: String, width: Int = 120) -> Run {
        let host = BufferHost(width: width)
        let session = ShellSession(host: host, modules: [CoreCommands.module, HyperVModule.module(factories: factories)])
        let code = session.runScript(script)
        return Run(exitCode: code, output: host.output, other: host.other)
    }

    /// A Hyper-V host on this shell's inventory, as a new session would make it (to look at what
    /// the scripts did).
    func host() throws -> HyperVHost { try HyperVSession.makeHost(factories) }

    func requireEvaluator() throws {
        let probe = run("1")
        if probe.output.trimmingCharacters(in: .whitespacesAndNewlines) != "1" {
            throw XCTSkip("the runtime's evaluator is not available yet: \(probe.other.prefix(120))")
        }
    }
}
