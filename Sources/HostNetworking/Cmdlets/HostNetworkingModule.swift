import Foundation
import Inventory
import Netlink
import PSRuntime
import Synchronization

/// The PowerShell face of host networking: the Hyper-V switch cmdlets and the NetAdapter,
/// NetTCPIP and NetNat cmdlets, with their types and default views.
public enum HostNetworkingModule {
    /// The module to import. `network` pins the store (tests pass a temporary one); otherwise the
    /// session uses the default inventory (`$HVSH_HOME`, see `Inventory.defaultRoot`).
    public static func module(network: HostNetwork? = nil) -> PSModule {
        PSModule(name: "HostNetworking",
                 cmdlets: [
                     NewVMSwitchCommand.self, GetVMSwitchCommand.self, SetVMSwitchCommand.self, RenameVMSwitchCommand.self,
                     RemoveVMSwitchCommand.self,
                     GetNetAdapterCommand.self, EnableNetAdapterCommand.self, DisableNetAdapterCommand.self,
                     RenameNetAdapterCommand.self,
                     GetNetIPAddressCommand.self, NewNetIPAddressCommand.self, RemoveNetIPAddressCommand.self,
                     SetNetIPAddressCommand.self, GetNetRouteCommand.self, NewNetRouteCommand.self,
                     NewNetNatCommand.self, GetNetNatCommand.self, RemoveNetNatCommand.self,
                     AddNetNatStaticMappingCommand.self, GetNetNatStaticMappingCommand.self, RemoveNetNatStaticMappingCommand.self,
                     TestConnectionCommand.self, AddSandboxUplinkCommand.self, GetSandboxUplinkDatagramCommand.self, // lab helpers
                 ],
                 enums: [NetworkingTypes.switchType, NetworkingTypes.addressFamily],
                 typeNames: [NetworkingTypes.vmSwitch, NetworkingTypes.netAdapter, NetworkingTypes.netIPAddress,
                             NetworkingTypes.netRoute, NetworkingTypes.netNat, NetworkingTypes.netNatStaticMapping],
                 formatViews: NetworkingViews.all + TestConnectionCommand.views + SandboxUplinkTypes.views,
                 onImport: { session in
                     if let network { SessionNetworks.bind(session, to: network) }
                 })
    }

    public static var module: PSModule { module(network: nil) }

    /// Recreates what the kernel lost, once per inventory and namespace in this process (the
    /// Hyper-V module calls this before it touches host adapters). Nil when it already ran.
    @discardableResult
    public static func reconcileOnce(_ network: HostNetwork) -> ReconcileReport? {
        SessionNetworks.reconcileOnce(network)
    }

    /// The HostNetwork a session uses (the Hyper-V module calls this to attach VM ports to switches).
    public static func network(for session: ShellSession) throws -> HostNetwork {
        try SessionNetworks.network(for: session)
    }
}

/// Which HostNetwork each session uses, and whether its desired state was reconciled yet.
enum SessionNetworks {
    private struct Entry: @unchecked Sendable {
        // HostNetwork is Sendable; the session is only identified, never touched, from here.
        let network: HostNetwork
    }
    private static let bySession = Mutex<[ObjectIdentifier: Entry]>([:])
    private static let defaultNetwork = Mutex<HostNetwork?>(nil)
    private static let reconciled = Mutex<Set<String>>([])

    static func bind(_ session: ShellSession, to network: HostNetwork) {
        bySession.withLock { $0[ObjectIdentifier(session)] = Entry(network: network) }
    }

    static func network(for session: ShellSession) throws -> HostNetwork {
        if let entry = bySession.withLock({ $0[ObjectIdentifier(session)] }) { return entry.network }
        return try defaultNetwork.withLock { current in
            if let current { return current }
            let made = HostNetwork(inventory: try Inventory.openDefault())
            current = made
            return made
        }
    }

    /// Recreates recorded objects the kernel lost, once per inventory and network namespace in
    /// this process, before the first networking cmdlet runs. Returns the report of that first run.
    /// Setting `HVSH_NO_RECONCILE=1` turns this off (Get-VMSwitch then reports what is missing).
    static func reconcileOnce(_ network: HostNetwork) -> ReconcileReport? {
        if let value = ProcessInfo.processInfo.environment["HVSH_NO_RECONCILE"], value == "1" { return nil }
        let key = network.inventory.root + "|" + (Netlink.NetworkNamespace.currentIdentity() ?? "")
        let first = reconciled.withLock { $0.insert(key).inserted }
        return first ? network.reconcile() : nil
    }
}
