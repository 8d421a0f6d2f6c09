import Foundation
import LinuxSystem
import PSRuntime
#if canImport(Glibc)
import Glibc
#endif

/// Test-Connection (PowerShell 7's ping form): ICMP echo requests to an IPv4 address from this
/// process's network namespace, one PingStatus object per request (or True/False with -Quiet).
/// Needs a raw ICMP socket (root, or root in the sandbox's user namespace) or, failing that, an
/// unprivileged ICMP datagram socket (net.ipv4.ping_group_range).
final class TestConnectionCommand: Cmdlet {
    static let pingStatus = "Microsoft.PowerShell.Commands.TestConnectionCommand+PingStatus"
    static let targetName = Parameter<[String]>("TargetName", aliases: ["ComputerName", "CN", "IPAddress", "__Server", "Server", "Destination"],
                                                position: 0, mandatory: true, valueFromPipeline: true, valueFromPipelineByPropertyName: true)
    static let count = Parameter<Int>("Count")
    static let timeoutSeconds = Parameter<Int>("TimeoutSeconds")
    static let bufferSize = Parameter<Int>("BufferSize")
    static let quiet = Parameter<SwitchParameter>("Quiet")
    static let declaration = CmdletDeclaration(
        "Test-Connection",
        parameters: [targetName, count, timeoutSeconds, bufferSize, quiet],
        outputTypes: [pingStatus],
        synopsis: "Sends ICMP echo requests (ping) to IPv4 addresses and reports the replies.")

    static var views: [FormatView] {
        [FormatView(name: "PingStatus", typeNames: [pingStatus], table: [
            TableColumn("Ping", alignment: .right), TableColumn("Source"), TableColumn("Address"),
            TableColumn("Latency", alignment: .right), TableColumn("BufferSize", alignment: .right), TableColumn("Status"),
        ])]
    }

    func process(_ context: CmdletContext) throws {
        let count = max(1, context[Self.count] ?? 4)
        let timeout = max(1, context[Self.timeoutSeconds] ?? 5)
        let size = min(1400, max(0, context[Self.bufferSize] ?? 32))
        for target in context[Self.targetName] ?? [] {
            var address = in_addr()
            guard inet_pton(AF_INET, target, &address) == 1 else {
                try context.writeFailure(HostNetworkingError("Testing connection to computer '\(target)' failed: hvsh pings IPv4 addresses only.",
                                                       category: .invalidArgument, errorId: "TestConnectionException", target: target))
                continue
            }
            var anyAnswered = false
            for sequence in 1...count {
                let latency = try Self.ping(address, sequence: UInt16(truncatingIfNeeded: sequence), size: size, timeout: timeout)
                anyAnswered = anyAnswered || latency != nil
                if context[Self.quiet] { continue }
                let o = PSObject(typeNames: [Self.pingStatus, "System.Object"])
                o.addNote("Ping", .int(Int32(sequence)))
                o.addNote("Source", .string(NetworkingObjects.computerName))
                o.addNote("Destination", .string(target))
                o.addNote("Address", .string(target))
                o.addNote("Latency", .long(Int64(latency ?? 0)))
                o.addNote("BufferSize", .int(Int32(size)))
                o.addNote("Status", .string(latency == nil ? "TimedOut" : "Success"))
                try context.writeObject(.object(o))
            }
            if context[Self.quiet] { try context.writeObject(.bool(anyAnswered)) }
        }
    }

    /// One echo request; the round trip in milliseconds, or nil when no reply came in time.
    static func ping(_ target: in_addr, sequence: UInt16, size: Int, timeout: Int) throws -> Int? {
        var raw = true
        let socket = try openSocket(raw: &raw)
        let identifier = UInt16(truncatingIfNeeded: getpid())
        var packet: [UInt8] = [8, 0, 0, 0, UInt8(identifier >> 8), UInt8(identifier & 0xFF), UInt8(sequence >> 8), UInt8(sequence & 0xFF)]
        packet += (0..<size).map { UInt8(0x61 + $0 % 23) }
        let sum = checksum(packet)
        packet[2] = UInt8(sum >> 8); packet[3] = UInt8(sum & 0xFF)
        var destination = sockaddr_in()
        destination.sin_family = sa_family_t(AF_INET)
        destination.sin_addr = target
        let start = DispatchTime.now().uptimeNanoseconds
        let sent = try? packet.withUnsafeBytes { raw in resultOf { () throws(Errno) in try socket.send(raw, to: destination) } }.get()
        guard sent == packet.count else { return nil }
        let deadline = start + UInt64(timeout) * 1_000_000_000
        var buffer = [UInt8](repeating: 0, count: 2048)
        while true {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { return nil }
            var entries = [PollEntry(socket, .readable)]
            guard let ready = try? Poll.wait(&entries, timeoutMilliseconds: Int32(min(1000, (deadline - now) / 1_000_000 + 1))),
                  ready > 0 else { continue }
            var from = sockaddr_in()
            let received = try? buffer.withUnsafeMutableBytes { raw in
                resultOf { () throws(Errno) in try socket.receive(into: raw, from: &from) }
            }.get()
            guard let n = received, n > 0, from.sin_addr.s_addr == target.s_addr else { continue }
            // A raw socket sees the IP header; a datagram socket only the ICMP message (its id is rewritten).
            let header = raw ? Int(buffer[0] & 0x0F) * 4 : 0
            guard n >= header + 8, buffer[header] == 0,
                  UInt16(buffer[header + 6]) << 8 | UInt16(buffer[header + 7]) == sequence,
                  !raw || (buffer[header + 4] == packet[4] && buffer[header + 5] == packet[5]) else { continue }
            return Int((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        }
    }

    /// A raw ICMP socket, or failing that (no root) an unprivileged ICMP datagram socket; `raw` says which.
    static func openSocket(raw: inout Bool) throws -> FileDescriptor {
        if let socket = try? FileDescriptor.socket(AF_INET, CInt(SOCK_RAW.rawValue), CInt(IPPROTO_ICMP)) { return socket }
        raw = false
        do {
            return try FileDescriptor.socket(AF_INET, CInt(SOCK_DGRAM.rawValue), CInt(IPPROTO_ICMP))
        } catch {
            throw HostNetworkingError("Test-Connection needs a raw ICMP socket (root) or ping_group_range: \(error)",
                                      category: .permissionDenied, errorId: "TestConnectionException")
        }
    }

    static func checksum(_ bytes: [UInt8]) -> UInt16 {
        var sum: UInt32 = 0
        for i in stride(from: 0, to: bytes.count, by: 2) {
            sum += UInt32(bytes[i]) << 8 | (i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0)
        }
        while sum >> 16 != 0 { sum = (sum & 0xFFFF) + (sum >> 16) }
        return ~UInt16(sum)
    }
}
