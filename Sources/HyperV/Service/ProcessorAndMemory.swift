import Foundation
import Inventory

extension HyperVHost {
    /// Set-VMProcessor: applies `change` and checks Hyper-V's processor rules against the live state.
    @discardableResult
    public func setProcessor(of vm: VMConfiguration, _ change: (inout ProcessorSettings) -> Void) throws -> VMConfiguration {
        try setSettings(\.processor, of: vm, change, checkedBy: HyperVRules.checkProcessorChange)
    }

    /// Set-VMMemory: applies `change` and checks Hyper-V's memory rules against the live state.
    @discardableResult
    public func setMemory(of vm: VMConfiguration, _ change: (inout MemorySettings) -> Void) throws -> VMConfiguration {
        try setSettings(\.memory, of: vm, change, checkedBy: HyperVRules.checkMemoryChange)
    }

    /// Applies `change` to one group of a VM's settings, letting `check` refuse what Hyper-V's rules
    /// refuse in the VM's live state.
    private func setSettings<Settings>(
        _ group: WritableKeyPath<VMConfiguration, Settings>, of vm: VMConfiguration, _ change: (inout Settings) -> Void,
        checkedBy check: (VMConfiguration, VMState, Settings, Settings, HostInfo) throws -> Void
    ) throws -> VMConfiguration {
        try updateVM(id: vm.id, name: vm.name) { vm, status, _ in
            var settings = vm[keyPath: group]
            change(&settings)
            try check(vm, status.state, vm[keyPath: group], settings, info)
            vm[keyPath: group] = settings
        }
    }

    /// Set-VM: VM-wide settings plus the processor and memory shortcuts, with the same rules as
    /// Set-VMProcessor/Set-VMMemory, and -NewVMName.
    @discardableResult
    public func setVM(_ vm: VMConfiguration, _ change: (inout VMConfiguration) -> Void) throws -> VMConfiguration {
        try updateVM(id: vm.id, name: vm.name) { vm, status, _ in
            var changed = vm
            change(&changed)
            if changed.processor != vm.processor {
                try HyperVRules.checkProcessorChange(vm: vm, state: status.state, from: vm.processor, to: changed.processor, host: info)
            }
            if changed.memory != vm.memory {
                try HyperVRules.checkMemoryChange(vm: vm, state: status.state, from: vm.memory, to: changed.memory, host: info)
            }
            if changed.name.isEmpty {
                throw HyperVError("The virtual machine name cannot be empty.", errorId: "InvalidParameter", category: .invalidArgument)
            }
            vm = changed
        }
    }

    /// Rename-VM.
    @discardableResult
    public func renameVM(_ vm: VMConfiguration, to newName: String) throws -> VMConfiguration {
        try setVM(vm) { $0.name = newName }
    }
}
