import Glibc
@testable import VMM
import XCTest

/// Online resize at the device: the capacity in the configuration space changes, ConfigGeneration moves,
/// and the driver gets a configuration-change interrupt (InterruptStatus bit 1), held back while the
/// machine is paused; requests past the new end get an error status.
final class VirtioBlockResizeTests: XCTestCase {
    /// A disk whose bytes are an array: the device's side of a resize is under test here, not a file format
    /// (the worker's VHDX backend is tested under KVM in HyperVTests.OnlineResizeTests).
    final class ArrayBackend: BlockBackend, @unchecked Sendable {
        let bytes: Locked<[UInt8]>
        init(size: Int) { bytes = Locked([UInt8](repeating: 0x11, count: size)) }
        var size: UInt64 { UInt64(bytes.withLock { $0.count }) }
        var isReadOnly: Bool { false }
        func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(BlockBackendError) {
            bytes.withLock { bytes in
                for i in 0..<buffer.count { buffer[i] = bytes[Int(offset) + i] }
            }
        }
        func write(_ buffer: UnsafeRawBufferPointer, at offset: UInt64) throws(BlockBackendError) {
            bytes.withLock { bytes in
                for i in 0..<buffer.count { bytes[Int(offset) + i] = buffer[i] }
            }
        }
        func flush() throws(BlockBackendError) {}
        func resize(to size: UInt64) throws(BlockBackendError) {
            guard size % 512 == 0, size > 0 else { throw BlockBackendError("not a whole number of sectors") }
            bytes.withLock { bytes in
                if Int(size) < bytes.count { bytes.removeLast(bytes.count - Int(size)) } else {
                    bytes += [UInt8](repeating: 0, count: Int(size) - bytes.count)
                }
            }
        }
    }

    func capacity(_ device: VirtioBlock) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(device.readConfiguration(offset: $1)) << (8 * UInt64($1)) }
    }

    func testResizeChangesCapacityBumpsGenerationAndSignalsTheDriver() throws {
        let memory = try GuestMemory(size: 4 << 20)
        let device = VirtioBlock(backend: ArrayBackend(size: 16 * 512), identifier: "r")
        var driver = try VirtioBlockTests.Driver(memory: memory, device: device)
        XCTAssertEqual(capacity(device), 16)
        XCTAssertEqual(try driver.request(BlockRequest.typeIn, sector: 20, deviceWrites: true)?.status, BlockRequest.statusIOError)

        try device.resize(to: 32 * 512)
        XCTAssertEqual(capacity(device), 32)
        XCTAssertEqual(device.configurationGeneration, 1)
        XCTAssertEqual(driver.signal.configurationChanges.withLock { $0 }, 1)
        XCTAssertEqual(try driver.request(BlockRequest.typeIn, sector: 20, deviceWrites: true)?.status, BlockRequest.statusOK)

        // Paused (held): the change is made, its interrupt waits for the release.
        device.setHeld(true)
        try device.resize(to: 8 * 512)
        XCTAssertEqual(capacity(device), 8)
        XCTAssertEqual(driver.signal.configurationChanges.withLock { $0 }, 1)
        device.setHeld(false)
        XCTAssertEqual(driver.signal.configurationChanges.withLock { $0 }, 2)
        XCTAssertEqual(device.configurationGeneration, 2)
        XCTAssertEqual(try driver.request(BlockRequest.typeIn, sector: 8, deviceWrites: true)?.status, BlockRequest.statusIOError)

        // A backend that refuses leaves everything as it was.
        XCTAssertThrowsError(try device.resize(to: 100))
        XCTAssertEqual(capacity(device), 8)
        XCTAssertEqual(device.configurationGeneration, 2)
        // A geometry check on re-attach uses the new size.
        XCTAssertThrowsError(try device.attach(ArrayBackend(size: 16 * 512)))
        XCTAssertNoThrow(try device.attach(ArrayBackend(size: 8 * 512)))
    }

    /// Through the virtio-mmio registers, as a guest sees it: InterruptStatus bit 1, the interrupt line pulsed,
    /// ConfigGeneration and the capacity words.
    func testTransportRaisesTheConfigurationChangeInterrupt() throws {
        let memory = try GuestMemory(size: 4 << 20)
        let device = VirtioBlock(backend: ArrayBackend(size: 16 * 512), identifier: "r")
        let pulses = Locked(0)
        let transport = VirtioMMIOTransport(backend: device, memory: memory, interrupt: { pulses.withLock { $0 += 1 } })
        func register(_ offset: UInt64) -> UInt32 {
            var value: UInt32 = 0
            withUnsafeMutableBytes(of: &value) { transport.read(offset: offset, into: $0) }
            return value
        }
        func store(_ offset: UInt64, _ value: UInt32) {
            withUnsafeBytes(of: value) { transport.write(offset: offset, data: $0) }
        }
        // The driver brings the device up (one queue of 16 in low memory), then the disk grows.
        for (offset, value) in [(0x070, 1), (0x070, 3), (0x024, 1), (0x020, 1), (0x070, 11), (0x030, 0), (0x038, 16),
                                (0x080, 0x1000), (0x090, 0x2000), (0x0A0, 0x3000), (0x044, 1), (0x070, 15)] as [(UInt64, UInt32)] {
            store(offset, value)
        }
        XCTAssertEqual(register(0x070) & 0x40, 0, "device running, not failed")
        XCTAssertEqual(register(0x060), 0)
        XCTAssertEqual(register(0x0FC), 0)
        try device.resize(to: 48 * 512)
        XCTAssertEqual(register(0x060) & 2, 2, "configuration change")
        XCTAssertEqual(pulses.withLock { $0 }, 1)
        XCTAssertEqual(register(0x0FC), 1)
        XCTAssertEqual(register(0x100), 48)
        XCTAssertEqual(register(0x104), 0)
        store(0x064, 2)
        XCTAssertEqual(register(0x060), 0, "acknowledged")
    }
}
