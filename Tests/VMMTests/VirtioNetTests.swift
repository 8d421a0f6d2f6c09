import Glibc
import LinuxSystem
import NetworkAddresses
@testable import VMM
import XCTest

/// virtio-net on virtio-mmio with a real tap, inside a network namespace the test creates and removes.
final class VirtioNetTests: NamespacedVMTestCase {
    override var namespacePrefix: String { "hvsh-vmm" }

    func launch(_ image: BuiltInImage, namespacePath: String) throws -> VMWorker {
        try VMWorker.launch(WorkerLaunchRequest(
            name: "net", machine: MachineConfiguration(memorySize: 64 << 20, boot: .builtIn(image),
                                                       macAddresses: [MACAddress(bytes: [0x00, 0x15, 0x5D, 0x00, 0x00, 0x42])!], tapNames: ["hvtap0"]),
            runtimeDirectory: temporary.path + "/run", networkNamespace: namespacePath))
    }

    /// Runs `body` on a thread that has entered the test namespace (namespaces are per thread).
    func inNamespace(_ path: String, _ body: @escaping @Sendable () -> Void) throws {
        let thread = try SystemThread {
            do { try NetworkNamespace.enter(path: path) } catch { XCTFail("\(error)"); return }
            body()
        }
        thread.join()
    }

    func testFramesFlowBothWaysThroughTheTap() throws {
        let path = try makeNamespace()
        let worker = try launch(.netecho, namespacePath: path)
        XCTAssertEqual(system("ip netns exec \(namespace) ip link set hvtap0 up"), 0)
        waitForConsole(worker, contains: "rx ready\r\n")
        let captured = Locked<[UInt8]>([])
        try inNamespace(path) {
            let fd = socket(AF_PACKET, Int32(SOCK_RAW.rawValue), Int32(UInt16(0x0003).bigEndian)) // ETH_P_ALL
            guard fd >= 0 else { XCTFail("packet socket: \(errno)"); return }
            defer { close(fd) }
            // struct sockaddr_ll (linux/if_packet.h): family, protocol (big-endian), ifindex, then zeros; 20 bytes.
            var address = [UInt8](repeating: 0, count: 20)
            address.withUnsafeMutableBytes { raw in
                raw.storeBytes(of: UInt16(AF_PACKET), toByteOffset: 0, as: UInt16.self)
                raw.storeBytes(of: UInt16(0x0003).bigEndian, toByteOffset: 2, as: UInt16.self)
                raw.storeBytes(of: Int32(if_nametoindex("hvtap0")), toByteOffset: 4, as: Int32.self)
            }
            let bound = address.withUnsafeBytes { bind(fd, $0.baseAddress!.assumingMemoryBound(to: sockaddr.self), 20) }
            XCTAssertEqual(bound, 0, "bind to hvtap0")
            var frame: [UInt8] = [0x00, 0x15, 0x5D, 0x00, 0x00, 0x42, 0x02, 0, 0, 0, 0, 1, 0x88, 0xB5]
            frame += Array("hello from the host".utf8) + [0]
            frame += [UInt8](repeating: 0, count: 64 - frame.count)
            XCTAssertEqual(frame.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }, 64)
            var buffer = [UInt8](repeating: 0, count: 2048)
            let deadline = Clock.monotonicNanoseconds() + 15_000_000_000
            while Clock.monotonicNanoseconds() < deadline {
                var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&entry, 1, 200) > 0 else { continue }
                let n = recv(fd, &buffer, buffer.count, 0)
                if n >= 14, buffer[12] == 0x88, buffer[13] == 0xB5, buffer[6..<12].elementsEqual([0x00, 0x15, 0x5D, 0x00, 0x00, 0x42]) {
                    captured.withLock { $0 = Array(buffer[0..<n]) }
                    return
                }
            }
        }
        waitForConsole(worker, contains: "sent\r\n")
        XCTAssertTrue(worker.consoleLog().contains("received 64 bytes: hello from the host\r\n"), worker.consoleLog())
        let reply = captured.withLock { $0 }
        XCTAssertEqual(reply.count, 64, "the guest's frame came out of the tap")
        XCTAssertEqual(String(decoding: reply[14..<34], as: UTF8.self), "hello from the guest")
        try worker.turnOff()
        XCTAssertNotEqual(system("ip netns exec \(namespace) ip link show hvtap0 >/dev/null 2>&1"), 0,
                          "the tap the worker created is gone with it")
    }

    func testMaliciousDescriptorsFailTheDeviceNotTheWorker() throws {
        let path = try makeNamespace()
        let worker = try launch(.evilnet, namespacePath: path)
        XCTAssertEqual(system("ip netns exec \(namespace) ip link set hvtap0 up"), 0)
        waitForConsole(worker, contains: "frame sent\r\n", timeout: 30)
        let log = worker.consoleLog()
        for attack in ["outside RAM", "loop", "oversize", "bad index", "wrapping address", "rings outside RAM"] {
            XCTAssertTrue(log.contains("\(attack): status 0x4f\r\n"), "\(attack) must leave DEVICE_NEEDS_RESET (0x40) set: \(log)")
        }
        XCTAssertTrue(log.contains("after reset: status 0x0f\r\ngood frame sent\r\n"), "a reset device works again: \(log)")
        XCTAssertEqual(worker.status().state, .running)
        try worker.turnOff()
    }
}
