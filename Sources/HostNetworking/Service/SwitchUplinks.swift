import Foundation
import Inventory
import Netlink

/// The physical adapters (uplinks) of External switches: which adapters may be bound, and moving
/// a switch from one uplink to another. An uplink is enslaved to the switch's bridge; releasing it
/// takes it out of the bridge again (it keeps its up/down state).
extension HostNetwork {
    /// An adapter chosen as an uplink: its kernel name and the interface description Get-NetAdapter
    /// shows (which Get-VMSwitch reports as NetAdapterInterfaceDescription).
    struct Uplink: Equatable {
        var kernelName: String
        var interfaceDescription: String
    }

    /// Resolves -NetAdapterName values (Windows or kernel names) to adapters that can be bound to the
    /// switch `switchID` (nil for a new one): they must exist, must not be hvsh's own links (bridges,
    /// host adapters, switch ports) and must not be another switch's uplink.
    func resolveUplinks(_ names: [String], forSwitch switchID: UUID?,
                        session: RouteNetlinkSession) throws(HostNetworkingError) -> [Uplink] {
        let (switches, hostAdapters) = try store {
            try inventory.read { view in
                (try view.list(SwitchRecord.self).records, try view.list(HostAdapterRecord.self).records)
            }
        }
        let all = try adapters(includeHidden: true, session: session)
        let own = Set(switches.map(\.bridgeName)).union(hostAdapters.flatMap { [$0.hostEnd, $0.bridgeEnd] })
        var result: [Uplink] = []
        for name in names {
            guard let adapter = all.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame })
                    ?? all.first(where: { $0.kernelName == name }) else {
                throw HostNetworkingError("No network adapter named \"\(name)\" was found.", category: .objectNotFound,
                                          errorId: "ObjectNotFound", target: name)
            }
            if own.contains(adapter.kernelName) || adapter.kernelName.hasPrefix("hvt") || adapter.kernelName == "lo" {
                throw HostNetworkingError("The network adapter \"\(adapter.name)\" is a virtual adapter of hvsh or the loopback interface and cannot be bound to a virtual switch.",
                                          category: .invalidArgument, errorId: "InvalidParameter", target: name)
            }
            if let other = switches.first(where: { $0.id != switchID && $0.uplinks.contains(adapter.kernelName) }) {
                throw HostNetworkingError("The network adapter \"\(adapter.name)\" is already bound to the virtual switch \"\(other.name)\".",
                                          category: .resourceExists, errorId: "ObjectExists", target: name)
            }
            if !result.contains(where: { $0.kernelName == adapter.kernelName }) {
                result.append(Uplink(kernelName: adapter.kernelName, interfaceDescription: adapter.interfaceDescription))
            }
        }
        return result
    }

    /// The name of the visible adapter with this interface description (-NetAdapterInterfaceDescription).
    public func adapterName(withDescription description: String) throws(HostNetworkingError) -> String {
        guard let match = try adapters(includeHidden: false).first(where: {
            $0.interfaceDescription.caseInsensitiveCompare(description) == .orderedSame
        }) else {
            throw HostNetworkingError("No network adapter with interface description \"\(description)\" was found.",
                                      category: .objectNotFound, errorId: "ObjectNotFound", target: description)
        }
        return match.name
    }

    /// Takes uplinks out of whatever bridge they are in (missing links are skipped).
    func releaseUplinks(_ names: [String], session: RouteNetlinkSession) {
        for name in names {
            if let link = try? session.link(named: name), link.masterIndex != nil {
                try? session.linkSetMaster(index: link.index, masterIndex: nil)
            }
        }
    }
}
