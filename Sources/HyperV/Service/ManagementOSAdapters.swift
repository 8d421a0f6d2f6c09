import Foundation
import HostNetworking
import Inventory
import PSRuntime

/// A management-OS (host) network adapter, Hyper-V's VMInternalNetworkAdapter: a host adapter on a
/// switch, which Windows shows as the NetAdapter `vEthernet (<name>)`. On Linux it is the host end
/// of a veth pair whose other end is a port of the switch's bridge (see HostNetworking).
public struct ManagementOSAdapter: Sendable, Equatable {
    public var id: UUID
    /// The VMNetworkAdapter name (`NAT-Switch`, `Storage`).
    public var name: String
    /// The NetAdapter name (`vEthernet (Storage)`), what Get-NetAdapter lists.
    public var netAdapterName: String
    public var switchName: String
    public var switchId: UUID
    /// Twelve hex digits, Hyper-V's form (`00155D0A0B0C`).
    public var macAddress: String
    /// False after Disable-NetAdapter.
    public var enabled: Bool
}

/// Switch directories that can also list, add and remove management-OS adapters. Only the
/// networking module's directory can; the others (tests, configuration-only hosts) refuse.
public protocol ManagementOSAdapterDirectory: Sendable {
    func managementOSAdapters() throws -> [ManagementOSAdapter]
    func addManagementOSAdapter(name: String?, switchName: String, staticMacAddress: String?) throws -> ManagementOSAdapter
    func removeManagementOSAdapters(_ adapters: [ManagementOSAdapter]) throws
    func renameManagementOSAdapter(_ adapter: ManagementOSAdapter, to newName: String) throws -> ManagementOSAdapter
}

extension HyperVHost {
    /// The directory of host adapters, or Hyper-V-shaped refusal when this host has no networking.
    public func managementOS() throws -> any ManagementOSAdapterDirectory {
        guard let directory = switches as? any ManagementOSAdapterDirectory else {
            throw HyperVError("Management OS network adapters need hvsh's host networking, which this session does not have.",
                              errorId: "NotSupported", category: .notImplemented)
        }
        return directory
    }

    /// Host adapters whose name matches `pattern` (wildcards, case-insensitive; nil for all),
    /// optionally only those on one switch, in creation order of their switches.
    public func managementOSAdapters(named pattern: String? = nil, switchName: String? = nil) throws -> [ManagementOSAdapter] {
        let wildcard = pattern.map { WildcardPattern($0) }
        return try managementOS().managementOSAdapters().filter { adapter in
            (wildcard?.matches(adapter.name) ?? true)
                && (switchName.map { adapter.switchName.caseInsensitiveCompare($0) == .orderedSame } ?? true)
        }
    }
}

extension NetworkSwitchDirectory: ManagementOSAdapterDirectory {
    public func managementOSAdapters() throws -> [ManagementOSAdapter] {
        try hyperV {
            // Per switch, its own adapter (named after it) first, then the added ones by name.
            try network().switches().flatMap { state in
                state.hostAdapters.sorted { a, b in
                    let aOwn = a.adapterName == state.record.name, bOwn = b.adapterName == state.record.name
                    return aOwn != bOwn ? aOwn : a.adapterName.lowercased() < b.adapterName.lowercased()
                }.map { Self.adapter($0, on: state.record) }
            }
        }
    }

    public func addManagementOSAdapter(name: String?, switchName: String, staticMacAddress: String?) throws -> ManagementOSAdapter {
        try hyperV {
            let network = try network()
            let record = try network.addHostAdapter(switchName: switchName, name: name, macAddress: staticMacAddress)
            return Self.adapter(record, on: try network.switchNamed(switchName).record)
        }
    }

    public func removeManagementOSAdapters(_ adapters: [ManagementOSAdapter]) throws {
        try hyperV { try network().removeHostAdapters(ids: Set(adapters.map(\.id))) }
    }

    public func renameManagementOSAdapter(_ adapter: ManagementOSAdapter, to newName: String) throws -> ManagementOSAdapter {
        try hyperV {
            var renamed = adapter
            renamed.name = try network().renameHostAdapter(id: adapter.id, to: newName).adapterName
            return renamed
        }
    }

    /// The networking service on this inventory, after recreating (once per namespace) what the
    /// kernel lost, as the networking cmdlets do: a host adapter needs its switch's bridge.
    private func network() -> HostNetwork {
        let network = HostNetwork(inventory: inventory)
        _ = HostNetworkingModule.reconcileOnce(network)
        return network
    }

    static func adapter(_ record: HostAdapterRecord, on switchRecord: SwitchRecord) -> ManagementOSAdapter {
        ManagementOSAdapter(id: record.id, name: record.adapterName, netAdapterName: record.netAdapterName,
                            switchName: switchRecord.name, switchId: switchRecord.id,
                            macAddress: record.macAddress.filter(\.isHexDigit).uppercased(), enabled: record.enabled)
    }

    /// Networking failures become Hyper-V errors with the same message, id and category.
    private func hyperV<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as HostNetworkingError {
            throw HyperVError(error.message, errorId: error.errorId, category: error.category, target: error.target)
        }
    }
}
