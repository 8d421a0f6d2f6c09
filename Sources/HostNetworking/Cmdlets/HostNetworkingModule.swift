import Foundation
import Inventory
import LinuxSystem
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
                     session.services.provide(HostNetwork.self) { try network ?? HostNetwork(inventory: Inventory.openDefault()) }
                 },
                 commandClassName: className)
    }

    /// The second half of the error ids these commands raise: the switch cmdlets are Hyper-V's C# classes
    /// (`Microsoft.HyperV.PowerShell.Commands.NewVMSwitch`), Test-Connection is PowerShell's, and the
    /// NetAdapter/NetTCPIP/NetNat commands are CIM-generated functions, named by themselves.
    static func className(_ commandName: String) -> String {
        let bare = commandName.replacingOccurrences(of: "-", with: "")
        if commandName.hasSuffix("-VMSwitch") { return "Microsoft.HyperV.PowerShell.Commands." + bare }
        if commandName == "Test-Connection" { return "Microsoft.PowerShell.Commands." + bare + "Command" }
        return commandName
    }

    public static var module: PSModule { module(network: nil) }

    /// Recreates what the kernel lost, once per inventory and namespace in this process (the
    /// Hyper-V module calls this before it touches host adapters). Nil when it already ran.
    @discardableResult
    public static func reconcileOnce(_ network: HostNetwork) -> ReconcileReport? {
        KernelReconcile.once(network)
    }
}

/// Whether the kernel side of an inventory was reconciled yet. This is a fact about the process and
/// the namespace it runs in (the kernel objects outlive sessions), so it is kept per process.
enum KernelReconcile {
    private static let reconciled = Mutex<Set<String>>([])

    /// Recreates recorded objects the kernel lost, once per inventory and network namespace in
    /// this process, before the first networking cmdlet runs. Returns the report of that first run.
    /// Setting `HVSH_NO_RECONCILE=1` turns this off (Get-VMSwitch then reports what is missing).
    static func once(_ network: HostNetwork) -> ReconcileReport? {
        if let value = ProcessInfo.processInfo.environment["HVSH_NO_RECONCILE"], value == "1" { return nil }
        let key = network.inventory.root + "|" + (NetworkNamespace.currentIdentity() ?? "")
        let first = reconciled.withLock { $0.insert(key).inserted }
        return first ? network.reconcile() : nil
    }
}
