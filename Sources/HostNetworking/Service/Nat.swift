import Foundation
import Inventory
import Netlink

extension HostNetwork {
    public func nats() throws(HostNetworkingError) -> [NatRecord] {
        try store { try inventory.list(NatRecord.self).records }.sorted { $0.creationTime < $1.creationTime }
    }

    public func staticMappings() throws(HostNetworkingError) -> [StaticMappingRecord] {
        try store { try inventory.list(StaticMappingRecord.self).records }.sorted { $0.staticMappingID < $1.staticMappingID }
    }

    /// New-NetNat: masquerading for the internal prefix, forwarding on.
    public func createNat(name: String, internalPrefix text: String, externalPrefix: String? = nil) throws(HostNetworkingError) -> NatRecord {
        guard let prefix = IPPrefix(text), text.contains("/") else {
            throw HostNetworkingError("Invalid parameter InternalIPInterfaceAddressPrefix '\(text)': expected an address prefix such as 192.168.2.0/24.",
                                      category: .invalidArgument, errorID: "Windows System Error 87", target: text)
        }
        let existing = try nats()
        if existing.contains(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) {
            throw HostNetworkingError("A NAT named '\(name)' already exists.", category: .resourceExists,
                                      errorID: "Windows System Error 183", target: name)
        }
        if let clash = existing.first(where: { IPPrefix($0.internalPrefix).map { $0.overlaps(prefix) } ?? false }) {
            throw HostNetworkingError("The prefix \(prefix.network) overlaps the prefix \(clash.internalPrefix) of NAT '\(clash.name)'.",
                                      category: .invalidArgument, errorID: "Windows System Error 87", target: text)
        }
        let record = NatRecord(id: UUID(), name: name, internalPrefix: prefix.network.description,
                               externalPrefix: externalPrefix, creationTime: Date())
        try applyFirewall(nats: existing + [record], mappings: try staticMappings())
        try store { try inventory.save(record) }
        return record
    }

    /// Remove-NetNat (and its static mappings).
    public func removeNat(_ record: NatRecord) throws(HostNetworkingError) {
        let remaining = try nats().filter { $0.id != record.id }
        let mappings = try staticMappings()
        try applyFirewall(nats: remaining, mappings: mappings.filter { $0.natName.caseInsensitiveCompare(record.name) != .orderedSame })
        try store { try inventory.transaction { view in
            view.delete(NatRecord.self, id: record.id)
            for mapping in mappings where mapping.natName.caseInsensitiveCompare(record.name) == .orderedSame {
                view.delete(StaticMappingRecord.self, id: mapping.id)
            }
        } }
    }

    /// Add-NetNatStaticMapping: forwards `externalAddress:externalPort` to `internalAddress:internalPort`.
    public func addStaticMapping(natName: String, transport: String, externalAddress: String, externalPort: UInt16,
                                 internalAddress: String, internalPort: UInt16) throws(HostNetworkingError) -> StaticMappingRecord {
        let allNats = try nats()
        guard let nat = allNats.first(where: { $0.name.caseInsensitiveCompare(natName) == .orderedSame }) else {
            throw HostNetworkingError("No MSFT_NetNat objects found with property 'Name' equal to '\(natName)'.  Verify the value of the property and retry.",
                                      category: .objectNotFound, errorID: "CmdletizationQuery_NotFound_Name", target: natName)
        }
        let lowered = transport.lowercased()
        guard lowered == "tcp" || lowered == "udp" else {
            throw HostNetworkingError("Invalid parameter Protocol \(transport): use TCP or UDP.", category: .invalidArgument,
                                      errorID: "Windows System Error 87", target: transport)
        }
        guard let external = IPAddress(externalAddress), external.family == .ipv4 else {
            throw HostNetworkingError("Invalid parameter ExternalIPAddress \(externalAddress)", category: .invalidArgument,
                                      errorID: "Windows System Error 87", target: externalAddress)
        }
        guard let inside = IPAddress(internalAddress), inside.family == .ipv4,
              IPPrefix(nat.internalPrefix)?.contains(inside) ?? false else {
            throw HostNetworkingError("Invalid parameter InternalIPAddress \(internalAddress): it must lie in \(nat.internalPrefix).",
                                      category: .invalidArgument, errorID: "Windows System Error 87", target: internalAddress)
        }
        let mappings = try staticMappings()
        if mappings.contains(where: { $0.transport == lowered && $0.externalPort == externalPort
                                      && ($0.externalAddress == external.description || $0.externalAddress == "0.0.0.0" || external.isUnspecified) }) {
            throw HostNetworkingError("The external port \(externalPort)/\(transport.uppercased()) is already mapped.",
                                      category: .resourceExists, errorID: "Windows System Error 183", target: "\(externalPort)")
        }
        let record = StaticMappingRecord(id: UUID(), staticMappingID: mappings.map(\.staticMappingID).max().map { $0 + 1 } ?? 0,
                                         natName: nat.name, transport: lowered, externalAddress: external.description,
                                         externalPort: externalPort, internalAddress: inside.description, internalPort: internalPort)
        try applyFirewall(nats: allNats, mappings: mappings + [record])
        try store { try inventory.save(record) }
        return record
    }

    public func removeStaticMapping(_ record: StaticMappingRecord) throws(HostNetworkingError) {
        try applyFirewall(nats: try nats(), mappings: try staticMappings().filter { $0.id != record.id })
        try store { try inventory.transaction { $0.delete(StaticMappingRecord.self, id: record.id) } }
    }

    /// Rewrites hvsh's NAT chains from these records in one nftables transaction, and turns
    /// forwarding on when any NAT exists.
    func applyFirewall(nats: [NatRecord], mappings: [StaticMappingRecord]) throws(HostNetworkingError) {
        let masquerades = nats.compactMap { nat in
            IPPrefix(nat.internalPrefix).map { HvshFirewall.Masquerade(name: nat.name, internalPrefix: $0) }
        }
        let forwards = mappings.compactMap { mapping -> HvshFirewall.PortForward? in
            guard let inside = IPAddress(mapping.internalAddress),
                  let transport = HvshFirewall.PortForward.TransportProtocol(rawValue: mapping.transport) else { return nil }
            let external = IPAddress(mapping.externalAddress).flatMap { $0.isUnspecified ? nil : $0 }
            return HvshFirewall.PortForward(name: mapping.natName, transport: transport, externalAddress: external,
                                            externalPort: mapping.externalPort, internalAddress: inside,
                                            internalPort: mapping.internalPort)
        }
        try kernel(target: nats.first?.name) {
            let context = try NftablesContext()
            try HvshFirewall.applyNat(masquerades: masquerades, forwards: forwards, context: context)
            if !masquerades.isEmpty {
                let forwarding = try IPForwarding.isEnabled()
                if !forwarding { try IPForwarding.setEnabled(true) }
            }
        }
    }
}
