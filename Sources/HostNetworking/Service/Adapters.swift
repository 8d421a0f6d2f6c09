import Foundation
import Inventory
import Netlink

/// One network adapter as Get-NetAdapter shows it.
public struct NetAdapterInfo: Sendable, Equatable {
    /// The Windows name: a host adapter's `vEthernet (...)`, else the link's alias, else its kernel name.
    public var name: String
    public var kernelName: String
    public var interfaceDescription: String
    public var interfaceIndex: Int32
    /// `Up`, `Disconnected` (up without carrier) or `Disabled` (administratively down).
    public var status: String
    public var macAddress: String
    public var linkSpeedBitsPerSecond: UInt64
    public var mtu: UInt32
    /// Hidden adapters (bridges, switch ports, loopback) show only with -IncludeHidden.
    public var hidden: Bool
    /// Backed by a device (has /sys/class/net/<name>/device).
    public var physical: Bool
    public var isHostAdapter: Bool

    /// Windows' LinkSpeed text: `10 Gbps`, `100 Mbps`, `2.5 Gbps`, `0 bps`.
    public var linkSpeed: String { Self.formatSpeed(linkSpeedBitsPerSecond) }

    static func formatSpeed(_ bits: UInt64) -> String {
        let units: [(UInt64, String)] = [(1_000_000_000_000, "Tbps"), (1_000_000_000, "Gbps"), (1_000_000, "Mbps"), (1_000, "Kbps")]
        for (size, unit) in units where bits >= size {
            if bits % size == 0 { return "\(bits / size) \(unit)" }
            let value = Double(bits) / Double(size)
            return "\((value * 10).rounded() / 10) \(unit)"
        }
        return "\(bits) bps"
    }
}

extension HostNetwork {
    /// Every adapter the kernel has, named the Windows way.
    public func adapters(includeHidden: Bool = false) throws(HostNetworkingError) -> [NetAdapterInfo] {
        let session = try netlink()
        return try adapters(includeHidden: includeHidden, session: session)
    }

    func adapters(includeHidden: Bool, session: RouteNetlinkSession) throws(HostNetworkingError) -> [NetAdapterInfo] {
        let (switches, hostAdapters) = try store {
            try inventory.read { view in
                (try view.list(SwitchRecord.self).records, try view.list(HostAdapterRecord.self).records)
            }
        }
        let links = try kernel { try session.linkList() }
        let bridgeNames = Set(switches.map(\.bridgeName))
        let bridgeIndexes = Set(links.filter { bridgeNames.contains($0.name) }.map(\.index))
        let byHostEnd = Dictionary(hostAdapters.map { ($0.hostEnd, $0) }, uniquingKeysWith: { a, _ in a })
        var result: [NetAdapterInfo] = []
        for link in links {
            let hostAdapter = byHostEnd[link.name]
            let isSwitchPort = link.masterIndex.map { bridgeIndexes.contains($0) } ?? false
            let hidden = link.isLoopback || bridgeNames.contains(link.name) || (isSwitchPort && !(switches.contains { $0.uplinks.contains(link.name) }))
            // Devices with an rtnetlink kind (bridge, veth, tun...) are virtual; sysfs shows the mount's
            // namespace, so it is consulted only for the rest.
            let physical = link.kind == nil && !link.isLoopback && access("/sys/class/net/\(link.name)/device", F_OK) == 0
            let status = !link.isUp ? "Disabled" : (link.hasCarrier ? "Up" : "Disconnected")
            result.append(NetAdapterInfo(
                name: hostAdapter?.netAdapterName ?? link.alias.flatMap { $0.isEmpty ? nil : $0 } ?? link.name,
                kernelName: link.name,
                interfaceDescription: hostAdapter != nil ? "Hyper-V Virtual Ethernet Adapter" : describe(link, physical: physical),
                interfaceIndex: link.index,
                status: status,
                macAddress: link.macAddress?.dashed ?? "",
                linkSpeedBitsPerSecond: status == "Up" ? speed(of: link, hostAdapter: hostAdapter != nil) : 0,
                mtu: link.mtu, hidden: hidden, physical: physical, isHostAdapter: hostAdapter != nil))
        }
        result.sort { $0.interfaceIndex < $1.interfaceIndex }
        // Windows numbers further instances of one driver ("Hyper-V Virtual Ethernet Adapter #2"),
        // which keeps descriptions unique for -NetAdapterInterfaceDescription.
        var instances: [String: Int] = [:]
        for i in result.indices {
            let count = instances[result[i].interfaceDescription, default: 0] + 1
            instances[result[i].interfaceDescription] = count
            if count > 1 { result[i].interfaceDescription += " #\(count)" }
        }
        return includeHidden ? result : result.filter { !$0.hidden }
    }

    /// Adapters whose name (Windows or kernel) matches any of `patterns`, case-insensitively with
    /// wildcards. A pattern without wildcards that matches nothing is an error, as on Windows.
    public func adapters(named patterns: [String], includeHidden: Bool = false) throws(HostNetworkingError) -> [NetAdapterInfo] {
        let all = try adapters(includeHidden: true)
        var result: [NetAdapterInfo] = []
        for pattern in patterns {
            let matches = all.filter {
                (includeHidden || !$0.hidden) && (wildcardMatch(pattern, $0.name) || wildcardMatch(pattern, $0.kernelName))
            }
            if matches.isEmpty && !hasWildcard(pattern) {
                throw HostNetworkingError("No MSFT_NetAdapter objects found with property 'Name' equal to '\(pattern)'.  Verify the value of the property and retry.",
                                          category: .objectNotFound, errorId: "CmdletizationQuery_NotFound_Name", target: pattern)
            }
            for match in matches where !result.contains(where: { $0.interfaceIndex == match.interfaceIndex }) {
                result.append(match)
            }
        }
        return result
    }

