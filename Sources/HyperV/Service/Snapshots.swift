import Foundation
import Inventory
import NetworkAddresses

extension HyperVHost {
    /// Checkpoints of a VM, oldest first (Get-VMSnapshot's order).
    public func snapshots(of vmId: UUID) throws -> [SnapshotRecord] {
        try inventory.list(SnapshotRecord.self).records.filter { $0.vmId == vmId }.sorted { $0.creationTime < $1.creationTime }
    }

    public func allSnapshots() throws -> InventoryListing<SnapshotRecord> {
        var listing = try inventory.list(SnapshotRecord.self)
        listing.records.sort { $0.creationTime < $1.creationTime }
        return listing
    }

    /// Hyper-V's default checkpoint name: `<VM name> - (<M/d/yyyy - h:mm:ss AM>)`.
    public static func defaultCheckpointName(vmName: String, at date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "M/d/yyyy - h:mm:ss a"
        return "\(vmName) - (\(formatter.string(from: date)))"
    }

    /// Checkpoint-VM. A checkpoint of a running VM also needs the VMM to save its state; the
    /// caller passes `captureRunningState`, which writes the state file while the VM is paused, runs the
    /// disk change it is given in the same pause, and returns the state the VM was in. Each hard disk
    /// becomes the checkpoint's and the VM goes on in a new differencing disk on it (`CheckpointDisks`).
    @discardableResult
    public func checkpoint(_ vm: VMConfiguration, name: String?,
                           captureRunningState: ((VMConfiguration, String, DiskFileChange) throws -> VMState)? = nil) throws -> SnapshotRecord {
        try inventory.transaction { tx in
            guard var current = try tx.record(VMConfiguration.self, id: vm.id) else { throw HyperVError.vmNotFound(vm.name) }
            let status = monitor.status(of: current)
            if current.checkpointType == .Disabled {
                throw HyperVError.invalidState(vm: current, operation: "Checkpoint operation failed.",
                                               reason: "Checkpoints are disabled for '\(current.name)' (CheckpointType is Disabled).")
            }
            if current.checkpointType == .ProductionOnly && status.state != .Off {
                throw HyperVError.invalidState(vm: current, operation: "Checkpoint operation failed.",
                                               reason: "A production checkpoint needs the guest's backup integration service, which hvsh guests do not have, and '\(current.name)' allows production checkpoints only.")
            }
            let now = Date()
            var record = SnapshotRecord(vmId: current.id, name: name ?? Self.defaultCheckpointName(vmName: current.name, at: now),
                                        creationTime: now, parentSnapshotId: current.parentSnapshotId, configuration: current)
            let running = status.state != .Off && status.state != .Saved
            let operation = "Checkpoint operation failed."
            var disks: [String: String] = [:]
            if running {
                guard let captureRunningState else {
                    throw HyperVError.invalidState(vm: current, operation: operation,
                                                   reason: "This hvsh cannot capture the state of a running virtual machine.")
                }
                let file = snapshotStatePath(for: current, snapshotId: record.id)
                let frozen = current
                record.state = try captureRunningState(current, file) {
                    disks = try CheckpointDisks.addDifferencingDisks(to: frozen, operation: operation)
                    return disks
                }
                record.savedStatePath = file
            } else {
                if status.state == .Saved, let saved = current.savedStatePath {
                    let file = snapshotStatePath(for: current, snapshotId: record.id)
                    try Self.copyFile(saved, to: file)
                    record.state = .Saved
                    record.savedStatePath = file
                }
                disks = try CheckpointDisks.addDifferencingDisks(to: current, operation: operation)
            }
            tx.save(record)
            current = CheckpointDisks.replacing(current, disks)
            current.parentSnapshotId = record.id
            tx.save(current)
            return record
        }
    }

    func snapshotStatePath(for vm: VMConfiguration, snapshotId: UUID) -> String {
        let folder = (vm.snapshotFileLocation as NSString).appendingPathComponent("Snapshots")
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return (folder as NSString).appendingPathComponent(snapshotId.uuidString.uppercased() + ".vmrs")
    }

