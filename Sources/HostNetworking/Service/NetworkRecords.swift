import Foundation
import Inventory

/// What hvsh remembers about host networking, one JSON file per object in the inventory. These are
/// the desired state: when the kernel lost an object (reboot, new namespace) `reconcile` rebuilds it.

/// A virtual switch: a Linux bridge.
public struct SwitchRecord: InventoryRecord, Equatable {
    public static let inventoryKind = InventoryKind("Switches")
    public enum SwitchType: String, Codable, Sendable, CaseIterable { case Private, Internal, External }

    public var id: UUID
    public var name: String
    public var switchType: SwitchType
    public var notes: String
    /// The bridge's kernel name (at most 15 bytes).
    public var bridgeName: String
    /// For External switches: the kernel names of the uplinks enslaved to the bridge.
    public var uplinks: [String]
    /// The Windows names of those uplinks, as given to -NetAdapterName.
    public var uplinkDescriptions: [String]
    public var creationTime: Date

    public var allowManagementOS: Bool { switchType == .Internal }
}

/// A host (management OS) adapter on a switch: a veth pair whose host end carries the Windows name
/// `vEthernet (<name>)` as its alias and whose other end is a port of the bridge.
public struct HostAdapterRecord: InventoryRecord, Equatable {
    public static let inventoryKind = InventoryKind("Host Adapters")

    public var id: UUID
    /// The VMNetworkAdapter name (`NAT-Switch`); the NetAdapter name is `vEthernet (NAT-Switch)`.
    public var adapterName: String
    /// The NetAdapter name (changeable with Rename-NetAdapter).
    public var netAdapterName: String
    public var switchID: UUID
    public var hostEnd: String
    public var bridgeEnd: String
    public var macAddress: String
    public var enabled: Bool
}

/// An IP address set with New-NetIPAddress (the PersistentStore copy).
public struct AddressRecord: InventoryRecord, Equatable {
    public static let inventoryKind = InventoryKind("IP Addresses")

    public var id: UUID
    /// The kernel name of the interface that holds it.
    public var interfaceName: String
    public var address: String
    public var prefixLength: Int
    public var defaultGateway: String?
}

/// A NAT network (New-NetNat).
public struct NatRecord: InventoryRecord, Equatable {
    public static let inventoryKind = InventoryKind("NATs")

    public var id: UUID
    public var name: String
    public var internalPrefix: String
    public var externalPrefix: String?
    public var creationTime: Date
}

/// A port forwarding rule of a NAT (Add-NetNatStaticMapping).
public struct StaticMappingRecord: InventoryRecord, Equatable {
    public static let inventoryKind = InventoryKind("NAT Static Mappings")

    public var id: UUID
    public var staticMappingID: UInt32
    public var natName: String
    public var transport: String
    public var externalAddress: String
    public var externalPort: UInt16
    public var internalAddress: String
    public var internalPort: UInt16
}
