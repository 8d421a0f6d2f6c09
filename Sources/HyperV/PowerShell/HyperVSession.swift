import Foundation
import Inventory

/// How a session's HyperVHost is made. The Hyper-V module provides one to each session it is
/// imported into (`HyperVModule.module(factories:)`); its cmdlets reach it with
/// `context.service(HyperVHost.self)`.
public enum HyperVSession {
    /// How the live parts are made: the VM status source (the VMM client) and the switch directory
    /// (the networking module). Tests pass their own to `HyperVModule.module(factories:)`.
    public struct Factories: Sendable {
        public var monitor: @Sendable (Inventory) -> any VMRuntimeMonitor
        public var switches: @Sendable (Inventory) -> any SwitchDirectory
        public var hostInfo: @Sendable () -> HostInfo
        public init(monitor: @escaping @Sendable (Inventory) -> any VMRuntimeMonitor,
                    switches: @escaping @Sendable (Inventory) -> any SwitchDirectory,
                    hostInfo: @escaping @Sendable () -> HostInfo) {
            self.monitor = monitor
            self.switches = switches
            self.hostInfo = hostInfo
        }
    }

    /// A host on the inventory at `$HVSH_HOME` (else `/var/lib/hvsh` for root, else
    /// `~/.local/share/hvsh`), made with `factories`; the Hyper-V module makes one per session.
    public static func makeHost(_ factories: Factories) throws -> HyperVHost {
        let inventory = try Inventory(root: Inventory.defaultRoot())
        return HyperVHost(inventory: inventory, info: factories.hostInfo(), monitor: factories.monitor(inventory),
                          switches: factories.switches(inventory))
    }

    /// The real thing: VMs run in VMM workers; switches are the networking module's.
    public static let defaultFactories = Factories(monitor: { VMMRuntime(root: $0.root) },
                                                   switches: { NetworkSwitchDirectory(inventory: $0) },
                                                   hostInfo: { HostInfo.current() })

    /// Configuration only: no VM can run (state is Off or Saved from the config), no switches.
    public static let configurationOnlyFactories = Factories(monitor: { _ in ConfigurationOnlyMonitor() },
                                                             switches: { _ in NoSwitches() },
                                                             hostInfo: { HostInfo.current() })
}
