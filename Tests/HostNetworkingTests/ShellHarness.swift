import Foundation
import HostNetworking
import Inventory
import PSCommands
import PSRuntime
import XCTest

/// Runs scripts with the runtime's ShellSession in-process, on the calling thread (so inside the
/// test's namespace), with the core commands and the networking module bound to `network`.
func runScript(_ text: String, network: HostNetwork) -> ScriptRun {
    let host = BufferHost(width: 120)
    let session = ShellSession(host: host, modules: [CoreCommands.module, HostNetworkingModule.module(network: network)])
    let code = session.runScript(text)
    return ScriptRun(exitCode: code, output: host.output, other: host.other)
}
