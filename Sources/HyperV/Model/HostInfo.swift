import Foundation
import Inventory

/// Facts about this host that Hyper-V reports in VMHost and uses in its rules. Read once per
/// process; nothing here changes the host.
public struct HostInfo: Sendable, Equatable {
    /// Hyper-V's ComputerName: the host name.
    public var computerName: String
    public var fullyQualifiedDomainName: String
    public var logicalProcessorCount: Int
    /// Bytes of RAM (MemTotal).
    public var memoryCapacity: Int64

    public init(computerName: String, fullyQualifiedDomainName: String, logicalProcessorCount: Int, memoryCapacity: Int64) {
        self.computerName = computerName
        self.fullyQualifiedDomainName = fullyQualifiedDomainName
        self.logicalProcessorCount = logicalProcessorCount
        self.memoryCapacity = memoryCapacity
    }

    /// This host's name (as gethostname gives it) and its first label.
    static func hostNames() -> (full: String, short: String) {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, buffer.count)
        let hostName = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (hostName, hostName.split(separator: ".").first.map(String.init) ?? hostName)
    }

    public static func current() -> HostInfo {
        let (hostName, shortName) = hostNames()
        let processors = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        return HostInfo(computerName: shortName, fullyQualifiedDomainName: hostName,
                        logicalProcessorCount: processors, memoryCapacity: readMemTotal())
    }

    private static func readMemTotal() -> Int64 {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else {
            return Int64(sysconf(Int32(_SC_PHYS_PAGES))) * Int64(sysconf(Int32(_SC_PAGESIZE)))
        }
        for line in text.split(separator: "\n") where line.hasPrefix("MemTotal:") {
            let digits = line.split(separator: " ").dropFirst().first.flatMap { Int64($0) } ?? 0
            return digits * 1024
        }
        return 0
    }
}

/// Host-wide settings Set-VMHost changes, stored as the inventory document `Host.json`.
/// (The dynamic MAC range lives in the inventory's MAC pool document, which allocation uses.)
public struct HostSettings: Codable, Equatable, Sendable {
    public var virtualMachinePath: String
    public var virtualHardDiskPath: String
    public var enableEnhancedSessionMode = false
    public var numaSpanningEnabled = true
    public var resourceMeteringSaveInterval: Double = 3600
    public var maximumStorageMigrations: UInt32 = 2
    public var maximumVirtualMachineMigrations: UInt32 = 2
    public var useAnyNetworkForMigration = false
    public var virtualMachineMigrationEnabled = false

    public static let documentName = "Host"

    /// Hyper-V's defaults (`C:\ProgramData\Microsoft\Windows\Hyper-V` for VMs and
    /// `C:\ProgramData\Microsoft\Windows\Virtual Hard Disks` for disks), on hvsh's `C:` drive, which
    /// lies under the inventory root unless HVSH_SYSTEM_DRIVE moves it.
    public static func defaults(root: String) -> HostSettings {
        let windows = Inventory.systemDriveRoot(inventoryRoot: root) + "/ProgramData/Microsoft/Windows"
        return HostSettings(virtualMachinePath: windows + "/Hyper-V", virtualHardDiskPath: windows + "/Virtual Hard Disks")
    }

    public init(virtualMachinePath: String, virtualHardDiskPath: String) {
        self.virtualMachinePath = virtualMachinePath
        self.virtualHardDiskPath = virtualHardDiskPath
    }
}
