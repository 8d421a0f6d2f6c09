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

    /// The NATs and mappings as one value, changed together.
    struct NatState {
        var nats: [NatRecord]
        var mappings: [StaticMappingRecord]
    }

    /// Read-change-apply-record under the inventory's exclusive lock, so two hvsh processes changing
    /// NATs at once cannot lose each other's rules: `body` edits the state, the nftables rules are
    /// rewritten from the result in one transaction, and the record changes are committed.
    func changeNats<T>(_ body: (inout NatState) throws -> T) throws(HostNetworkingError) -> T {
        try store {
            try inventory.transaction { view in
                let before = NatState(
                    nats: try view.list(NatRecord.self).records.sorted { $0.creationTime < $1.creationTime },
                    mappings: try view.list(StaticMappingRecord.self).records.sorted { $0.staticMappingID < $1.staticMappingID })
                var after = before
                let result = try body(&after)
                try applyFirewall(nats: after.nats, mappings: after.mappings)
                for old in before.nats where !after.nats.contains(where: { $0.id == old.id }) {
                    view.delete(NatRecord.self, id: old.id)
                }
                for nat in after.nats where !before.nats.contains(nat) { view.save(nat) }
                for old in before.mappings where !after.mappings.contains(where: { $0.id == old.id }) {
                    view.delete(StaticMappingRecord.self, id: old.id)
                }
                for mapping in after.mappings where !before.mappings.contains(mapping) { view.save(mapping) }
                return result
            }
        }
    }

    /// New-NetNat: masquerading for the internal prefix, forwarding on.
    public func createNat(name: String, internalPrefix text: String, externalPrefix: String? = nil) throws(HostNetworkingError) -> NatRecord {
        guard let prefix = IPPrefix(text), text.contains("/") else {
            throw HostNetworkingError("Invalid parameter InternalIPInterfaceAddressPrefix '\(text)': expected an address prefix such as 192.168.2.0/24.",
                                      category: .invalidArgument, errorId: "Windows System Error 87", target: text)
        }
        return try changeNats { state in
            if state.nats.contains(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) {
                throw HostNetworkingError("A NAT named '\(name)' already exists.", category: .resourceExists,
                                          errorId: "Windows System Error 183", target: name)
            }
            if let clash = state.nats.first(where: { IPPrefix($0.internalPrefix).map { $0.overlaps(prefix) } ?? false }) {
                throw HostNetworkingError("The prefix \(prefix.network) overlaps the prefix \(clash.internalPrefix) of NAT '\(clash.name)'.",
                                          category: .invalidArgument, errorId: "Windows System Error 87", target: text)
            }
            let record = NatRecord(id: UUID(), name: name, internalPrefix: prefix.network.description,
                                   externalPrefix: externalPrefix, creationTime: Date())
            state.nats.append(record)
            return record
        }
    }

    /// Remove-NetNat (and its static mappings).
    public func removeNat(_ record: NatRecord) throws(HostNetworkingError) {
        try changeNats { state in
            state.nats.removeAll { $0.id == record.id }
            state.mappings.removeAll { $0.natName.caseInsensitiveCompare(record.name) == .orderedSame }
        }
    }

    /// Add-NetNatStaticMapping: forwards `externalAddress:externalPort` to `internalAddress:internalPort`.
    public func addStaticMapping(natName: String, transport: String, externalAddress: String, externalPort: UInt16,
                                 internalAddress: String, internalPort: UInt16) throws(HostNetworkingError) -> StaticMappingRecord {
        let lowered = transport.lowercased()
        guard lowered == "tcp" || lowered == "udp" else {
            throw HostNetworkingError("Invalid parameter Protocol \(transport): use TCP or UDP.", category: .invalidArgument,
                                      errorId: "Windows System Error 87", target: transport)
        }
        guard let external = IPAddress(externalAddress), external.family == .ipv4 else {
            throw HostNetworkingError("Invalid parameter ExternalIPAddress \(externalAddress)", category: .invalidArgument,
                                      errorId: "Windows System Error 87", target: externalAddress)
        }
        return try changeNats { state in
            guard let nat = state.nats.first(where: { $0.name.caseInsensitiveCompare(natName) == .orderedSame }) else {
                throw HostNetworkingError("No MSFT_NetNat objects found with property 'Name' equal to '\(natName)'.  Verify the value of the property and retry.",
                                          category: .objectNotFound, errorId: "CmdletizationQuery_NotFound_Name", target: natName)
            }
            guard let inside = IPAddress(internalAddress), inside.family == .ipv4,
                  IPPrefix(nat.internalPrefix)?.contains(inside) ?? false else {
                throw HostNetworkingError("Invalid parameter InternalIPAddress \(internalAddress): it must lie in \(nat.internalPrefix).",
                                          category: .invalidArgument, errorId: "Windows System Error 87", target: internalAddress)
            }
            if state.mappings.contains(where: { $0.transport == lowered && $0.externalPort == externalPort
                                                && ($0.externalAddress == external.description || $0.externalAddress == "0.0.0.0" || external.isUnspecified) }) {
                throw HostNetworkingError("The external port \(externalPort)/\(transport.uppercased()) is already mapped.",
                                          category: .resourceExists, errorId: "Windows System Error 183", target: "\(externalPort)")
            }
            let record = StaticMappingRecord(id: UUID(), staticMappingID: state.mappings.map(\.staticMappingID).max().map { $0 + 1 } ?? 0,
                                             natName: nat.name, transport: lowered, externalAddress: external.description,
                                             externalPort: externalPort, internalAddress: inside.description, internalPort: internalPort)
            state.mappings.append(record)
            return record
        }
    }

    public func removeStaticMapping(_ record: StaticMappingRecord) throws(HostNetworkingError) {
        try changeNats { state in state.mappings.removeAll { $0.id == record.id } }
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
