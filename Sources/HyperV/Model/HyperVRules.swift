import Foundation

/// Hyper-V's configuration rules, as pure checks on the VM before and after a change. Each failure
/// is a `HyperVError` in Hyper-V's shape. Kept separate from the store so every rule has one home
/// and one test.
public enum HyperVRules {
    public static let twoMegabytes: Int64 = 2 * 1024 * 1024
    /// Hyper-V's floor for startup and minimum memory.
    public static let minimumMemory: Int64 = 32 * 1024 * 1024

    /// -Generation is 1 or 2 (New-VM also has ValidateSet('1','2') at the binder).
    public static func checkGeneration(_ generation: Int) throws {
        guard generation == 1 || generation == 2 else {
            throw HyperVError("The value \(generation) is not a valid virtual machine generation. Specify 1 or 2.",
                              errorId: "InvalidParameter", category: .invalidArgument, target: String(generation))
        }
    }

    /// -Version must be one this host supports.
    public static func checkVersion(_ version: String, vmName: String) throws {
        guard ConfigurationVersion.supported.contains(version) else {
            throw HyperVError("The VM version \(version) of the virtual machine '\(vmName)' is not supported.",
                              errorId: "InvalidParameter", category: .invalidArgument, target: version)
        }
    }

    // MARK: Processor

    public static func checkProcessorChange(vm: VMConfiguration, state: VMState, from old: ProcessorSettings,
                                            to new: ProcessorSettings, host: HostInfo) throws {
        func fail(_ summary: String, _ reason: String, _ errorId: String) -> HyperVError {
            .deviceModification(device: "Processor", vm: vm, summary: summary, reason: reason, errorId: errorId)
        }
        let isOff = state == .Off
        if new.exposeVirtualizationExtensions != old.exposeVirtualizationExtensions {
            if !isOff {
                throw fail("The operation cannot be performed while the virtual machine is in its current state.",
                           "Virtualization extensions can only be exposed or hidden while the virtual machine is turned off; '\(vm.name)' is \(state.rawValue).",
                           "InvalidState")
            }
            if new.exposeVirtualizationExtensions && !supportsNesting(vm) {
                throw fail("The virtual machine's configuration version does not support this setting.",
                           "Exposing virtualization extensions needs configuration version \(ConfigurationVersion.nestedMinimum.major).\(ConfigurationVersion.nestedMinimum.minor) or later; '\(vm.name)' has version \(vm.version).",
                           "NotSupported")
            }
        }
        if new.count != old.count {
            if !isOff {
                throw fail("The operation cannot be performed while the virtual machine is in its current state.",
                           "The number of virtual processors can only be changed while the virtual machine is turned off.",
                           "InvalidState")
            }
        }
        if new.count < 1 || new.count > Int64(host.logicalProcessorCount) {
            throw fail("The processor count is out of range.",
                       "'\(vm.name)' can have between 1 and \(host.logicalProcessorCount) virtual processors on this host (it has \(host.logicalProcessorCount) logical processors); \(new.count) was requested.",
                       "InvalidParameter")
        }
        if !(0...100).contains(new.maximum) || !(0...100).contains(new.reserve) {
            throw fail("The processor limits are out of range.",
                       "The processor reserve and maximum are percentages between 0 and 100.", "InvalidParameter")
        }
        if new.reserve > new.maximum {
            throw fail("The processor limits are inconsistent.",
                       "The processor reserve (\(new.reserve)) cannot be above the maximum (\(new.maximum)).", "InvalidParameter")
        }
        if !(1...10000).contains(new.relativeWeight) {
            throw fail("The processor weight is out of range.",
                       "The relative weight must be between 1 and 10000.", "InvalidParameter")
        }
        if new.hwThreadCountPerCore < 0 || new.hwThreadCountPerCore > 2 {
            throw fail("The hardware thread count is out of range.",
                       "The hardware thread count per core must be 0 (follow the host), 1 or 2.", "InvalidParameter")
        }
    }

    /// Nested virtualization needs configuration version 8.0 or later.
    public static func supportsNesting(_ vm: VMConfiguration) -> Bool {
        let version = vm.versionNumber
        let floor = ConfigurationVersion.nestedMinimum
        return version.major > floor.major || (version.major == floor.major && version.minor >= floor.minor)
    }