    /// One adapter by Windows or kernel name, or nil.
    func resolveAdapter(_ name: String, session: RouteNetlinkSession) throws(HostNetworkingError) -> Link? {
        let all = try adapters(includeHidden: true, session: session)
        guard let found = all.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame })
            ?? all.first(where: { $0.kernelName == name }) else { return nil }
        return try kernel { try session.link(index: found.interfaceIndex) }
    }

    /// The adapter with this exact name (Windows or kernel, case-insensitive), or the Windows error.
    public func adapter(named name: String) throws(HostNetworkingError) -> NetAdapterInfo {
        let all = try adapters(includeHidden: true)
        guard let found = all.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame })
            ?? all.first(where: { $0.kernelName == name }) else {
            throw HostNetworkingError("No MSFT_NetAdapter objects found with property 'Name' equal to '\(name)'.  Verify the value of the property and retry.",
                                      category: .objectNotFound, errorId: "CmdletizationQuery_NotFound_Name", target: name)
        }
        return found
    }

    public func adapter(index: Int32) throws(HostNetworkingError) -> NetAdapterInfo {
        guard let found = try adapters(includeHidden: true).first(where: { $0.interfaceIndex == index }) else {
            throw HostNetworkingError("No MSFT_NetAdapter objects found with property 'InterfaceIndex' equal to '\(index)'.  Verify the value of the property and retry.",
                                      category: .objectNotFound, errorId: "CmdletizationQuery_NotFound_InterfaceIndex", target: "\(index)")
        }
        return found
    }

    /// Changes the inventory's record of a host adapter (the host end of a switch), when it has one.
    private func updateRecords(of adapter: NetAdapterInfo, _ change: (inout HostAdapterRecord) -> Void) throws(HostNetworkingError) {
        try store { try inventory.transaction { view in
            for var record in try view.list(HostAdapterRecord.self).records where record.hostEnd == adapter.kernelName {
                change(&record)
                view.save(record)
            }
        } }
    }

    /// Enable-NetAdapter / Disable-NetAdapter.
    public func setAdapterEnabled(_ adapter: NetAdapterInfo, _ enabled: Bool) throws(HostNetworkingError) {
        let session = try netlink()
        try kernel(target: adapter.name) { try session.linkSetUp(index: adapter.interfaceIndex, enabled) }
        try updateRecords(of: adapter) { $0.enabled = enabled }
    }

    /// Rename-NetAdapter: the Windows name is the alias (and the host adapter record's name).
    public func renameAdapter(_ adapter: NetAdapterInfo, to newName: String) throws(HostNetworkingError) {
        guard !newName.isEmpty, newName.utf8.count <= 255 else {
            throw HostNetworkingError("The adapter name must be 1 to 255 bytes long.", category: .invalidArgument,
                                      errorId: "InvalidParameter", target: newName)
        }
        if let other = try adapters(includeHidden: true).first(where: {
            $0.interfaceIndex != adapter.interfaceIndex && $0.name.caseInsensitiveCompare(newName) == .orderedSame
        }) {
            throw HostNetworkingError("Another adapter (ifIndex \(other.interfaceIndex)) is already named '\(newName)'.",
                                      category: .resourceExists, errorId: "ObjectExists", target: newName)
        }
        let session = try netlink()
        try kernel(target: adapter.name) { try session.linkSetAlias(index: adapter.interfaceIndex, newName) }
        try updateRecords(of: adapter) { $0.netAdapterName = newName }
    }

    private func describe(_ link: Link, physical: Bool) -> String {
        if physical, let driver = try? FileManager.default.destinationOfSymbolicLink(atPath: "/sys/class/net/\(link.name)/device/driver") {
            return "\((driver as NSString).lastPathComponent) Ethernet Adapter"
        }
        switch link.kind {
        case "bridge": return "Linux Bridge"
        case "veth": return "Virtual Ethernet Adapter (veth)"
        case "tun": return "TAP Adapter"
        case nil where link.isLoopback: return "Software Loopback Interface 1"
        case let kind?: return "Linux \(kind) Adapter"
        default: return "Network Adapter"
        }
    }

    /// Virtual adapters report no speed; Hyper-V shows its host adapters at 10 Gbps, so do the same.
    private func speed(of link: Link, hostAdapter: Bool) -> UInt64 {
        if hostAdapter { return 10_000_000_000 }
        if let text = try? String(contentsOfFile: "/sys/class/net/\(link.name)/speed", encoding: .utf8),
           let megabits = Int64(text.trimmingCharacters(in: .whitespacesAndNewlines)), megabits > 0 {
            return UInt64(megabits) * 1_000_000
        }
        return link.kind == "veth" || link.kind == "bridge" || link.kind == "tun" ? 10_000_000_000 : 0
    }
}
