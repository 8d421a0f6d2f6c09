import Foundation
import Inventory
import Netlink
import NetworkAddresses

/// Management-OS adapters beyond the one an Internal switch gets: what Hyper-V's
/// `Add-VMNetworkAdapter -ManagementOS`, `Get-VMNetworkAdapter -ManagementOS` and
/// `Remove-VMNetworkAdapter -ManagementOS` manage. The Hyper-V module's cmdlets call these.
extension HostNetwork {
    /// Every host adapter, optionally only those on one switch.
    public func hostAdapters(switchName: String? = nil) throws(HostNetworkingError) -> [HostAdapterRecord] {
        let adapters = try store { try inventory.list(HostAdapterRecord.self).records }
        guard let switchName else { return adapters }
        let state = try switchNamed(switchName)
        return adapters.filter { $0.switchID == state.record.id }
    }

    /// Adds a host adapter named `name` (NetAdapter `vEthernet (<name>)`) on the switch. The bridge
    /// must exist (reconcile first in a fresh namespace): the adapter's port is attached to it.
    @discardableResult
    public func addHostAdapter(switchName: String, name: String? = nil,
                               macAddress: String? = nil) throws(HostNetworkingError) -> HostAdapterRecord {
        let state = try switchNamed(switchName)
        let adapterName = name ?? state.record.name
        let netAdapterName = KernelNames.hostAdapterName(forSwitch: adapterName)
        try KernelNames.checkAliasLength(netAdapterName, name: adapterName, what: "network adapter")
        if try hostAdapters().contains(where: { $0.netAdapterName.caseInsensitiveCompare(netAdapterName) == .orderedSame }) {
            throw HostNetworkingError("A management OS network adapter named \"\(adapterName)\" already exists.",
                                      category: .resourceExists, errorId: "ObjectExists", target: adapterName)
        }
        var mac = MACAddress.randomHyperV()
        if let macAddress {
            guard let parsed = MACAddress(macAddress) else {
                throw HostNetworkingError("'\(macAddress)' is not a valid MAC address.", category: .invalidArgument,
                                          errorId: "InvalidParameter", target: macAddress)
            }
            mac = parsed
        }
        let id = UUID()
        let adapter = HostAdapterRecord(id: id, adapterName: adapterName, netAdapterName: netAdapterName,
                                        switchID: state.record.id, hostEnd: KernelNames.hostEnd(id),
                                        bridgeEnd: KernelNames.bridgeEnd(id), macAddress: mac.description, enabled: true)
        let session = try netlink()
        do {
            try realizeHostAdapter(adapter, bridge: state.record.bridgeName, session: session)
            // A Private switch that the management OS joins is Internal, as in Hyper-V.
            var record = state.record
            let becomesInternal = record.switchType == .Private
            record.switchType = becomesInternal ? .Internal : record.switchType
            let switchRecord = record
            try store { try inventory.transaction { view in
                view.save(adapter)
                if becomesInternal { view.save(switchRecord) }
            } }
        } catch {
            deleteLink(adapter.hostEnd, session: session)
            throw error
        }
        return adapter
    }

    /// Removes host adapters by VMNetworkAdapter name (wildcards), optionally only on one switch.
    public func removeHostAdapters(named pattern: String, switchName: String? = nil) throws(HostNetworkingError) {
        let matches = try hostAdapters(switchName: switchName).filter { wildcardMatch(pattern, $0.adapterName) }
        if matches.isEmpty && !hasWildcard(pattern) {
            throw HostNetworkingError("Hyper-V was unable to find a management OS network adapter named \"\(pattern)\".",
                                      category: .invalidArgument, errorId: "InvalidParameter", target: pattern)
        }
        try removeHostAdapters(matches, session: try netlink())
    }

    /// Rename-VMNetworkAdapter -ManagementOS: the VMNetworkAdapter name changes; as in Hyper-V the
    /// NetAdapter keeps its `vEthernet (...)` name (Rename-NetAdapter changes that).
    @discardableResult
    public func renameHostAdapter(id: UUID, to newName: String) throws(HostNetworkingError) -> HostAdapterRecord {
        guard !newName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw HostNetworkingError("The new name of a network adapter cannot be empty.", category: .invalidArgument,
                                      errorId: "InvalidParameter", target: newName)
        }
        return try store {
            try inventory.transaction { view in
                let adapters = try view.list(HostAdapterRecord.self).records
                guard var adapter = adapters.first(where: { $0.id == id }) else {
                    throw HostNetworkingError("The management OS network adapter was removed meanwhile.", category: .objectNotFound,
                                              errorId: "ObjectNotFound")
                }
                if adapters.contains(where: { $0.id != id && $0.adapterName.caseInsensitiveCompare(newName) == .orderedSame }) {
                    throw HostNetworkingError("A management OS network adapter named \"\(newName)\" already exists.",
                                              category: .resourceExists, errorId: "ObjectExists", target: newName)
                }
                adapter.adapterName = newName
                view.save(adapter)
                return adapter
            }
        }
    }

    /// Removes exactly these host adapters (by record id): their veth pairs and recorded addresses.
    /// Ids no longer recorded (another process removed them) are skipped.
    public func removeHostAdapters(ids: Set<UUID>) throws(HostNetworkingError) {
        let matches = try hostAdapters().filter { ids.contains($0.id) }
        try removeHostAdapters(matches, session: try netlink())
    }
}
