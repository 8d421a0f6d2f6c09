import Foundation
import HostNetworking
import Inventory
import NetworkAddresses

/// Switch lookup and port security through the networking module: switches are its inventory
/// records (kind `Switches`), so lookup never touches the kernel. A started VM's connected
/// adapters get taps (`hvt<8 hex of the adapter id>`, created by the worker) that are plugged into
/// the switch's bridge with the adapter's port security (MAC spoofing, DHCP and router guards);
/// changing those later, or the switch, reaches the tap at once (the settings are stored either way).
public struct NetworkSwitchDirectory: SwitchDirectory {
    public let inventory: Inventory

    public init(inventory: Inventory) { self.inventory = inventory }

    public func findSwitch(named name: String) throws -> (id: UUID, name: String)? {
        let listing = try inventory.list(SwitchRecord.self)
        return listing.records.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map { ($0.id, $0.name) }
    }

    /// The tap name a VM adapter's port has (outside the networking module's hvs/hve/hvp prefixes).
    public static func tapName(for adapter: NetworkAdapterSettings) -> String {
        "hvt" + String(adapter.adapterId.uuidString.lowercased().prefix(8))
    }

    /// Only adapters connected to a switch get a tap; the worker creates it at start.
    public func portName(for adapter: NetworkAdapterSettings) -> String? {
        adapter.switchName.isEmpty ? nil : Self.tapName(for: adapter)
    }

    public func connectPort(_ port: String, adapter: NetworkAdapterSettings) throws {
        guard let mac = adapter.macAddress else { return }
        do {
            try HostNetwork(inventory: inventory).attach(port: port, toSwitchNamed: adapter.switchName)
            try Self.applySecurity(port: port, mac: mac, adapter: adapter)
        } catch {
            throw HyperVError("Failed to connect '\(adapter.name)' to the switch '\(adapter.switchName)': \(error)",
                              errorId: "OperationFailed", category: .invalidOperation)
        }
    }

    /// Reaches the running VM's tap at once. The tap name is derived from the adapter id, so any hvsh
    /// process finds it; it is looked up through netlink because /sys/class/net shows the namespace
    /// sysfs was mounted in, not this one (`hvsh -Sandbox` runs in its own).
    public func applyPortSecurity(vmId: UUID, adapter: NetworkAdapterSettings) throws {
        let tap = Self.tapName(for: adapter)
        guard !adapter.switchName.isEmpty, let mac = adapter.macAddress, PortSecurity.portExists(tap) else { return }
        do {
            try Self.applySecurity(port: tap, mac: mac, adapter: adapter)
        } catch {
            throw HyperVError("Failed to apply the port security of '\(adapter.name)' to its switch port: \(error)",
                              errorId: "OperationFailed", category: .invalidOperation)
        }
    }

    public func releasePort(_ port: String) throws {
        do {
            try PortSecurity.release(port: port)
        } catch {
            throw HyperVError("Failed to take port \(port) off its switch: \(error)", errorId: "OperationFailed", category: .invalidOperation)
        }
    }

    public func portExists(_ port: String) -> Bool { PortSecurity.portExists(port) }

    static func applySecurity(port: String, mac: MACAddress, adapter: NetworkAdapterSettings) throws {
        try PortSecurity.apply(port: port, macAddress: mac.compact, allowSpoofing: adapter.macAddressSpoofing == .On,
                               dhcpGuard: adapter.dhcpGuard == .On, routerGuard: adapter.routerGuard == .On)
    }
}
