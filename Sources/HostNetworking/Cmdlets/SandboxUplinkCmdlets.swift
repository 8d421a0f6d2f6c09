import Foundation
import PSRuntime

/// hvsh extensions for labs in `hvsh -Sandbox` (no Windows counterpart): Add-SandboxUplink gives the
/// sandbox an outside network to NAT into (see SandboxUplink); Get-SandboxUplinkDatagram shows what
/// that outside network received, as it saw it.
enum SandboxUplinkTypes {
    static let uplink = "Hvsh.SandboxUplink"
    static let datagram = "Hvsh.SandboxUplinkDatagram"

    static var views: [FormatView] {
        [
            FormatView(name: "SandboxUplink", typeNames: [uplink], table: [
                TableColumn("Name"), TableColumn("IPAddress"), TableColumn("Gateway"), TableColumn("ListenPorts"),
            ]),
            FormatView(name: "SandboxUplinkDatagram", typeNames: [datagram], table: [
                TableColumn("ReceivedOn"), TableColumn("Source"), TableColumn("SourcePort", alignment: .right), TableColumn("Text"),
            ]),
        ]
    }
}

final class AddSandboxUplinkCommand: Cmdlet {
    static let port = Parameter<[Int]>("Port", position: 0)
    static let declaration = CmdletDeclaration(
        "Add-SandboxUplink",
        parameters: [port],
        outputTypes: [SandboxUplinkTypes.uplink],
        synopsis: "hvsh extension, only inside 'hvsh -Sandbox': an outside network (198.51.100.1) behind an uplink (198.51.100.2, default route), listening for UDP on -Port.")

    func process(_ context: CmdletContext) throws {
        let ports = context[Self.port] ?? []
        try context.reporting {
            let uplink = try SandboxUplink.create(ports: ports.isEmpty ? [7777] : ports)
            let o = PSObject(typeNames: [SandboxUplinkTypes.uplink, "System.Object"])
            o.addNote("Name", .string(SandboxUplink.insideName))
            o.addNote("IPAddress", .string("\(SandboxUplink.insideAddress)/\(SandboxUplink.prefixLength)"))
            o.addNote("Gateway", .string(SandboxUplink.outsideAddress))
            o.addNote("ListenPorts", .string(uplink.ports.map(String.init).joined(separator: ",")))
            o.addNote("OutsideNamespace", .string(uplink.outsideNamespacePath))
            try context.writeObject(.object(o))
        }
    }
}

final class GetSandboxUplinkDatagramCommand: Cmdlet {
    static let port = Parameter<Int>("Port", position: 0)
    static let wait = Parameter<SwitchParameter>("Wait")
    static let timeoutSec = Parameter<Int32>("TimeoutSec")
    static let declaration = CmdletDeclaration(
        "Get-SandboxUplinkDatagram",
        parameters: [port, wait, timeoutSec],
        outputTypes: [SandboxUplinkTypes.datagram],
        synopsis: "hvsh extension: the UDP datagrams the sandbox's outside network received; -Wait waits (up to -TimeoutSec, 30 by default) for the first.")

    func process(_ context: CmdletContext) throws {
        try context.reporting {
            guard let uplink = SandboxUplink.active else {
                throw HostNetworkingError("This session has no sandbox uplink; run Add-SandboxUplink first (inside 'hvsh -Sandbox').",
                                          category: .objectNotFound, errorId: "HvshSandboxUplinkMissing")
            }
            let port = context[Self.port]
            var found = uplink.received.filter { port == nil || $0.port == port }
            if found.isEmpty && context[Self.wait] {
                let timeout = TimeInterval(context[Self.timeoutSec] ?? 30)
                if let first = uplink.waitForDatagram(port: port, timeout: timeout) { found = [first] } else {
                    throw HostNetworkingError("No datagram reached the outside network within \(Int(timeout)) seconds.",
                                              category: .invalidOperation, errorId: "HvshSandboxUplinkTimeout")
                }
            }
            for datagram in found {
                let o = PSObject(typeNames: [SandboxUplinkTypes.datagram, "System.Object"])
                o.addNote("ReceivedOn", .string("\(SandboxUplink.outsideAddress):\(datagram.port)"))
                o.addNote("Source", .string(datagram.source))
                o.addNote("SourcePort", .int(Int32(datagram.sourcePort)))
                o.addNote("Text", .string(datagram.text))
                try context.writeObject(.object(o))
            }
        }
    }
}
