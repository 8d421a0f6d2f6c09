import Foundation
import HostNetworking
import HyperV
import Inventory
import NetworkAddresses

/// What must hold in an inventory at every moment a command can be killed (issue 17, defect 4).
/// Opening the store first finishes any transaction a killed process left in its intent log, as
/// any hvsh command would.
enum InventoryInvariants {
    static func violations(root: String) -> [String] {
        do {
            return try check(root: root)
        } catch {
            return ["the inventory does not open: \(error)"]
        }
    }

    private static func check(root: String) throws -> [String] {
        let inventory = try Inventory(root: root)
        var found: [String] = []
        let (vms, snapshots, leases, switches, hostAdapters, addresses, nats, mappings) = try inventory.read { view in
            (try view.list(VMConfiguration.self), try view.list(SnapshotRecord.self), try view.macAddressLeases(),
             try view.list(SwitchRecord.self), try view.list(HostAdapterRecord.self), try view.list(AddressRecord.self),
             try view.list(NatRecord.self), try view.list(StaticMappingRecord.self))
        }
        // Every config loads.
        for damaged in vms.damaged + snapshots.damaged + switches.damaged + hostAdapters.damaged + addresses.damaged
            + nats.damaged + mappings.damaged {
            found.append("does not load: \(damaged)")
        }
        // No duplicate MACs among VM adapters.
        var owners: [MACAddress: [String]] = [:]
        var adapters: [UUID: (vm: String, mac: MACAddress?)] = [:]
        for vm in vms.records {
            for adapter in vm.networkAdapters {
                adapters[adapter.adapterId] = (vm.name, adapter.macAddress)
                if let mac = adapter.macAddress { owners[mac, default: []].append("\(vm.name)/\(adapter.name)") }
            }
        }
        for (mac, holders) in owners where holders.count > 1 {
            found.append("duplicate MAC \(mac.compact): \(holders.sorted().joined(separator: ", "))")
        }
        // No lease owned by a missing adapter or VM, and none for an address its owner does not have.
        let leaseOwner = Dictionary(leases.map { ($0.address, $0.owner) }, uniquingKeysWith: { first, _ in first })
        for lease in leases {
            guard let adapter = adapters[lease.owner] else {
                found.append("lease \(lease.address.compact) owned by a missing adapter \(lease.owner)")
                continue
            }
            if adapter.mac != lease.address {
                found.append("lease \(lease.address.compact) owned by an adapter of \(adapter.vm) that has \(adapter.mac?.compact ?? "no MAC")")
            }
        }
        // No VM file without its leases: every dynamic MAC is leased to its adapter.
        for vm in vms.records {
            for adapter in vm.networkAdapters where adapter.dynamicMacAddressEnabled {
                guard let mac = adapter.macAddress else { continue }
                if leaseOwner[mac] != adapter.adapterId {
                    found.append("\(vm.name)'s adapter has \(mac.compact) but the lease is \(leaseOwner[mac].map { "owned by \($0)" } ?? "missing")")
                }
            }
        }
        // Checkpoints: none without its VM (orphan files), no parent pointer to a missing checkpoint.
        let vmIDs = Set(vms.records.map(\.id))
        let snapshotIDs = Set(snapshots.records.map(\.id))
        for snapshot in snapshots.records {
            if !vmIDs.contains(snapshot.vmId) { found.append("checkpoint \(snapshot.name) belongs to a missing VM \(snapshot.vmId)") }
            if let parent = snapshot.parentSnapshotId, !snapshotIDs.contains(parent) {
                found.append("checkpoint \(snapshot.name)'s ParentSnapshotId \(parent) is missing")
            }
        }
        for vm in vms.records {
            if let parent = vm.parentSnapshotId, !snapshotIDs.contains(parent) {
                found.append("\(vm.name)'s ParentCheckpointId \(parent) is missing")
            }
        }
        // Host networking: adapters on existing switches, addresses on existing adapters, mappings of existing NATs.
        let switchIDs = Set(switches.records.map(\.id))
        for adapter in hostAdapters.records where !switchIDs.contains(adapter.switchID) {
            found.append("host adapter \(adapter.netAdapterName) on a missing switch")
        }
        let switchNames = switches.records.map { $0.name.lowercased() }
        if Set(switchNames).count != switchNames.count { found.append("two switches share a name: \(switchNames.sorted())") }
        let hostEnds = Set(hostAdapters.records.map(\.hostEnd))
        for address in addresses.records where !hostEnds.contains(address.interfaceName) && address.interfaceName.hasPrefix("hve") {
            found.append("address \(address.address) on a missing host adapter \(address.interfaceName)")
        }
        let natNames = Set(nats.records.map { $0.name.lowercased() })
        for mapping in mappings.records where !natNames.contains(mapping.natName.lowercased()) {
            found.append("static mapping \(mapping.staticMappingID) of a missing NAT \(mapping.natName)")
        }
        // Nothing half-written left behind once the store has been opened.
        if FileManager.default.fileExists(atPath: root + "/.intent-log") { found.append("the intent log survived opening") }
        for folder in [root] + ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).map({ root + "/" + $0 }) {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".tmp") {
                found.append("temporary file left: \(folder)/\(name)")
            }
        }
        return found
    }
}
