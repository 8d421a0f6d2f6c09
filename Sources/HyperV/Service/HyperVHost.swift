import Foundation
import Inventory
import PSRuntime

/// The Hyper-V service of one hvsh process: the inventory, the host's facts, and where live VM
/// status comes from. Every cmdlet goes through it; every change runs in one inventory
/// transaction that re-reads the VM, checks Hyper-V's rules and writes it back, so concurrent
/// hvsh processes never lose each other's changes.
public final class HyperVHost: Sendable {
    public let inventory: Inventory
    public let info: HostInfo
    public let monitor: any VMRuntimeMonitor
    public let switches: any SwitchDirectory

    public init(inventory: Inventory, info: HostInfo = .current(), monitor: any VMRuntimeMonitor = ConfigurationOnlyMonitor(),
                switches: any SwitchDirectory = NoSwitches()) {
        self.inventory = inventory
        self.info = info
        self.monitor = monitor
        self.switches = switches
    }

    // MARK: Host settings

    public func hostSettings() throws -> HostSettings {
        try inventory.read { try $0.document(HostSettings.self, named: HostSettings.documentName) }
            ?? HostSettings.defaults(root: inventory.root)
    }

    /// The host settings without taking the lock: the document is replaced atomically, so an
    /// unlocked read sees the old or the new settings, which is all New-VM needs for its paths.
    func hostSettingsCached() throws -> HostSettings {
        try inventory.unlockedDocument(HostSettings.self, named: HostSettings.documentName) ?? HostSettings.defaults(root: inventory.root)
    }

    // MARK: Finding VMs

    /// Every VM, sorted by name (then id) the way Get-VM lists them, plus damaged config files.
    public func allVMs() throws -> InventoryListing<VMConfiguration> {
        var listing = try inventory.list(VMConfiguration.self)
        // Keys computed once per VM (uuidString formats with snprintf; a comparator would call it
        // twenty thousand times for a thousand VMs), and indices sorted instead of large structs.
        let keys = listing.records.map { ($0.name.lowercased(), $0.id.uuidString) }
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        listing.records = order.map { listing.records[$0] }
        return listing
    }

    /// VMs matching each name or wildcard pattern. A plain name that matches nothing is reported
    /// in `missing` (Hyper-V's not-found error); a pattern that matches nothing is not an error.
    public func resolveVMs(named patterns: [String]) throws -> (vms: [VMConfiguration], missing: [String], damaged: [DamagedFile]) {
        let listing = try allVMs()
        var found: [VMConfiguration] = []
        var seen = Set<UUID>()
        var missing: [String] = []
        for pattern in patterns {
            let wildcard = WildcardPattern(pattern)
            let matches = listing.records.filter { wildcard.matches($0.name) }
            if matches.isEmpty && !wildcard.hasWildcards { missing.append(pattern) }
            for vm in matches where seen.insert(vm.id).inserted { found.append(vm) }
        }
        return (found, missing, listing.damaged)
    }

    public func vm(id: UUID) throws -> VMConfiguration? {
        try inventory.record(VMConfiguration.self, id: id)
    }

    public func status(of vm: VMConfiguration) -> VMRuntimeStatus { monitor.status(of: vm) }

    // MARK: Changing a VM

    /// Re-reads the VM inside the lock, lets `body` change it (checking rules against the live
    /// state), and saves it. Throws not-found if the VM was removed meanwhile.
    @discardableResult
    public func updateVM(id: UUID, name: String,
                         _ body: (inout VMConfiguration, VMRuntimeStatus, InventoryTransaction) throws -> Void) throws -> VMConfiguration {
        try inventory.transaction { tx in
            guard var vm = try tx.record(VMConfiguration.self, id: id) else { throw HyperVError.vmNotFound(name) }
            let status = monitor.status(of: vm)
            if let saved = status.unrecordedSavedState, vm.savedStatePath == nil { vm.savedStatePath = saved }
            try body(&vm, status, tx)
            tx.save(vm)
            return vm
        }
    }
}

/// The switches adapters can connect to. The networking module provides the real directory
/// (its switch records); `NoSwitches` is for hosts or tests without it.
public protocol SwitchDirectory: Sendable {
    /// The switch with this name (case-insensitive), if any.
    func findSwitch(named name: String) throws -> (id: UUID, name: String)?
    /// Applies an adapter's port security (MAC spoofing) to a running VM's port; a no-op when
    /// the VM has no port (not running).
    func applyPortSecurity(vmId: UUID, adapter: NetworkAdapterSettings) throws
    /// The tap a running VM's adapter uses; nil leaves the adapter unplugged.
    func portName(for adapter: NetworkAdapterSettings) -> String?
    /// Plugs a started VM's tap into its adapter's switch and applies port security.
    func connectPort(_ port: String, adapter: NetworkAdapterSettings) throws
    /// Takes a port off its switch and removes its port security (adapter disconnected, VM stopped).
    func releasePort(_ port: String) throws
    /// Whether the port (a running VM's tap) exists, so it can be moved without restarting the VM.
    func portExists(_ port: String) -> Bool
}

extension SwitchDirectory {
    public func releasePort(_ port: String) throws {}
    public func portExists(_ port: String) -> Bool { false }
}

public struct NoSwitches: SwitchDirectory {
    public init() {}
    public func findSwitch(named name: String) throws -> (id: UUID, name: String)? { nil }
    public func applyPortSecurity(vmId: UUID, adapter: NetworkAdapterSettings) throws {}
    public func portName(for adapter: NetworkAdapterSettings) -> String? { nil }
    public func connectPort(_ port: String, adapter: NetworkAdapterSettings) throws {}
}
