import Glibc
import LinuxSystem
import NetworkAddresses
@testable import VMM
import XCTest

/// The built-in firmware's IPv4 stack over virtio-net and a tap, inside a test-made network namespace:
/// it answers ARP and ping, and sends its UDP probe.
final class FirmwareNetworkTests: NamespacedVMTestCase {
    override var namespacePrefix: String { "hvsh-fw" }

    func ns(_ command: String) -> Int32 { system("ip netns exec \(namespace) \(command)") }

    /// ICMP echo to `target` from inside the namespace (a raw socket; no ping binary needed).
    /// Returns the sequence numbers answered.
    func ping(_ target: String, count: UInt16) throws -> [UInt16] {
        let answered = Locked<[UInt16]>([])
        let thread = try SystemThread { [namespace] in
            do { try NetworkNamespace.enter(path: "/run/netns/\(namespace)") } catch { return }
            let fd = socket(AF_INET, Int32(SOCK_RAW.rawValue), Int32(IPPROTO_ICMP))
            guard fd >= 0 else { return }
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            inet_pton(AF_INET, target, &address.sin_addr)
            for sequence in 1...count {
                var packet: [UInt8] = [8, 0, 0, 0, 0x12, 0x34, UInt8(sequence >> 8), UInt8(sequence & 0xFF)] + Array("hvsh ping".utf8)
                var sum: UInt32 = 0
                for i in stride(from: 0, to: packet.count, by: 2) {
                    sum += UInt32(packet[i]) << 8 | (i + 1 < packet.count ? UInt32(packet[i + 1]) : 0)
                }
                while sum >> 16 != 0 { sum = (sum & 0xFFFF) + (sum >> 16) }
                packet[2] = UInt8(~sum >> 8 & 0xFF); packet[3] = UInt8(~sum & 0xFF)
                _ = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(fd, packet, packet.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
                let deadline = Clock.monotonicNanoseconds() + 5_000_000_000
                var buffer = [UInt8](repeating: 0, count: 1500)
                while Clock.monotonicNanoseconds() < deadline {
                    var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    guard poll(&entry, 1, 100) > 0 else { continue }
                    let n = recv(fd, &buffer, buffer.count, 0)
                    let header = Int(buffer[0] & 0x0F) * 4
                    // An echo reply (type 0) with our identifier and this sequence number.
                    if n >= header + 8, buffer[header] == 0, buffer[header + 4] == 0x12, buffer[header + 5] == 0x34,
                       UInt16(buffer[header + 6]) << 8 | UInt16(buffer[header + 7]) == sequence {
                        answered.withLock { $0.append(sequence) }
                        break
                    }
                }
            }
        }
        thread.join()
        return answered.withLock { $0 }
    }

    func testFirmwareAnswersPingAndSendsItsProbe() throws {
        let path = try makeNamespace()
        let commandLine = "ip=192.168.2.2::192.168.2.1:255.255.255.0 probe=192.168.2.1:7777"
        let worker = try VMWorker.launch(WorkerLaunchRequest(
            name: "fw", machine: MachineConfiguration(memorySize: 64 << 20, boot: .builtIn(.firmware, commandLine: commandLine),
                                                      macAddresses: [MACAddress(bytes: [0x00, 0x15, 0x5D, 0x00, 0x02, 0x02])!], tapNames: ["hvtap0"]),
            runtimeDirectory: temporary.path + "/run", networkNamespace: path))
        waitForConsole(worker, contains: "net: 192.168.2.2 mask 255.255.255.0 gateway 192.168.2.1 mac 00:15:5d:00:02:02\r\n")

        // The probe listener must exist before the address does, or the first probe could arrive unheard.
        let probe = Locked<String>("")
        let listener = try SystemThread { [namespace] in
            do { try NetworkNamespace.enter(path: "/run/netns/\(namespace)") } catch { return }
            let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = UInt16(7777).bigEndian
            address.sin_addr.s_addr = INADDR_ANY
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, 4)
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&entry, 1, 20_000) > 0 {
                var buffer = [UInt8](repeating: 0, count: 256)
                let n = recv(fd, &buffer, buffer.count, 0)
                if n > 0 { probe.withLock { $0 = String(decoding: buffer[0..<n], as: UTF8.self) } }
            }
        }
        usleep(50_000)
        XCTAssertEqual(ns("ip link set hvtap0 up"), 0)
        XCTAssertEqual(ns("ip addr add 192.168.2.1/24 dev hvtap0"), 0)
        XCTAssertEqual(try ping("192.168.2.2", count: 2), [1, 2], "the firmware answers ping: \(worker.consoleLog())")
        listener.join()
        XCTAssertEqual(probe.withLock { $0 }, "hvsh firmware probe", worker.consoleLog())
        // The firmware reports each frame after sending it, so its console line can trail the frame itself.
        waitForConsole(worker, contains: "arp: answered 192.168.2.1\r\n")
        waitForConsole(worker, contains: "icmp: echo reply to 192.168.2.1 seq 2\r\n")
        waitForConsole(worker, contains: "udp: probe sent to 192.168.2.1:7777 via ")
        try worker.turnOff()
    }

    func testSpoofedSourceMACIsWhatTheNetworkSees() throws {
        let path = try makeNamespace()
        let worker = try VMWorker.launch(WorkerLaunchRequest(
            name: "fw", machine: MachineConfiguration(memorySize: 64 << 20,
                boot: .builtIn(.firmware, commandLine: "ip=192.168.2.2::192.168.2.1:24 spoof=02:00:00:00:00:99"),
                macAddresses: [MACAddress(bytes: [0x00, 0x15, 0x5D, 0x00, 0x02, 0x03])!], tapNames: ["hvtap0"]),
            runtimeDirectory: temporary.path + "/run", networkNamespace: path))
        waitForConsole(worker, contains: "mac 02:00:00:00:00:99 (spoofed)\r\n")
        XCTAssertEqual(ns("ip link set hvtap0 up"), 0)
        XCTAssertEqual(ns("ip addr add 192.168.2.1/24 dev hvtap0"), 0)
        XCTAssertEqual(try ping("192.168.2.2", count: 1), [1])
        XCTAssertEqual(ns("sh -c 'ip neigh show 192.168.2.2 | grep -q 02:00:00:00:00:99'"), 0, "neighbour learned the spoofed MAC")
        try worker.turnOff()
    }

    func testCheckpointOfANetworkedVMRestoresAWorkingAdapter() throws {
        let path = try makeNamespace()
        let launch = WorkerLaunchRequest(
            name: "fw", machine: MachineConfiguration(memorySize: 64 << 20,
                boot: .builtIn(.firmware, commandLine: "ip=192.168.2.2::192.168.2.1:24"),
                macAddresses: [MACAddress(bytes: [0x00, 0x15, 0x5D, 0x00, 0x02, 0x04])!], tapNames: ["hvtap0"]),
            runtimeDirectory: temporary.path + "/run", networkNamespace: path)
        let worker = try VMWorker.launch(launch)
        waitForConsole(worker, contains: "net: 192.168.2.2")
        XCTAssertEqual(ns("ip link set hvtap0 up"), 0)
        XCTAssertEqual(ns("ip addr add 192.168.2.1/24 dev hvtap0"), 0)
        XCTAssertEqual(try ping("192.168.2.2", count: 1), [1])
        let checkpoint = temporary.path + "/checkpoint"
        try worker.checkpoint(to: checkpoint)
        try worker.turnOff()

        let offset = worker.consoleLog().utf8.count
        let restored = try VMWorker.restore(launch, from: checkpoint)
        // The tap belonged to the old worker; the restored one opened a new one.
        XCTAssertEqual(ns("ip link set hvtap0 up"), 0)
        XCTAssertEqual(ns("ip addr add 192.168.2.1/24 dev hvtap0"), 0)
        XCTAssertEqual(try ping("192.168.2.2", count: 2), [1, 2], "the restored adapter still works: \(restored.consoleLog())")
        waitForConsole(restored, contains: "icmp: echo reply to 192.168.2.1 seq 2\r\n", after: offset)
        try restored.turnOff()
    }
}
