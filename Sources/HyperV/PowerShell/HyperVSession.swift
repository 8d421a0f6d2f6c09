import Foundation
import Inventory
import Synchronization

/// Which HyperVHost the cmdlets of this process use. One per inventory root, opened on first use
/// from `$HVSH_HOME` (else `/var/lib/hvsh` for root, else `~/.local/share/hvsh`), so a test that
/// points HVSH_HOME somewhere new gets a fresh inventory.
public enum HyperVSession {
    /// How the live parts are made: the VM status source (the VMM client) and the switch directory
    /// (the networking module). The executable sets these once at start; tests may replace them.
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

    static let state = Mutex<(factories: Factories?, hosts: [String: HyperVHost])>((nil, [:]))

    /// Replaces the factories and forgets hosts made with the old ones.
    public static func configure(_ factories: Factories) {
        state.withLock { $0 = (factories, [:]) }
    }

    /// The host for the current inventory root.
    public static func current() throws -> HyperVHost {
        let root = Inventory.defaultRoot()
        if let host = state.withLock({ $0.hosts[root] }) { return host }
        let inventory = try Inventory(root: root)
        let factories = state.withLock { $0.factories } ?? defaultFactories
        let host = HyperVHost(inventory: inventory, info: factories.hostInfo(), monitor: factories.monitor(inventory),
                              switches: factories.switches(inventory))
        return state.withLock { state in
            if let existing = state.hosts[root] { return existing }
            state.hosts[root] = host
            return host
        }
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