    static func copyFile(_ source: String, to destination: String) throws {
        try? FileManager.default.removeItem(atPath: destination)
        do { try FileManager.default.copyItem(atPath: source, toPath: destination) } catch {
            throw HyperVError("Failed to copy the saved state '\(source)': \(error.localizedDescription)",
                              errorId: "OperationFailed", category: .invalidOperation, target: source)
        }
    }

    /// Restore-VMSnapshot: the VM takes the checkpoint's configuration (keeping its name, id and
    /// adapters' MAC leases) and state. A checkpoint of a running VM leaves the VM Saved at that
    /// point, ready to resume; `stopRunning` turns a running VM off first (Hyper-V does the same).
    @discardableResult
    public func restore(_ snapshot: SnapshotRecord, stopRunning: ((VMConfiguration) throws -> Void)? = nil) throws -> VMConfiguration {
        guard let vm = try self.vm(id: snapshot.vmId) else { throw HyperVError.vmNotFound(snapshot.configuration.name) }
        let state = monitor.status(of: vm).state
        try HyperVRules.checkCheckpointApply(vm: vm, state: state)
        if state != .Off && state != .Saved {
            guard let stopRunning else {
                throw HyperVError.invalidState(vm: vm, operation: "Failed to apply the checkpoint.",
                                               reason: "'\(vm.name)' must be turned off first.")
            }
            try stopRunning(vm)
        }
        return try updateVM(id: vm.id, name: vm.name) { vm, _, tx in
            var restored = snapshot.configuration
            restored.id = vm.id
            restored.name = vm.name
            restored.parentSnapshotId = snapshot.id
            // The checkpoint's disk files stay frozen: the VM goes on in new differencing disks on them, and
            // the ones it used since are discarded (made first, so a failure leaves the VM as it was).
            let disks = try CheckpointDisks.addDifferencingDisks(to: restored, operation: "Failed to apply the checkpoint.")
            restored = CheckpointDisks.replacing(restored, disks)
            CheckpointDisks.discardCurrentDisks(of: vm, checkpoints: try tx.list(SnapshotRecord.self).records.filter { $0.vmId == vm.id })
            // MAC leases: keep every address that is still leased to its adapter; re-lease the rest
            // (an adapter that never ran has none and gets one at the next start).
            for (index, adapter) in restored.networkAdapters.enumerated() where adapter.dynamicMacAddressEnabled {
                guard let mac = adapter.macAddress else { continue }
                if try tx.leaseHolder(of: mac) == adapter.adapterId { continue }
                restored.networkAdapters[index].macAddress = try tx.allocateMACAddress(for: adapter.adapterId)
            }
            for adapter in vm.networkAdapters where adapter.dynamicMacAddressEnabled {
                if !restored.networkAdapters.contains(where: { $0.adapterId == adapter.adapterId }),
                   let mac = adapter.macAddress, try tx.leaseHolder(of: mac) == adapter.adapterId {
                    tx.releaseMACAddress(mac)
                }
            }
            if let old = vm.savedStatePath, Self.ownsSavedState(vm) { try? FileManager.default.removeItem(atPath: old) }
            // A checkpoint of a running VM leaves the VM Saved at that point. Its state is used in
            // place (memory images are as large as the guest's RAM), so it is never deleted as
            // the VM's own saved state; Start-VM reads it and leaves it to the checkpoint.
            restored.savedStatePath = snapshot.savedStatePath
            vm = restored
        }
    }

