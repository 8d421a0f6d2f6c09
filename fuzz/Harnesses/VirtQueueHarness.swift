import Synchronization
import VMM

/// The virtqueue walker, the virtio-mmio transport and the virtio-blk request parser against a hostile driver: fuzzed bytes are the
/// guest's RAM (descriptor tables, rings) and its register writes. Whatever they say, the device may
/// only touch guest RAM, must stop on a looping or oversized chain, and must never trap.
enum VirtQueueHarness {
    /// Guest RAM; the fuzzed bytes land at its start and the rest stays zero.
    static let memory: GuestMemory = try! GuestMemory(size: 2 << 20)
    static let window = 64 << 10
    /// One disk for every run (a megabyte per input would soon be gigabytes).
    nonisolated(unsafe) static let disk = RAMDisk()

    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 24, bytes.count <= window + 24 else { return }
        var reader = ByteReader(bytes)
        let mode = reader.byte()
        let image = Array(bytes[24...])
        try? memory.zero(0, count: window)
        try? memory.write(image, at: 0)
        switch mode % 3 {
        case 0: walk(&reader)
        case 1: transport(EchoBackend(), script: image)
        default: transport(VirtioBlock(backend: disk, identifier: "fuzz"), script: image)
        }
    }

    /// The queue alone: sizes and ring addresses straight from the input.
    static func walk(_ reader: inout ByteReader) {
        let selector = reader.byte()
        let size = selector & 0x80 != 0 ? reader.uint16() : UInt16(1) << UInt16(selector % 9)
        let wide = reader.byte() & 1 != 0
        func address() -> UInt64 { wide ? UInt64(reader.uint32()) << 8 : UInt64(reader.uint16()) }
        let table = address(), available = address(), used = address()
        let maximumLength = UInt64(reader.uint32())
        let requireRAM = reader.byte() & 1 == 0
        guard var queue = try? VirtQueue(index: 0, size: size, descriptorTable: table, availableRing: available,
                                         usedRing: used, memory: memory) else { return }
        for _ in 0..<(Int(VirtQueue.maximumSize) * 2) {
            guard let (head, buffers) = (try? queue.pop(memory: memory, maximumLength: maximumLength,
                                                         requireRAM: requireRAM)) ?? nil else { break }
            var written: UInt32 = 0
            for buffer in buffers where buffer.deviceWritable {
                let count = Int(min(buffer.length, 512))
                if (try? memory.zero(buffer.address, count: count)) != nil { written &+= UInt32(count) }
            }
            guard (try? queue.pushUsed(head: head, written: written, memory: memory)) != nil else { break }
        }
    }

    /// The transport: register writes from the input, with a device that answers every chain or a
    /// virtio-blk disk that parses them as block requests.
    static func transport(_ backend: any VirtioBackend, script: [UInt8]) {
        let device = VirtioMMIOTransport(backend: backend, memory: memory, interrupt: {})
        var steps = ByteReader(script)
        for _ in 0..<256 {
            guard steps.remaining >= 6 else { break }
            let offset = UInt64(steps.uint16() & 0x1FF)
            var value = steps.uint32()
            if offset & 0x100 != 0 {
                var out: UInt32 = 0
                withUnsafeMutableBytes(of: &out) { device.read(offset: offset & 0xFFC, into: $0) }
            } else {
                withUnsafeBytes(of: &value) { device.write(offset: offset & 0xFFC, data: $0) }
            }
        }
        _ = device.saveState()
        // An activated device holds the transport (to signal it), which holds the device: drop the link.
        backend.reset()
    }
}

/// A device with two queues that takes every chain the driver offers and gives it straight back.
final class EchoBackend: VirtioBackend, @unchecked Sendable {
    // Called by the transport under its own lock, one call at a time.
    private var queues: [VirtQueue] = []
    private var memory: GuestMemory?
    private var signal: (any VirtioSignal)?
    var deviceID: UInt32 { 1 }
    var features: UInt64 { 0 }
    var queueCount: Int { 2 }
    func readConfiguration(offset: Int) -> UInt8 { UInt8(truncatingIfNeeded: offset) }

    func activate(queues: [VirtQueue], memory: GuestMemory, signal: any VirtioSignal) {
        self.queues = queues
        self.memory = memory
        self.signal = signal
    }

    func notify(queue index: Int) {
        guard index >= 0, index < queues.count, let memory else { return }
        do throws(VirtioError) {
            while let (head, buffers) = try queues[index].pop(memory: memory, maximumLength: 65_536) {
                let written = buffers.filter(\.deviceWritable).reduce(UInt32(0)) { $0 &+ $1.length }
                try queues[index].pushUsed(head: head, written: written, memory: memory)
            }
            signal?.usedBuffers()
        } catch {
            signal?.deviceFailed(error)
        }
    }

    func reset() {
        queues = []
        memory = nil
        signal = nil
    }
    func queueProgress() -> [(available: UInt16, used: UInt16)] { queues.map { ($0.nextAvailable, $0.nextUsed) } }
}

/// Little-endian fields from the front of the input; zeros once it runs out.
struct ByteReader {
    private let bytes: [UInt8]
    private var index = 0
    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = Array(bytes) }
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    var remaining: Int { bytes.count - index }
    mutating func byte() -> UInt8 {
        guard index < bytes.count else { return 0 }
        defer { index += 1 }
        return bytes[index]
    }
    mutating func uint16() -> UInt16 { UInt16(byte()) | UInt16(byte()) << 8 }
    mutating func uint32() -> UInt32 { UInt32(uint16()) | UInt32(uint16()) << 16 }
}

/// A 1 MiB disk in memory for the virtio-blk device (nothing touches the host's files).
final class RAMDisk: BlockBackend, @unchecked Sendable {
    // The device calls in from the fuzzing thread only.
    private var bytes = [UInt8](repeating: 0, count: 1 << 20)
    var size: UInt64 { UInt64(bytes.count) }
    var isReadOnly: Bool { false }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(BlockBackendError) {
        guard offset <= size, UInt64(buffer.count) <= size - offset else { fatalError("fuzz invariant: read beyond the disk") }
        bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[Int(offset)..<Int(offset) + buffer.count])) }
    }

    func write(_ buffer: UnsafeRawBufferPointer, at offset: UInt64) throws(BlockBackendError) {
        guard offset <= size, UInt64(buffer.count) <= size - offset else { fatalError("fuzz invariant: write beyond the disk") }
        bytes.withUnsafeMutableBytes { UnsafeMutableRawBufferPointer(rebasing: $0[Int(offset)..<Int(offset) + buffer.count]).copyMemory(from: buffer) }
    }

    func flush() throws(BlockBackendError) {}
}
