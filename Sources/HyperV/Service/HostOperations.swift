import Foundation
import Inventory
import NetworkAddresses

extension HyperVHost {
    /// The MAC pool's bounds (VMHost's MacAddressMinimum/Maximum).
    public func macAddressPool() throws -> MACAddressPool {
        try inventory.transaction { try $0.macAddressPool() }
    }

    /// Set-VMHost: paths and the MAC range, in one transaction.
    public func setHost(virtualMachinePath: String?, virtualHardDiskPath: String?, macMinimum: String?, macMaximum: String?,
                        enableEnhancedSessionMode: Bool?, numaSpanningEnabled: Bool?) throws {
        func parse(_ text: String) throws -> MACAddress {
            guard let mac = MACAddress(text) else {
                throw HyperVError("The MAC address '\(text)' is not valid. Specify 12 hexadecimal digits, for example 00155D010200.",
                                  errorId: "InvalidParameter", category: .invalidArgument, target: text)
            }
            return mac
        }
        let minimum = try macMinimum.map(parse)
        let maximum = try macMaximum.map(parse)
        for path in [virtualMachinePath, virtualHardDiskPath].compactMap({ $0 }) {
            guard path.hasPrefix("/") else {
                throw HyperVError("The path '\(path)' is not an absolute path.", errorId: "InvalidParameter", category: .invalidArgument, target: path)
            }
        }
        try inventory.transaction { tx in
            var settings = try tx.document(HostSettings.self, named: HostSettings.documentName) ?? HostSettings.defaults(root: inventory.root)
            if let virtualMachinePath { settings.virtualMachinePath = virtualMachinePath }
            if let virtualHardDiskPath { settings.virtualHardDiskPath = virtualHardDiskPath }
            if let enableEnhancedSessionMode { settings.enableEnhancedSessionMode = enableEnhancedSessionMode }
            if let numaSpanningEnabled { settings.numaSpanningEnabled = numaSpanningEnabled }
            tx.saveDocument(settings, named: HostSettings.documentName)
            if minimum != nil || maximum != nil {
                let pool = try tx.macAddressPool()
                let low = minimum ?? pool.minimum, high = maximum ?? pool.maximum
                do { try tx.setMACAddressPool(minimum: low, maximum: high) } catch {
                    throw HyperVError("The MAC address range \(low.compact)-\(high.compact) is not valid: the maximum is below the minimum.",
                                      errorId: "InvalidParameter", category: .invalidArgument)
                }
            }
        }
    }
}
