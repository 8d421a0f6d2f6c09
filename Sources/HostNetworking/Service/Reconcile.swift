import Foundation
import Inventory
import Netlink

/// What `reconcile` found and did.
public struct ReconcileReport: Sendable, Equatable {
    /// Human-readable lines: "recreated bridge hvs1234abcd for switch 'NAT-Switch'".
    public var recreated: [String] = []
    /// Objects that could not be recreated, with why.
    public var failures: [String] = []
}

extension HostNetwork {
    /// Makes the kernel match the inventory: recreates recorded switches, host adapters, addresses,
    /// default gateways and NAT rules that are missing (after a reboot, or in a new namespace).
    /// Objects that exist are left as they are apart from restoring their name, alias, master and
    /// state; nothing the inventory does not know about is touched.
    public func reconcile() -> ReconcileReport {
        var report = ReconcileReport()
        let session: RouteNetlinkSession
        let switches: [SwitchRecord], adapters: [HostAdapterRecord], addresses: [AddressRecord]
        let nats: [NatRecord], mappings: [StaticMappingRecord]
        do {
            session = try netlink()
            (switches, adapters, addresses, nats, mappings) = try store {
                try inventory.read { view in
                    (try view.list(SwitchRecord.self).records, try view.list(HostAdapterRecord.self).records,
                     try view.list(AddressRecord.self).records, try view.list(NatRecord.self).records,
                     try view.list(StaticMappingRecord.self).records)
                }
            }
        } catch {
            report.failures.append("\(error)")
            return report
        }
        let present = Set(((try? session.linkList()) ?? []).map(\.name))
        for record in switches {
            do {
                try realizeSwitch(record, session: session)
                if !present.contains(record.bridgeName) {
                    report.recreated.append("bridge \(record.bridgeName) for switch '\(record.name)'")
                }
                for adapter in adapters where adapter.switchID == record.id {
                    try realizeHostAdapter(adapter, bridge: record.bridgeName, session: session)
                    if !present.contains(adapter.hostEnd) {
                        report.recreated.append("host adapter \(adapter.hostEnd) '\(adapter.netAdapterName)'")
                    }
                }
            } catch {
                report.failures.append("switch '\(record.name)': \(error)")
            }
        }
        let assigned = (try? session.addressList()) ?? []
        for record in addresses {
            guard let address = IPAddress(record.address) else { continue }
            do {
                guard let link = try session.link(named: record.interfaceName) else {
                    report.failures.append("address \(record.address): interface \(record.interfaceName) is missing")
                    continue
                }
                if !assigned.contains(where: { $0.address == address && $0.interfaceIndex == link.index }) {
                    try session.addressAdd(index: link.index, address, prefixLength: record.prefixLength)
                    report.recreated.append("address \(record.address)/\(record.prefixLength) on \(record.interfaceName)")
                }
                if let text = record.defaultGateway, let gateway = IPAddress(text),
                   !(try session.routeList(family: gateway.family)).contains(where: { $0.isDefault && $0.gateway == gateway }) {
                    try HostNetwork.addDefaultRoute(session, gateway: gateway, interfaceIndex: link.index)
                    report.recreated.append("default route via \(text)")
                }
            } catch {
                report.failures.append("address \(record.address): \(error)")
            }
        }
        if !nats.isEmpty || !mappings.isEmpty {
            do {
                let missing = try natRulesMissing(nats)
                try applyFirewall(nats: nats, mappings: mappings)
                if missing { report.recreated.append("NAT rules for \(nats.map { "'\($0.name)'" }.joined(separator: ", "))") }
            } catch {
                report.failures.append("NAT: \(error)")
            }
        }
        return report
    }

    /// True when hvsh's NAT table lacks a masquerade rule for some NAT.
    private func natRulesMissing(_ nats: [NatRecord]) throws -> Bool {
        let listing = (try? NftablesContext(json: false).run("list table \(HvshFirewall.natTable)", operation: "listing NAT rules")) ?? ""
        return nats.contains { !listing.contains("saddr \($0.internalPrefix)") }
    }
}
