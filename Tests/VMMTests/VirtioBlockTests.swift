import Glibc
@testable import VMM
import XCTest

/// The virtio-blk device driven directly through a queue in guest memory (no KVM needed): every request
/// type against a real file, and the requests a hostile driver can make.
final class VirtioBlockTests: XCTestCase {
    var temporary: TemporaryDirectory!
    override func setUp() { temporary = TemporaryDirectory("hvsh-vblk") }
    override func tearDown() { temporary.cleanup() }

    final class SignalRecorder: VirtioSignal, @unchecked Sendable {
        let used = Locked(0)
        let failures = Locked<[VirtioError]>([])
        let configurationChanges = Locked(0)
        func usedBuffers() { used.withLock { $0 += 1 } }
        func configurationChanged() { configurationChanges.withLock { $0 += 1 } }
        func deviceFailed(_ error: VirtioError) { failures.withLock { $0.append(error) } }
    }

    /// A driver in Swift: queue of 16 at fixed addresses, the header at 0x10000, status at 0x10800, data from 0x20000.
    struct Driver {
        let memory: GuestMemory
        let device: VirtioBlock
        let signal = SignalRecorder()
        static let table: UInt64 = 0x1000, available: UInt64 = 0x2000, usedRing: UInt64 = 0x3000
        static let header: UInt64 = 0x10000, status: UInt64 = 0x10800, data: UInt64 = 0x20000
        var nextAvailable: UInt16 = 0

        init(memory: GuestMemory, device: VirtioBlock) throws {
            self.memory = memory
            self.device = device
            // A driver that sets a queue up starts both rings from zero.
            try memory.store(UInt16(0), at: Driver.available + 2)
            try memory.store(UInt16(0), at: Driver.usedRing + 2)
            let queue = try VirtQueue(index: 0, size: 16, descriptorTable: Driver.table, availableRing: Driver.available,
                                      usedRing: Driver.usedRing, memory: memory)
            device.activate(queues: [queue], memory: memory, signal: signal)
        }

        /// Publishes a chain of (address, length, device-writable) and notifies; returns the status byte and used length.
        mutating func submit(_ chain: [(UInt64, UInt32, Bool)]) throws -> (status: UInt8, written: UInt32)? {
            for (index, buffer) in chain.enumerated() {
                let entry = Driver.table + 16 * UInt64(index)
                let last = index == chain.count - 1
                try memory.store(buffer.0, at: entry)
                try memory.store(buffer.1, at: entry + 8)
                try memory.store(UInt16((last ? 0 : 1) | (buffer.2 ? 2 : 0)), at: entry + 12)
                try memory.store(UInt16(index + 1), at: entry + 14)
            }
            try memory.store(UInt8(0xEE), at: Driver.status)
            try memory.store(UInt16(0), at: Driver.available + 4 + 2 * UInt64(nextAvailable % 16))
            nextAvailable &+= 1
            try memory.store(nextAvailable, at: Driver.available + 2)
            let usedBefore = try memory.load(UInt16.self, at: Driver.usedRing + 2)
            device.notify(queue: 0)
            let usedAfter = try memory.load(UInt16.self, at: Driver.usedRing + 2)
            guard usedAfter == usedBefore &+ 1 else { return nil }
            let written = try memory.load(UInt32.self, at: Driver.usedRing + 4 + 8 * UInt64(usedBefore % 16) + 4)
            return (try memory.load(UInt8.self, at: Driver.status), written)
        }

        func header(type: UInt32, sector: UInt64) throws {
            try memory.store(type, at: Driver.header)
            try memory.store(UInt32(0), at: Driver.header + 4)
            try memory.store(sector, at: Driver.header + 8)
        }

        /// The usual three-descriptor request.
        mutating func request(_ type: UInt32, sector: UInt64, data: UInt64 = Driver.data, length: UInt32 = 512,
                              deviceWrites: Bool) throws -> (status: UInt8, written: UInt32)? {
            try header(type: type, sector: sector)
            return try submit([(Driver.header, 16, false), (data, length, deviceWrites), (Driver.status, 1, true)])
        }
    }

