import Foundation
import HostNetworking
import Inventory

/// Switch lookup and port security through the networking module: switches are its inventory
/// records (kind `Switches`), so lookup never touches the kernel. A started VM's connected
/// adapters get taps (`hvt<8 hex of the adapter id>`, created by the worker) that are plugged into
/// the switch's bridge with the adapter's port security; changing MAC spoofing later reaches the
/// tap at once if it exists (the setting is stored either way).
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
            try PortSecurity.apply(port: port, macAddress: mac.compact, allowSpoofing: adapter.macAddressSpoofing == .On)
        } catch {
            throw HyperVError("Failed to connect '\(adapter.name)' to the switch '\(adapter.switchName)': \(error)",
                              errorId: "OperationFailed", category: .invalidOperation)
        }
    }

    public func applyPortSecurity(vmId: UUID, adapter: NetworkAdapterSettings) throws {
        let tap = Self.tapName(for: adapter)
        guard access("/sys/class/net/\(tap)", F_OK) == 0, let mac = adapter.macAddress else { return }
        do {
            try PortSecurity.apply(port: tap, macAddress: mac.compact, allowSpoofing: adapter.macAddressSpoofing == .On)
        } catch {
            throw HyperVError("Failed to apply MAC address spoofing to the port of '\(adapter.name)': \(error)",
                              errorId: "OperationFailed", category: .invalidOperation)
        }
    }
}
