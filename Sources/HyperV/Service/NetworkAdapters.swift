import Foundation
import Inventory
import NetworkAddresses

extension HyperVHost {
    /// Add-VMNetworkAdapter.
    @discardableResult
    public func addNetworkAdapter(to vm: VMConfiguration, name: String?, switchName: String?, staticMacAddress: String?,
                                  isLegacy: Bool, deviceNaming: OnOffState?) throws -> NetworkAdapterSettings {
        var connected: (id: UUID, name: String)?
        if let switchName, !switchName.isEmpty {
            guard let found = try switches.findSwitch(named: switchName) else { throw HyperVError.switchNotFound(switchName) }
            connected = found
        }
        let staticMac = try staticMacAddress.map(Self.parseStaticMac)
        var added = NetworkAdapterSettings()
        try updateVM(id: vm.id, name: vm.name) { vm, status, tx in
            if isLegacy {
                guard vm.generation == 1 else {
                    throw HyperVError.deviceAdd(vm: vm, device: "Legacy Network Adapter",
                                                reason: "Generation 2 virtual machines do not support legacy network adapters.")
                }
                guard status.state == .Off else {
                    throw HyperVError.deviceAdd(vm: vm, device: "Legacy Network Adapter",
                                                reason: "A legacy network adapter can only be added while the virtual machine is turned off.")
                }
            }
            added.name = name ?? (isLegacy ? "Legacy Network Adapter" : "Network Adapter")
            added.isLegacy = isLegacy
            if let deviceNaming { added.deviceNaming = deviceNaming }
            if let staticMac {
                added.macAddress = staticMac
                added.dynamicMacAddressEnabled = false
            } else if status.state != .Off {
                // A running VM's new adapter needs its address now; an off VM's waits for its start.
                added.macAddress = try tx.allocateMACAddress(for: added.adapterId)
            }
            if let connected { added.switchName = connected.name; added.switchId = connected.id }
            vm.networkAdapters.append(added)
            vm.appendToBootOrder(BootEntry(type: .Network, deviceId: added.adapterId))
        }
        return added
    }

    /// Remove-VMNetworkAdapter: returns a dynamic MAC to the pool.
    public func removeNetworkAdapter(_ adapterId: UUID, from vm: VMConfiguration) throws {
        var removedPort: String?
        let updated = try updateVM(id: vm.id, name: vm.name) { vm, status, tx in
            guard let index = vm.networkAdapters.firstIndex(where: { $0.adapterId == adapterId }) else { return }
            let adapter = vm.networkAdapters[index]
            if status.state == .Running || status.state == .Paused { removedPort = switches.portName(for: adapter) }
            if adapter.isLegacy && status.state != .Off {
                throw HyperVError.invalidState(vm: vm, operation: "Failed to remove device 'Legacy Network Adapter'.",
                                               reason: "A legacy network adapter can only be removed while the virtual machine is turned off.")
            }
            if adapter.dynamicMacAddressEnabled, let mac = adapter.macAddress, try tx.leaseHolder(of: mac) == adapter.adapterId {
                tx.releaseMACAddress(mac)
            }
            vm.networkAdapters.remove(at: index)
        }
        // The guest keeps its device until it restarts, but the port leaves the switch now.
        if let removedPort {
            try switches.releasePort(removedPort)
            vmm?.recordPort(removedPort, for: updated, present: false)
        }
    }

    /// Set-VMNetworkAdapter (and Rename/Connect/Disconnect): changes one adapter. Switching to a
    /// dynamic MAC takes a fresh address from the pool; switching to a static one releases the
    /// dynamic lease. MAC spoofing reaches the running VM's switch port at once.
    @discardableResult
    public func updateNetworkAdapter(_ adapterId: UUID, of vm: VMConfiguration, dynamicMac: Bool = false,
                                     staticMacAddress: String? = nil, connectTo switchName: String? = nil,
                                     disconnect: Bool = false,
                                     _ change: (inout NetworkAdapterSettings) -> Void = { _ in }) throws -> NetworkAdapterSettings {
        var connected: (id: UUID, name: String)?
        if let switchName {
            guard let found = try switches.findSwitch(named: switchName) else { throw HyperVError.switchNotFound(switchName) }
            connected = found
        }
        let staticMac = try staticMacAddress.map(Self.parseStaticMac)
        var result: NetworkAdapterSettings?
        var before: NetworkAdapterSettings?
        var running = false
        let updated = try updateVM(id: vm.id, name: vm.name) { vm, status, tx in
            guard let index = vm.networkAdapters.firstIndex(where: { $0.adapterId == adapterId }) else {
                throw HyperVError("Hyper-V was unable to find the network adapter on virtual machine '\(vm.name)'.",
                                  errorId: "ObjectNotFound", category: .objectNotFound)
            }
            var adapter = vm.networkAdapters[index]
            before = adapter
            running = status.state == .Running || status.state == .Paused
            if (staticMac != nil || dynamicMac) && running {
                throw HyperVError.deviceModification(device: adapter.name, vm: vm,
                    summary: "The operation cannot be performed while the virtual machine is in its current state.",
                    reason: "The MAC address of a network adapter can only be changed while the virtual machine is turned off.",
                    errorId: "InvalidState")
            }
            if let staticMac {
                if adapter.dynamicMacAddressEnabled, let old = adapter.macAddress, try tx.leaseHolder(of: old) == adapter.adapterId {
                    tx.releaseMACAddress(old)
                }
                adapter.macAddress = staticMac
                adapter.dynamicMacAddressEnabled = false
            } else if dynamicMac && !adapter.dynamicMacAddressEnabled {
                // As in Hyper-V, the adapter shows 000000000000 until the VM next starts.
                adapter.macAddress = nil
                adapter.dynamicMacAddressEnabled = true
            }
            if let connected { adapter.switchName = connected.name; adapter.switchId = connected.id }
            if disconnect { adapter.switchName = ""; adapter.switchId = nil }
            change(&adapter)
            vm.networkAdapters[index] = adapter
            result = adapter
        }
        if running, let result, let before {
            try reachRunningPort(of: updated, from: before, to: result)
        }
        return result!
    }