    // MARK: Memory

    public static func checkMemoryChange(vm: VMConfiguration, state: VMState, from old: MemorySettings,
                                         to new: MemorySettings, host: HostInfo) throws {
        func fail(_ summary: String, _ reason: String, _ errorId: String) -> HyperVError {
            .deviceModification(device: "Memory", vm: vm, summary: summary, reason: reason, errorId: errorId)
        }
        let running = state != .Off && state != .Saved
        if running && new != old {
            if vm.processor.exposeVirtualizationExtensions {
                throw fail("The operation cannot be performed while the virtual machine is in its current state.",
                           "The memory of a running virtual machine that exposes virtualization extensions cannot be resized; turn '\(vm.name)' off first.",
                           "InvalidState")
            }
            if new.dynamicMemoryEnabled != old.dynamicMemoryEnabled {
                throw fail("The operation cannot be performed while the virtual machine is in its current state.",
                           "Dynamic memory can only be turned on or off while the virtual machine is turned off.",
                           "InvalidState")
            }
        }
        for (label, value) in [("startup", new.startup), ("minimum", new.minimum), ("maximum", new.maximum)] {
            if value % twoMegabytes != 0 {
                throw fail("Invalid \(label) memory amount assigned for '\(vm.name)'.",
                           "The \(label) memory (\(value) bytes) must be a multiple of 2 MB.", "InvalidParameter")
            }
            if value < minimumMemory {
                throw fail("Invalid \(label) memory amount assigned for '\(vm.name)'.",
                           "The \(label) memory must be at least 32 MB; \(value / 1_048_576) MB was requested.", "InvalidParameter")
            }
            if value > ConfigurationLimits.maximumMemory {
                throw fail("Invalid \(label) memory amount assigned for '\(vm.name)'.",
                           "The \(label) memory must be at most 256 TB; \(value / 1_048_576) MB was requested.", "InvalidParameter")
            }
        }
        if new.startup > host.memoryCapacity {
            throw fail("Invalid startup memory amount assigned for '\(vm.name)'.",
                       "The startup memory (\(new.startup / 1_048_576) MB) exceeds this host's memory capacity (\(host.memoryCapacity / 1_048_576) MB).",
                       "InvalidParameter")
        }
        if new.dynamicMemoryEnabled {
            if new.minimum > new.startup || new.startup > new.maximum {
                throw fail("Invalid dynamic memory settings for '\(vm.name)'.",
                           "With dynamic memory the minimum (\(new.minimum / 1_048_576) MB) must not exceed the startup (\(new.startup / 1_048_576) MB), nor the startup the maximum (\(new.maximum / 1_048_576) MB).",
                           "InvalidParameter")
            }
            if !(5...2000).contains(new.buffer) {
                throw fail("Invalid memory buffer for '\(vm.name)'.", "The memory buffer is a percentage between 5 and 2000.",
                           "InvalidParameter")
            }
        }
        if !(0...100).contains(new.priority) {
            throw fail("Invalid memory weight for '\(vm.name)'.", "The memory priority must be between 0 and 100.",
                       "InvalidParameter")
        }
    }

    // MARK: Checkpoints

    /// A running VM that exposes virtualization extensions cannot have a checkpoint applied.
    public static func checkCheckpointApply(vm: VMConfiguration, state: VMState) throws {
        if state != .Off && state != .Saved && vm.processor.exposeVirtualizationExtensions {
            throw HyperVError.invalidState(
                vm: vm, operation: "Failed to apply the checkpoint.",
                reason: "A checkpoint cannot be applied to a running virtual machine that exposes virtualization extensions; turn '\(vm.name)' off first.")
        }
    }

    /// A running VM that exposes virtualization extensions cannot be live-migrated (hvsh has no
    /// live migration; the rule is kept so the message is Hyper-V's if one is ever attempted).
    public static func checkLiveMigration(vm: VMConfiguration, state: VMState) throws {
        if state == .Running && vm.processor.exposeVirtualizationExtensions {
            throw HyperVError.invalidState(
                vm: vm, operation: "Failed to migrate the virtual machine.",
                reason: "A running virtual machine that exposes virtualization extensions cannot be live-migrated.")
        }
    }
}