    /// Remove-VMSnapshot: children move up to the removed checkpoint's parent; with
    /// `includeChildren` the whole subtree goes. Disk files the removed checkpoints held are merged
    /// as Hyper-V merges them (`CheckpointDisks.mergeAfterRemoving`); for a running VM `changeRunningDisks`
    /// runs the merge while the VM is paused with its files released (without it, files stay unmerged).
    public func removeSnapshot(_ snapshot: SnapshotRecord, includeChildren: Bool,
                               changeRunningDisks: ((VMConfiguration, DiskFileChange) throws -> Void)? = nil) throws {
        try inventory.transaction { tx in
            let all = try tx.list(SnapshotRecord.self).records.filter { $0.vmId == snapshot.vmId }
            var doomed: Set<UUID> = [snapshot.id]
            if includeChildren {
                var changed = true
                while changed {
                    changed = false
                    for s in all where !doomed.contains(s.id) && s.parentSnapshotId.map(doomed.contains) == true {
                        doomed.insert(s.id); changed = true
                    }
                }
            }
            let survivorParent = snapshot.parentSnapshotId
            var remaining = all.filter { !doomed.contains($0.id) }
            for index in remaining.indices {
                if let parent = remaining[index].parentSnapshotId, doomed.contains(parent) { remaining[index].parentSnapshotId = survivorParent }
            }
            guard var vm = try tx.record(VMConfiguration.self, id: snapshot.vmId) else { return }
            let removed = all.filter { doomed.contains($0.id) }
            let operation = "Failed to remove the checkpoint."
            let state = monitor.status(of: vm).state
            if state == .Running || state == .Paused {
                if let changeRunningDisks {
                    let before = vm
                    try changeRunningDisks(before) {
                        try CheckpointDisks.mergeAfterRemoving(removed, vm: &vm, remaining: &remaining, operation: operation)
                    }
                }
            } else {
                _ = try CheckpointDisks.mergeAfterRemoving(removed, vm: &vm, remaining: &remaining, operation: operation)
            }
            for s in removed {
                tx.delete(SnapshotRecord.self, id: s.id)
                if let file = s.savedStatePath, vm.savedStatePath != file { try? FileManager.default.removeItem(atPath: file) }
            }
            for s in remaining where all.first(where: { $0.id == s.id }) != s { tx.save(s) }
            if let parent = vm.parentSnapshotId, doomed.contains(parent) { vm.parentSnapshotId = survivorParent }
            tx.save(vm)
        }
    }

    /// Rename-VMSnapshot.
    @discardableResult
    public func renameSnapshot(_ snapshot: SnapshotRecord, to newName: String) throws -> SnapshotRecord {
        try inventory.transaction { tx in
            guard var current = try tx.record(SnapshotRecord.self, id: snapshot.id) else {
                throw HyperVError.snapshotNotFound(snapshot.name, vmName: snapshot.configuration.name)
            }
            current.name = newName
            tx.save(current)
            return current
        }
    }

    /// Remove-VMSavedState: discards a saved VM's state, leaving it Off.
    @discardableResult
    public func removeSavedState(of vm: VMConfiguration) throws -> VMConfiguration {
        try updateVM(id: vm.id, name: vm.name) { vm, status, _ in
            guard status.state == .Saved, let file = vm.savedStatePath else {
                throw HyperVError.invalidState(vm: vm, operation: "Failed to delete the saved state.",
                                               reason: "'\(vm.name)' is not in the Saved state; it is \(status.state.rawValue).")
            }
            if Self.ownsSavedState(vm) { try? FileManager.default.removeItem(atPath: file) }
            vm.savedStatePath = nil
        }
    }

    /// Whether the VM's saved state is its own (from Save-VM) rather than a checkpoint's, used in place.
    static func ownsSavedState(_ vm: VMConfiguration) -> Bool {
        guard let path = vm.savedStatePath else { return false }
        return path.contains("/Saved States/")
    }
}

extension HyperVError {
    public static func snapshotNotFound(_ name: String, vmName: String) -> HyperVError {
        HyperVError("Hyper-V was unable to find a checkpoint with name \"\(name)\" for virtual machine \"\(vmName)\".",
                    errorId: "InvalidParameter", category: .invalidArgument, target: name)
    }
}
