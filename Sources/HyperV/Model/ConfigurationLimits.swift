import Foundation
import Inventory

/// The ranges a stored VM configuration must be in to be loaded at all. The cmdlets never write
/// values outside them (HyperVRules checks every change against the same limits); a file edited
/// by hand or damaged on disk may hold anything, and a negative memory size or a processor count
/// of a million must be refused by name when the file is read, not crash Start-VM later.
/// Host-dependent limits (this host's processors and memory) are checked when a VM starts or
/// changes, not here: a config copied from a larger host still loads.
public enum ConfigurationLimits {
    /// The most memory any VM may have: 256 TB, what x86-64's 48-bit guest-physical addresses map
    /// (Hyper-V's own ceiling, 240 TB, is below it).
    public static let maximumMemory: Int64 = 256 << 40
    /// The most virtual processors any VM may have (Hyper-V on Windows Server 2025: 2048).
    public static let maximumProcessors: Int64 = 2048
    /// Controller numbers and locations: Hyper-V has 2 IDE controllers of 2 slots and 4 SCSI
    /// controllers of 64 slots.
    static let controllerSlots = 0...63
}

extension VMConfiguration: InventoryValidated {
    public func validateFields() throws(OutOfRangeField) {
        try validateFields(prefix: "")
    }

    func validateFields(prefix: String) throws(OutOfRangeField) {
        try OutOfRangeField.check(prefix + "generation", generation, in: 1...2, allowed: "1 or 2")
        for (field, value) in [("startup", memory.startup), ("minimum", memory.minimum), ("maximum", memory.maximum)] {
            try OutOfRangeField.check(prefix + "memory." + field, value, in: HyperVRules.minimumMemory...ConfigurationLimits.maximumMemory,
                                      allowed: "between 32 MB (\(HyperVRules.minimumMemory)) and 256 TB (\(ConfigurationLimits.maximumMemory)) bytes")
            guard value % HyperVRules.twoMegabytes == 0 else {
                throw OutOfRangeField(field: prefix + "memory." + field, value: String(value), allowed: "a multiple of 2 MB")
            }
        }
        try OutOfRangeField.check(prefix + "memory.buffer", memory.buffer, in: 5...2000)
        try OutOfRangeField.check(prefix + "memory.priority", memory.priority, in: 0...100)
        try OutOfRangeField.check(prefix + "processor.count", processor.count, in: 1...ConfigurationLimits.maximumProcessors)
        try OutOfRangeField.check(prefix + "processor.maximum", processor.maximum, in: 0...100)
        try OutOfRangeField.check(prefix + "processor.reserve", processor.reserve, in: 0...100)
        try OutOfRangeField.check(prefix + "processor.relativeWeight", processor.relativeWeight, in: 1...10000)
        try OutOfRangeField.check(prefix + "processor.hwThreadCountPerCore", processor.hwThreadCountPerCore, in: 0...2)
        try OutOfRangeField.check(prefix + "automaticStartDelay", automaticStartDelay, in: 0...Int(Int32.max))
        try OutOfRangeField.check(prefix + "automaticCriticalErrorActionTimeout", automaticCriticalErrorActionTimeout, in: 0...Int(Int32.max))
        for (index, drive) in hardDrives.enumerated() {
            try OutOfRangeField.check(prefix + "hardDrives[\(index)].controllerNumber", drive.controllerNumber, in: ConfigurationLimits.controllerSlots)
            try OutOfRangeField.check(prefix + "hardDrives[\(index)].controllerLocation", drive.controllerLocation, in: ConfigurationLimits.controllerSlots)
        }
        for (index, drive) in dvdDrives.enumerated() {
            try OutOfRangeField.check(prefix + "dvdDrives[\(index)].controllerNumber", drive.controllerNumber, in: ConfigurationLimits.controllerSlots)
            try OutOfRangeField.check(prefix + "dvdDrives[\(index)].controllerLocation", drive.controllerLocation, in: ConfigurationLimits.controllerSlots)
        }
    }
}

extension SnapshotRecord: InventoryValidated {
    public func validateFields() throws(OutOfRangeField) {
        try configuration.validateFields(prefix: "configuration.")
    }
}