    /// Makes a running VM's switch port match its adapter's new settings: moved to another switch's
    /// bridge, taken off its switch, or given the new port security, without restarting the VM.
    func reachRunningPort(of vm: VMConfiguration, from before: NetworkAdapterSettings, to after: NetworkAdapterSettings) throws {
        guard before.switchName != after.switchName else {
            try switches.applyPortSecurity(vmId: vm.id, adapter: after)
            return
        }
        if let port = switches.portName(for: before) {
            try switches.releasePort(port)
            vmm?.recordPort(port, for: vm, present: false)
        }
        guard let port = switches.portName(for: after) else { return }
        if !switches.portExists(port) {
            // Not connected when the VM started, so its device has no tap yet: the worker opens one.
            guard let vmm, let index = vmm.workerAdapterIndex(of: after, for: vm) else {
                throw HyperVError.deviceModification(device: after.name, vm: vm,
                    summary: "The switch connection was saved but could not reach the running virtual machine.",
                    reason: "The adapter was added after '\(vm.name)' started; the connection takes effect when it starts again.",
                    errorId: "OperationFailed")
            }
            do {
                // The jailed worker has no CAP_NET_ADMIN: it can open a tap with no owner but not create one.
                try VMMRuntime.createPersistentTap(port)
                try vmm.worker(for: vm).plugTap(index: index, name: port)
            } catch {
                VMMRuntime.removePersistentTap(port)
                throw HyperVError.deviceModification(device: after.name, vm: vm,
                    summary: "The switch connection was saved but could not reach the running virtual machine.",
                    reason: Self.sentence("\(error)"), errorId: "OperationFailed")
            }
        }
        vmm?.recordPort(port, for: vm)
        try switches.connectPort(port, adapter: after)
    }

    /// A static MAC must be 12 hex digits (separators allowed) and unicast.
    /// Hyper-V takes a dynamic adapter's address from the pool when the VM starts for the first
    /// time (New-VM shows 000000000000), so creating VMs never exhausts the pool; the address is
    /// kept from then on.
    func assignDynamicMACs(_ vm: VMConfiguration) throws -> VMConfiguration {
        guard vm.networkAdapters.contains(where: { $0.dynamicMacAddressEnabled && $0.macAddress == nil }) else { return vm }
        return try updateVM(id: vm.id, name: vm.name) { v, _, tx in
            for i in v.networkAdapters.indices where v.networkAdapters[i].dynamicMacAddressEnabled && v.networkAdapters[i].macAddress == nil {
                v.networkAdapters[i].macAddress = try tx.allocateMACAddress(for: v.networkAdapters[i].adapterId)
            }
        }
    }

    static func parseStaticMac(_ text: String) throws -> MACAddress {
        guard let mac = MACAddress(text), !mac.isMulticast, !mac.isZero else {
            throw HyperVError("The MAC address '\(text)' is not valid. Specify 12 hexadecimal digits of a unicast address, for example 00155D010203.",
                              errorId: "InvalidParameter", category: .invalidArgument, target: text)
        }
        return mac
    }
}

extension HyperVError {
    static func deviceAdd(vm: VMConfiguration, device: String, reason: String) -> HyperVError {
        HyperVError("""
        Failed to add device '\(device)'.
        '\(vm.name)' failed to add device '\(device)'. (Virtual machine ID \(vm.idUpper))
        \(reason)
        """, errorId: "InvalidParameter", category: .invalidArgument)
    }
}
