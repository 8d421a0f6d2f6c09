import Foundation
import HostNetworking
import Inventory

/// Switch lookup and port security through the networking module: switches are its inventory
/// records (kind `Switches`), so lookup never touches the kernel. Port security goes to the VM's
/// tap only when that tap exists; until the VMM gives VMs taps, a running VM has no port and
/// MAC spoofing takes effect when one is created (the setting is stored either way).
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
