import Foundation
import Inventory
import Netlink
import NetworkAddresses

/// A switch as Get-VMSwitch shows it: the record plus what the kernel has.
public struct VirtualSwitchState: Sendable, Equatable {
    public var record: SwitchRecord
    public var hostAdapters: [HostAdapterRecord]
    /// False when the bridge is recorded but missing from the kernel.
    public var presentInKernel: Bool
}

extension HostNetwork {
    // MARK: Reading

    public func switches() throws(HostNetworkingError) -> [VirtualSwitchState] {
        let (switches, adapters) = try store {
            try inventory.read { view in
                (try view.list(SwitchRecord.self).records, try view.list(HostAdapterRecord.self).records)
            }
        }
        let session = try netlink()
        let present = Set(try kernel { try session.linkList() }.map(\.name))
        return switches.sorted { $0.creationTime < $1.creationTime }.map { record in
            VirtualSwitchState(record: record, hostAdapters: adapters.filter { $0.switchID == record.id },
                               presentInKernel: present.contains(record.bridgeName))
        }
    }

    /// Switches whose name matches `pattern` (wildcards allowed), case-insensitively.
    public func switches(named pattern: String) throws(HostNetworkingError) -> [VirtualSwitchState] {
        try switches().filter { wildcardMatch(pattern, $0.record.name) }
    }

    /// Exactly one switch by name, or an error worded like Hyper-V's.
    public func switchNamed(_ name: String) throws(HostNetworkingError) -> VirtualSwitchState {
        guard let found = try switches().first(where: { $0.record.name.caseInsensitiveCompare(name) == .orderedSame }) else {
            throw HostNetworkingError("Hyper-V was unable to find a virtual switch with name \"\(name)\".",
                                      category: .invalidArgument, errorId: "InvalidParameter", target: name)
        }
        return found
    }

    // MARK: Creating

