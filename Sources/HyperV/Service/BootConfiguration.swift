import Foundation
import Inventory

/// A device or boot source handed to Set-VMFirmware -BootOrder / -FirstBootDevice: which VM it
/// came from and the entry it stands for.
public struct BootDeviceReference: Sendable {
    public var vmId: UUID
    public var vmName: String
    public var entry: BootEntry
    public init(vmId: UUID, vmName: String, entry: BootEntry) {
        self.vmId = vmId
        self.vmName = vmName
        self.entry = entry
    }
}

/// How Set-VMFirmware changes the boot order: `-BootOrder` sets exactly these entries in this
/// order (entries left out are dropped, as in Hyper-V); `-FirstBootDevice` then puts one entry at
/// the head, the others keeping their order.
public struct BootOrderChange: Sendable {
    public var order: [BootDeviceReference]?
    public var first: BootDeviceReference?
    public init(order: [BootDeviceReference]?, first: BootDeviceReference?) {
        self.order = order
        self.first = first
    }
}

extension HyperVHost {
    /// Set-VMFirmware: generation 2 settings, and hvsh's direct-boot extension on any generation.
    @discardableResult
    public func setFirmware(of vm: VMConfiguration, touchesGeneration2Settings: Bool, bootOrder: BootOrderChange? = nil,
                            _ change: (inout FirmwareSettings) -> Void) throws -> VMConfiguration {
        try updateVM(id: vm.id, name: vm.name) { vm, status, _ in
            if touchesGeneration2Settings && vm.generation != 2 {
                throw HyperVError.generation1NoFirmware(vm)
            }
            var firmware = vm.firmware
            change(&firmware)
            if let bootOrder {
                firmware.bootOrder = try Self.applying(bootOrder, to: vm)
                // Choosing the order again on a running VM changes nothing the firmware reads until it is off.
                if status.state == .Off || firmware.bootOrder != vm.bootOrder { firmware.bootOrderChosen = true }
            }
            if firmware != vm.firmware && status.state != .Off {
                throw HyperVError.invalidState(vm: vm, operation: "Failed to modify the firmware settings.",
                                               reason: "Firmware settings can only be changed while the virtual machine is turned off.")
            }
            for path in [firmware.kernelPath, firmware.initrdPath].compactMap({ $0 }) where !path.isEmpty && !path.hasPrefix("builtin:") {
                guard FileManager.default.fileExists(atPath: path) else { throw HyperVError.fileNotFound(path) }
            }
            vm.firmware = firmware
        }
    }

    /// The new boot order; every entry must be a device (or file entry) of this very VM.
    static func applying(_ change: BootOrderChange, to vm: VMConfiguration) throws -> [BootEntry] {
        func checked(_ reference: BootDeviceReference) throws -> BootEntry {
            let entry = reference.entry
            let known = entry.deviceId.map(vm.hasBootableDevice) ?? vm.bootOrder.contains(entry)
            guard reference.vmId == vm.id, known else { throw HyperVError.bootDeviceNotOnVM(vm, reference) }
            return entry
        }
        func same(_ a: BootEntry, _ b: BootEntry) -> Bool {
            a.deviceId != nil ? a.deviceId == b.deviceId : a == b
        }
        var order = vm.bootOrder
        if let references = change.order {
            order = []
            for reference in references {
                let entry = try checked(reference)
                if !order.contains(where: { same($0, entry) }) { order.append(entry) }
            }
        }
        if let reference = change.first {
            let entry = try checked(reference)
            order = [entry] + order.filter { !same($0, entry) }
        }
        return order
    }

    /// Set-VMBios: the startup order must name each of the four BIOS devices once.
    @discardableResult
    public func setBios(of vm: VMConfiguration, startupOrder: [BootDevice]?, numLockEnabled: Bool?) throws -> VMConfiguration {
        try updateVM(id: vm.id, name: vm.name) { vm, status, _ in
            guard vm.generation == 1 else { throw HyperVError.generation2NoBios(vm) }
            var bios = vm.biosSettings
            if let startupOrder {
                guard startupOrder.count == BiosSettings.defaultStartupOrder.count,
                      Set(startupOrder) == Set(BiosSettings.defaultStartupOrder) else {
                    throw HyperVError.invalidStartupOrder(vm, startupOrder)
                }
                bios.startupOrder = startupOrder
            }
            if let numLockEnabled { bios.numLockEnabled = numLockEnabled }
            if bios != vm.biosSettings && status.state != .Off {
                throw HyperVError.invalidState(vm: vm, operation: "Failed to modify the BIOS settings.",
                                               reason: "BIOS settings can only be changed while the virtual machine is turned off.")
            }
            vm.biosSettings = bios
        }
    }
}

extension HyperVError {
    static func generation1NoFirmware(_ vm: VMConfiguration) -> HyperVError {
        HyperVError("Generation 1 virtual machines do not support the VMFirmware cmdlets. Use Get-VMBios and Set-VMBios instead.",
                    errorId: "InvalidParameter", category: .invalidArgument, target: vm.name)
    }

    static func generation2NoBios(_ vm: VMConfiguration) -> HyperVError {
        HyperVError("Generation 2 virtual machines do not support the VMBios cmdlets. Use Get-VMFirmware and Set-VMFirmware instead.",
                    errorId: "InvalidParameter", category: .invalidArgument, target: vm.name)
    }

    static func bootDeviceNotOnVM(_ vm: VMConfiguration, _ reference: BootDeviceReference) -> HyperVError {
        let whose = reference.vmId == vm.id ? "no longer belongs to" : "belongs to virtual machine '\(reference.vmName)', not to"
        return HyperVError("The boot device (\(reference.entry.type.rawValue)) \(whose) virtual machine '\(vm.name)'.",
                           errorId: "InvalidParameter", category: .invalidArgument, target: vm.name)
    }

    static func invalidStartupOrder(_ vm: VMConfiguration, _ order: [BootDevice]) -> HyperVError {
        HyperVError("The startup order '\(order.map(\.rawValue).joined(separator: ", "))' is not valid for '\(vm.name)': it must list Floppy, CD, IDE and LegacyNetworkAdapter, each once.",
                    errorId: "InvalidParameter", category: .invalidArgument, target: vm.name)
    }
}