    func makeDisk(sectors: Int, readOnly: Bool = false, name: String = "disk.raw") throws -> (String, RawFileBackend) {
        let path = temporary.path + "/" + name
        var bytes = [UInt8](repeating: 0, count: sectors * 512)
        for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index / 512 + 1) }
        try Files.write(path, bytes, mode: 0o644)
        return (path, try RawFileBackend(path: path, readOnly: readOnly))
    }

    func testReadWriteFlushAndIdentifyAgainstAFile() throws {
        let (path, backend) = try makeDisk(sectors: 64)
        let memory = try GuestMemory(size: 4 << 20)
        let device = VirtioBlock(backend: backend, identifier: "hvsh-disk-0")
        var driver = try Driver(memory: memory, device: device)

        XCTAssertEqual(device.deviceID, 2)
        let capacity = (0..<8).reduce(UInt64(0)) { $0 | UInt64(device.readConfiguration(offset: $1)) << (8 * UInt64($1)) }
        XCTAssertEqual(capacity, 64, "capacity in 512-byte sectors")
        XCTAssertEqual(device.readConfiguration(offset: 20), 0, "blk_size 512: low byte")
        XCTAssertEqual(device.readConfiguration(offset: 21), 2, "blk_size 512: second byte")
        XCTAssertEqual(device.readConfiguration(offset: 24), 3, "4096-byte physical sectors: 2^3 logical ones")
        XCTAssertEqual(device.features & VirtioBlock.featureReadOnly, 0)

        // Read sectors 3 and 4 through two data descriptors.
        try driver.header(type: BlockRequest.typeIn, sector: 3)
        let read = try XCTUnwrap(try driver.submit([(Driver.header, 16, false), (Driver.data, 512, true),
                                                    (Driver.data + 0x1000, 512, true), (Driver.status, 1, true)]))
        XCTAssertEqual(read.status, 0)
        XCTAssertEqual(read.written, 1025)
        XCTAssertEqual(try memory.read(Driver.data, count: 512), [UInt8](repeating: 4, count: 512))
        XCTAssertEqual(try memory.read(Driver.data + 0x1000, count: 512), [UInt8](repeating: 5, count: 512))

        // Write sector 10 with the header and data in one descriptor, as the byte-stream rule allows.
        try driver.header(type: BlockRequest.typeOut, sector: 10)
        try memory.write([UInt8](repeating: 0xAB, count: 512), at: Driver.header + 16)
        let write = try XCTUnwrap(try driver.submit([(Driver.header, 16 + 512, false), (Driver.status, 1, true)]))
        XCTAssertEqual(write.status, 0)
        XCTAssertEqual(try driver.request(BlockRequest.typeFlush, sector: 0, length: 0, deviceWrites: true)?.status, 0)
        let file = try Files.read(path)
        XCTAssertEqual(Array(file[10 * 512..<11 * 512]), [UInt8](repeating: 0xAB, count: 512))
        XCTAssertEqual(Array(file[11 * 512..<12 * 512]), [UInt8](repeating: 12, count: 512), "the next sector is untouched")

        let identify = try XCTUnwrap(try driver.request(BlockRequest.typeGetID, sector: 0, length: 20, deviceWrites: true))
        XCTAssertEqual(identify.status, 0)
        XCTAssertEqual(identify.written, 21)
        XCTAssertEqual(try memory.read(Driver.data, count: 12), Array("hvsh-disk-0".utf8) + [0])
        XCTAssertEqual(device.counters.completed, 4)
        XCTAssertEqual(device.counters.failed, 0)
        XCTAssertTrue(driver.signal.failures.withLock { $0 }.isEmpty)
        XCTAssertEqual(driver.signal.used.withLock { $0 }, 4)
    }

    func testRequestsOutsideTheDiskOrRAMGetAnErrorStatusAndTouchNothing() throws {
        let (path, backend) = try makeDisk(sectors: 16)
        let before = try Files.read(path)
        let memory = try GuestMemory(size: 4 << 20)
        var driver = try Driver(memory: memory, device: VirtioBlock(backend: backend, identifier: "x"))
        let outside: UInt64 = 4 << 20
        let ioError = BlockRequest.statusIOError
        try memory.write([UInt8](repeating: 0x5A, count: 1024), at: Driver.data)

        XCTAssertEqual(try driver.request(BlockRequest.typeIn, sector: 16, deviceWrites: true)?.status, ioError, "past the end")
        XCTAssertEqual(try driver.request(BlockRequest.typeIn, sector: 15, length: 1024, deviceWrites: true)?.status, ioError, "across the end")
        XCTAssertEqual(try driver.request(BlockRequest.typeOut, sector: 16, deviceWrites: false)?.status, ioError, "write past the end")
        XCTAssertEqual(try driver.request(BlockRequest.typeIn, sector: .max, deviceWrites: true)?.status, ioError, "sector overflow")
        XCTAssertEqual(try driver.request(BlockRequest.typeOut, sector: .max - 1, length: 1024, deviceWrites: false)?.status, ioError,
                       "sector * 512 overflows")
        XCTAssertEqual(try driver.request(BlockRequest.typeIn, sector: 0, data: outside, deviceWrites: true)?.status, ioError, "data outside RAM")
        XCTAssertEqual(try driver.request(BlockRequest.typeIn, sector: 0, data: .max - 0xFFF, length: 0x2000, deviceWrites: true)?.status,
                       ioError, "wrapping address")
        XCTAssertEqual(try driver.request(BlockRequest.typeOut, sector: 0, data: outside - 256, deviceWrites: false)?.status, ioError,
                       "data half outside RAM")
        XCTAssertEqual(try driver.request(BlockRequest.typeIn, sector: 0, length: 100, deviceWrites: true)?.status, ioError, "partial sector")
        XCTAssertEqual(try driver.request(BlockRequest.typeIn, sector: 0, deviceWrites: false)?.status, ioError, "data the device cannot write")
        XCTAssertEqual(try driver.request(99, sector: 0, deviceWrites: true)?.status, BlockRequest.statusUnsupported)
        try driver.header(type: BlockRequest.typeIn, sector: 0)
        XCTAssertEqual(try driver.submit([(Driver.header, 8, false), (Driver.data, 512, true), (Driver.status, 1, true)])?.status, ioError,
                       "short header")
        XCTAssertEqual(try driver.submit([(outside, 16, false), (Driver.status, 1, true)])?.status, ioError, "header outside RAM")
        XCTAssertEqual(try driver.submit([(Driver.status, 1, true), (Driver.header, 16, false), (Driver.status, 1, true)])?.status, ioError,
                       "readable after writable")
        XCTAssertEqual(try memory.read(Driver.data, count: 1024), [UInt8](repeating: 0x5A, count: 1024), "no guest byte changed")
        XCTAssertEqual(try Files.read(path), before, "no disk byte changed")
        XCTAssertTrue(driver.signal.failures.withLock { $0 }.isEmpty, "all of these are answered, none fails the device")
        XCTAssertEqual(driver.device.counters.failed, 14)
        XCTAssertEqual(try driver.request(BlockRequest.typeIn, sector: 2, deviceWrites: true)?.status, 0, "the device still works")
    }

    func testReadOnlyDisksRefuseWrites() throws {
        let (path, backend) = try makeDisk(sectors: 8, readOnly: true, name: "dvd.iso")
        let before = try Files.read(path)
        let memory = try GuestMemory(size: 4 << 20)
        let device = VirtioBlock(backend: backend, identifier: "dvd")
        XCTAssertNotEqual(device.features & VirtioBlock.featureReadOnly, 0, "VIRTIO_BLK_F_RO offered")
        var driver = try Driver(memory: memory, device: device)
        XCTAssertEqual(try driver.request(BlockRequest.typeOut, sector: 0, deviceWrites: false)?.status, BlockRequest.statusIOError)
        XCTAssertEqual(try driver.request(BlockRequest.typeFlush, sector: 0, length: 0, deviceWrites: true)?.status, 0)
        XCTAssertEqual(try driver.request(BlockRequest.typeIn, sector: 7, deviceWrites: true)?.status, 0)
        XCTAssertEqual(try memory.read(Driver.data, count: 512), [UInt8](repeating: 8, count: 512))
        XCTAssertEqual(try Files.read(path), before)
    }

    func testUnanswerableChainsFailTheDeviceOnly() throws {
        let (_, backend) = try makeDisk(sectors: 8)
        let memory = try GuestMemory(size: 4 << 20)
        let device = VirtioBlock(backend: backend, identifier: "x")
        var driver = try Driver(memory: memory, device: device)
        try driver.header(type: BlockRequest.typeIn, sector: 0)
        XCTAssertNil(try driver.submit([(Driver.header, 16, false), (Driver.data, 512, false)]), "no status byte: nothing used")
        XCTAssertEqual(driver.signal.failures.withLock { $0 }, [.noStatusByte])
        XCTAssertNil(try driver.request(BlockRequest.typeIn, sector: 0, deviceWrites: true), "a failed device takes no more requests")

        var fresh = try Driver(memory: memory, device: device)  // the driver resets and sets the queue up again
        XCTAssertNil(try fresh.submit([(Driver.header, 16, false), (4 << 20, 1, true)]), "status outside RAM")
        XCTAssertEqual(fresh.signal.failures.withLock { $0 }, [.noStatusByte])
    }

    func testDetachAndAttachSwapTheFileUnderThePausedGuest() throws {
        let (_, first) = try makeDisk(sectors: 8, name: "a.raw")
        let (_, second) = try makeDisk(sectors: 8, name: "b.raw")
        let (_, other) = try makeDisk(sectors: 9, name: "c.raw")
        let memory = try GuestMemory(size: 4 << 20)
        let device = VirtioBlock(backend: first, identifier: "x")
        var driver = try Driver(memory: memory, device: device)
        try device.detach()
        XCTAssertFalse(device.isAttached)
        XCTAssertEqual(try driver.request(BlockRequest.typeIn, sector: 0, deviceWrites: true)?.status, BlockRequest.statusIOError)
        XCTAssertThrowsError(try device.attach(other), "another size would change what the guest was told")
        try device.attach(second)
        XCTAssertEqual(try driver.request(BlockRequest.typeOut, sector: 0, deviceWrites: false)?.status, 0)
    }
}