    /// New-VMSwitch: a bridge, plus a host adapter for Internal switches (and External ones that
    /// allow the management OS).
    @discardableResult
    public func createSwitch(name: String, type: SwitchRecord.SwitchType, uplinks: [String] = [],
                             allowManagementOS: Bool = true, notes: String = "") throws(HostNetworkingError) -> VirtualSwitchState {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw HostNetworkingError("The switch name cannot be empty.", category: .invalidArgument, errorId: "InvalidParameter")
        }
        let withHostAdapter = uplinks.isEmpty ? type == .Internal : allowManagementOS
        try KernelNames.checkAliasLength(withHostAdapter ? KernelNames.hostAdapterName(forSwitch: name) : name,
                                         name: name, what: "switch")
        // The records decide (no kernel dump needed): names are unique among recorded switches.
        // Checked here to fail before any kernel work, and again in the transaction that inserts
        // (below), which alone makes the name unique when two shells create it at once.
        if try store({ try inventory.list(SwitchRecord.self).records }).contains(where: { Self.sameName($0.name, name) }) {
            throw Self.switchExists(name)
        }
        let session = try netlink()
        let resolved = uplinks.isEmpty ? [] : try resolveUplinks(uplinks, forSwitch: nil, session: session)
        let id = UUID()
        let record = SwitchRecord(id: id, name: name, switchType: uplinks.isEmpty ? type : .External, notes: notes,
                                  bridgeName: KernelNames.bridge(id), uplinks: resolved.map(\.kernelName),
                                  uplinkDescriptions: resolved.map(\.interfaceDescription), creationTime: Date())
        var adapters: [HostAdapterRecord] = []
        if record.switchType == .Internal || (record.switchType == .External && allowManagementOS) {
            adapters.append(newSwitchAdapter(for: record))
        }
        do {
            try realizeSwitch(record, session: session)
            for adapter in adapters { try realizeHostAdapter(adapter, bridge: record.bridgeName, session: session) }
            try store { try inventory.transaction { view in
                if try view.list(SwitchRecord.self).records.contains(where: { Self.sameName($0.name, name) }) {
                    throw Self.switchExists(name)
                }
                view.save(record)
                for adapter in adapters { view.save(adapter) }
            } }
        } catch {
            // Leave nothing half-made in the kernel.
            for adapter in adapters { deleteLink(adapter.hostEnd, session: session) }
            deleteLink(record.bridgeName, session: session)
            throw error
        }
        return VirtualSwitchState(record: record, hostAdapters: adapters, presentInKernel: true)
    }

    /// Makes the bridge of `record` exist, named, aliased, up, with its uplinks attached.
    func realizeSwitch(_ record: SwitchRecord, session: RouteNetlinkSession) throws(HostNetworkingError) {
        let target = record.name
        var bridge = try kernel(target: target) { try session.link(named: record.bridgeName) }
        if bridge == nil {
            try kernel(target: target) { try session.linkAddBridge(name: record.bridgeName) }
            bridge = try kernel(target: target) { try session.link(named: record.bridgeName) }
        }
        guard let bridge else {
            throw HostNetworkingError("The bridge for switch \"\(record.name)\" vanished while it was being created.",
                                      category: .invalidOperation, errorId: "KernelError", target: target)
        }
        try kernel(target: target) {
            if bridge.alias != record.name { try session.linkSetAlias(index: bridge.index, record.name) }
            if !bridge.isUp { try session.linkSetUp(index: bridge.index, true) }
            for uplink in record.uplinks {
                guard let link = try session.link(named: uplink) else { continue }
                if link.masterIndex != bridge.index { try session.linkSetMaster(index: link.index, masterIndex: bridge.index) }
                if !link.isUp { try session.linkSetUp(index: link.index, true) }
            }
        }
    }

    /// Makes the veth pair of a host adapter exist: host end aliased `vEthernet (...)` with its MAC,
    /// bridge end attached to the switch, both up (unless the adapter was disabled).
    func realizeHostAdapter(_ adapter: HostAdapterRecord, bridge bridgeName: String,
                            session: RouteNetlinkSession) throws(HostNetworkingError) {
        let target = adapter.netAdapterName
        try kernel(target: target) {
            if try session.link(named: adapter.hostEnd) == nil {
                try session.linkAddVeth(name: adapter.hostEnd, peer: adapter.bridgeEnd,
                                        macAddress: MACAddress(adapter.macAddress))
            }
            guard let host = try session.link(named: adapter.hostEnd),
                  let port = try session.link(named: adapter.bridgeEnd),
                  let bridge = try session.link(named: bridgeName) else { return }
            if host.alias != adapter.netAdapterName { try session.linkSetAlias(index: host.index, adapter.netAdapterName) }
            if port.masterIndex != bridge.index { try session.linkSetMaster(index: port.index, masterIndex: bridge.index) }
            if !port.isUp { try session.linkSetUp(index: port.index, true) }
            if host.isUp != adapter.enabled { try session.linkSetUp(index: host.index, adapter.enabled) }
        }
    }

    /// The host adapter a switch gets for the management OS: named after the switch.
    func newSwitchAdapter(for record: SwitchRecord) -> HostAdapterRecord {
        let adapterID = UUID()
        return HostAdapterRecord(
            id: adapterID, adapterName: record.name, netAdapterName: KernelNames.hostAdapterName(forSwitch: record.name),
            switchID: record.id, hostEnd: KernelNames.hostEnd(adapterID), bridgeEnd: KernelNames.bridgeEnd(adapterID),
            macAddress: MACAddress.randomHyperV().description, enabled: true)
    }

    static func sameName(_ a: String, _ b: String) -> Bool { a.caseInsensitiveCompare(b) == .orderedSame }

    static func switchExists(_ name: String) -> HostNetworkingError {
        HostNetworkingError("A virtual switch named \"\(name)\" already exists.", category: .resourceExists,
                            errorId: "ObjectExists", target: name)
    }

    func deleteLink(_ name: String, session: RouteNetlinkSession) {
        if let link = try? session.link(named: name) { try? session.linkDelete(index: link.index) }
    }

    // MARK: Changing

    /// Set-VMSwitch. As in Hyper-V the type follows the switch's ports: with an uplink it is External;
    /// without one it is Internal when the management OS has an adapter on it, else Private. So
    /// -NetAdapterName binds (or moves) the uplink and makes the switch External; -SwitchType
    /// Internal/Private releases the uplink and adds or removes the host adapter; -AllowManagementOS
    /// adds or removes the host adapter (turning a Private switch Internal and back).
    @discardableResult
    public func setSwitch(name: String, notes: String? = nil, type: SwitchRecord.SwitchType? = nil,
                          allowManagementOS: Bool? = nil, uplinks newUplinkNames: [String]? = nil) throws(HostNetworkingError) -> VirtualSwitchState {
        let old = try switchNamed(name)
        var record = old.record
        let session = try netlink()
        if let notes { record.notes = notes }
        if type == .External {
            throw HostNetworkingError("A switch becomes External by binding a network adapter: use -NetAdapterName.",
                                      category: .invalidArgument, errorId: "InvalidParameter", target: name)
        }
        if type != nil && newUplinkNames != nil {
            throw HostNetworkingError("Specify either -SwitchType or -NetAdapterName, not both.",
                                      category: .invalidArgument, errorId: "InvalidParameter", target: name)
        }
        if type == .Private && allowManagementOS == true {
            throw HostNetworkingError("A Private switch cannot be shared with the management operating system.",
                                      category: .invalidArgument, errorId: "InvalidParameter", target: name)
        }
        if let newUplinkNames {
            guard !newUplinkNames.isEmpty else {
                throw HostNetworkingError("-NetAdapterName needs the name of a network adapter.", category: .invalidArgument,
                                          errorId: "InvalidParameter", target: name)
            }
            let resolved = try resolveUplinks(newUplinkNames, forSwitch: record.id, session: session)
            record.uplinks = resolved.map(\.kernelName)
            record.uplinkDescriptions = resolved.map(\.interfaceDescription)
        } else if type != nil {
            record.uplinks = []
            record.uplinkDescriptions = []
        }
        var wantsHostAdapter = !old.hostAdapters.isEmpty
        if let type { wantsHostAdapter = type == .Internal }
        if let allowManagementOS { wantsHostAdapter = allowManagementOS }
        record.switchType = !record.uplinks.isEmpty ? .External : (wantsHostAdapter ? .Internal : .Private)

        if wantsHostAdapter && old.hostAdapters.isEmpty {
            try KernelNames.checkAliasLength(KernelNames.hostAdapterName(forSwitch: record.name), name: record.name, what: "switch")
        }
        let added = wantsHostAdapter && old.hostAdapters.isEmpty ? [newSwitchAdapter(for: record)] : []
        let removed = wantsHostAdapter ? [] : old.hostAdapters
        let released = old.record.uplinks.filter { !record.uplinks.contains($0) }
        do {
            releaseUplinks(released, session: session)
            try realizeSwitch(record, session: session)
            for adapter in added { try realizeHostAdapter(adapter, bridge: record.bridgeName, session: session) }
            try deleteHostAdapterLinks(removed, session: session)
            let final = record
            try store { try inventory.transaction { view in
                view.save(final)
                for adapter in added { view.save(adapter) }
                try forgetHostAdapters(removed, in: view)
            } }
        } catch {
            // Put the kernel back as the (unchanged) records describe it.
            for adapter in added { deleteLink(adapter.hostEnd, session: session) }
            releaseUplinks(record.uplinks.filter { !old.record.uplinks.contains($0) }, session: session)
            try? realizeSwitch(old.record, session: session)
            for adapter in old.hostAdapters { try? realizeHostAdapter(adapter, bridge: old.record.bridgeName, session: session) }
            throw error
        }
        return VirtualSwitchState(record: record, hostAdapters: wantsHostAdapter ? old.hostAdapters + added : [],
                                  presentInKernel: true)
    }

    /// Rename-VMSwitch. Like Hyper-V, the host adapter keeps its name.
    @discardableResult
    public func renameSwitch(_ name: String, to newName: String) throws(HostNetworkingError) -> VirtualSwitchState {
        var state = try switchNamed(name)
        guard !newName.isEmpty else {
            throw HostNetworkingError("The switch name cannot be empty.", category: .invalidArgument, errorId: "InvalidParameter")
        }
        try KernelNames.checkAliasLength(newName, name: newName, what: "switch")
        // The name check and the rename are one transaction, so two shells renaming different
        // switches to one name cannot both succeed; the record is re-read there too, so a rename
        // never writes back a switch another shell removed or changed meanwhile.
        let id = state.record.id
        state.record = try store { try inventory.transaction { view in
            let all = try view.list(SwitchRecord.self).records
            guard var current = all.first(where: { $0.id == id }) else {
                throw HostNetworkingError("Hyper-V was unable to find a virtual switch with name \"\(name)\".",
                                          category: .invalidArgument, errorId: "InvalidParameter", target: name)
            }
            if all.contains(where: { $0.id != id && Self.sameName($0.name, newName) }) { throw Self.switchExists(newName) }
            current.name = newName
            view.save(current)
            return current
        } }
        let session = try netlink()
        if let bridge = try kernel(target: name, { try session.link(named: state.record.bridgeName) }) {
            try kernel(target: name) { try session.linkSetAlias(index: bridge.index, newName) }
        }
        return state
    }

    /// Remove-VMSwitch: the bridge, its host adapters and their recorded addresses.
    public func removeSwitch(named name: String) throws(HostNetworkingError) {
        let state = try switchNamed(name)
        let session = try netlink()
        try deleteHostAdapterLinks(state.hostAdapters, session: session)
        releaseUplinks(state.record.uplinks, session: session)
        if let bridge = try kernel(target: name, { try session.link(named: state.record.bridgeName) }) {
            try kernel(target: name) { try session.linkDelete(index: bridge.index) }
        }
        try store { try inventory.transaction { view in
            try forgetHostAdapters(state.hostAdapters, in: view, retype: false)
            view.delete(SwitchRecord.self, id: state.record.id)
        } }
    }

    func removeHostAdapters(_ adapters: [HostAdapterRecord], session: RouteNetlinkSession) throws(HostNetworkingError) {
        try deleteHostAdapterLinks(adapters, session: session)
        try store { try inventory.transaction { view in try forgetHostAdapters(adapters, in: view) } }
    }

    /// Deletes the veth pairs of host adapters (deleting one end takes the other with it).
    func deleteHostAdapterLinks(_ adapters: [HostAdapterRecord], session: RouteNetlinkSession) throws(HostNetworkingError) {
        for adapter in adapters {
            if let link = try kernel(target: adapter.netAdapterName, { try session.link(named: adapter.hostEnd) }) {
                try kernel(target: adapter.netAdapterName) { try session.linkDelete(index: link.index) }
            }
        }
    }

    /// Drops the records of host adapters and of the addresses they held. When that leaves an
    /// Internal switch without host adapters it is Private, as in Hyper-V.
    func forgetHostAdapters(_ adapters: [HostAdapterRecord], in view: InventoryTransaction, retype: Bool = true) throws {
        guard !adapters.isEmpty else { return }
        let names = Set(adapters.map(\.hostEnd))
        for adapter in adapters { view.delete(HostAdapterRecord.self, id: adapter.id) }
        for address in try view.list(AddressRecord.self).records where names.contains(address.interfaceName) {
            view.delete(AddressRecord.self, id: address.id)
        }
        guard retype else { return }
        let gone = Set(adapters.map(\.id))
        let remaining = try view.list(HostAdapterRecord.self).records.filter { !gone.contains($0.id) }
        for switchID in Set(adapters.map(\.switchID)) where !remaining.contains(where: { $0.switchID == switchID }) {
            if var record = try view.record(SwitchRecord.self, id: switchID), record.switchType == .Internal {
                record.switchType = .Private
                view.save(record)
            }
        }
    }

    /// Attaches a VM's port (a tap) to the named switch's bridge and brings it up.
    public func attach(port: String, toSwitchNamed name: String) throws(HostNetworkingError) {
        let state = try switchNamed(name)
        let session = try netlink()
        try kernel(target: name) {
            guard let bridge = try session.link(named: state.record.bridgeName) else {
                throw NetlinkError(errno: .noDevice, operation: "finding the bridge of switch \(name)")
            }
            guard let link = try session.link(named: port) else {
                throw NetlinkError(errno: .noDevice, operation: "finding port \(port)")
            }
            try session.linkSetMaster(index: link.index, masterIndex: bridge.index)
            if !link.isUp { try session.linkSetUp(index: link.index, true) }
        }
    }

    /// Detaches a VM's port from whatever switch it is on.
    public func detach(port: String) throws(HostNetworkingError) {
        let session = try netlink()
        try kernel(target: port) {
            guard let link = try session.link(named: port) else { return }
            try session.linkSetMaster(index: link.index, masterIndex: nil)
        }
    }
}
