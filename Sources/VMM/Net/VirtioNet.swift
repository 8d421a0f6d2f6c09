import LinuxSystem
import NetworkAddresses

/// A virtio-net device (virtio 1.x, section 5.1) backed by a tap: queue 0 receives, queue 1 transmits.
/// Frames carry the 12-byte virtio-net header both ways, which the tap understands (IFF_VNET_HDR).
/// Nothing is offloaded. A driver that hands over bad descriptors fails the device, never the worker.
public final class VirtioNet: VirtioBackend, @unchecked Sendable {
    // Mutable state is inside `state` (a lock); `wake` and the thread handle are set in init/activate only.
    public static let macFeature: UInt64 = 1 << 5
    public static let statusFeature: UInt64 = 1 << 16
    /// The virtio-net header before every frame (virtio 1.x: 12 bytes, with num_buffers); the tap is
    /// opened to expect the same.
    public static let headerSize = 12
    /// The largest frame plus header either direction may carry (64 KiB frame + header).
    static let maximumChain: UInt64 = 65_562

    public let mac: MACAddress
    private let macBytes: [UInt8]
    /// Wakes the receive thread's poll (new buffers, a tap plugged in, pause, shutdown).
    private let wake: EventCounter

    struct State {
        /// The host side; nil until one is plugged in (an adapter started without a switch).
        var tap: TapDevice?
        var queues: [VirtQueue] = []
        var memory: GuestMemory?
        var signal: (any VirtioSignal)?
        var active = false
        var stopping = false
        /// The machine is paused: frames wait in the tap.
        var held = false
        var transmitted = 0
        var received = 0
        /// Started at the first DRIVER_OK, so a device that never runs never has a thread.
        var receiver: SystemThread?
    }
    private let state: Locked<State>

    public init(mac: MACAddress, tap: TapDevice?) throws(VMMError) {
        self.mac = mac
        macBytes = mac.bytes
        do { wake = try EventCounter() } catch { throw .system("eventfd", error) }
        state = Locked(State(tap: tap))
    }

    /// Opens (creating if needed) the tap `name` the way this device passes frames: with a virtio-net
    /// header of `headerSize` bytes, non-blocking.
    public static func openTap(_ name: String) throws(VMMError) -> TapDevice {
        guard TapDevice.isValidName(name) else {
            throw .invalidConfiguration("\(name.debugDescription) is not a valid interface name")
        }
        do { return try TapDevice(name: name, virtioHeaderSize: headerSize, nonBlocking: true) } catch {
            throw .system("opening tap \(name)", error)
        }
    }

    /// A tap someone else opened with `openTap` (the shell, for a jailed worker that cannot open /dev/net/tun).
    public static func adoptTap(_ descriptor: consuming FileDescriptor, name: String) throws(VMMError) -> TapDevice {
        TapDevice(adopting: descriptor, name: name, virtioHeaderSize: headerSize)
    }

    public var tap: TapDevice? { state.withLock { $0.tap } }

    /// Gives a running adapter that had no tap its host side (Connect-VMNetworkAdapter on a VM whose
    /// adapter was not connected when it started). A device keeps the first tap it gets: plugging the
    /// same name again is accepted, another name is refused.
    public func plug(_ tap: TapDevice) throws(VMMError) {
        let refused: String? = state.withLock { state in
            if let current = state.tap { return current.name == tap.name ? nil : current.name }
            state.tap = tap
            if state.active, state.receiver == nil, !state.stopping {
                state.receiver = try? SystemThread { self.receiveLoop() }
            }
            return nil
        }
        if let refused { throw .invalidConfiguration("the adapter already uses tap \(refused)") }
        kick()
    }

    /// Stops the receive thread; called when the machine ends. The thread holds this device strongly until then.
    public func setHeld(_ held: Bool) {
        state.withLock { $0.held = held }
        kick()
    }

    public func shutdown() {
        let receiver = state.withLock { state -> SystemThread? in
            state.stopping = true
            defer { state.receiver = nil }
            return state.receiver
        }
        kick()
        receiver?.join()
    }

    /// Frames moved each way so far (for tests and diagnostics).
    public var counters: (transmitted: Int, received: Int) { state.withLock { ($0.transmitted, $0.received) } }

    private func kick() { wake.signal() }

    // MARK: VirtioBackend

    public var deviceID: UInt32 { 1 }
    public var features: UInt64 { VirtioNet.macFeature | VirtioNet.statusFeature }
    public var queueCount: Int { 2 }

    public func readConfiguration(offset: Int) -> UInt8 {
        switch offset {
        case 0..<6: return macBytes[offset]
        case 6: return 1 // status: link up
        default: return 0
        }
    }

    public func activate(queues: [VirtQueue], memory: GuestMemory, signal: any VirtioSignal) {
        state.withLock { state in
            state.queues = queues
            state.memory = memory
            state.signal = signal
            state.active = true
            if state.tap != nil, state.receiver == nil, !state.stopping {
                state.receiver = try? SystemThread { self.receiveLoop() }
            }
        }
        kick()
    }

    public func reset() {
        state.withLock { state in
            state.queues = []
            state.active = false
            state.memory = nil
            state.signal = nil
        }
    }

    public func queueProgress() -> [(available: UInt16, used: UInt16)] {
        state.withLock { state in state.active ? state.queues.map { ($0.nextAvailable, $0.nextUsed) } : [] }
    }

    public func notify(queue: Int) {
        if queue == 0 { kick(); return }
        if queue == 1 { transmit() }
    }

    /// Marks the device failed; further notifications are ignored until the driver resets it.
    private func fail(_ error: VirtioError, _ state: inout State) -> (any VirtioSignal)? {
        state.active = false
        return state.signal
    }

    // MARK: Transmit (vCPU thread)

    private func transmit() {
        var frame = [UInt8]()
        var failure: (VirtioError, (any VirtioSignal)?)?
        var notify: (any VirtioSignal)?
        state.withLock { state in
            guard state.active, let memory = state.memory, state.queues.count == 2 else { return }
            while true {
                let chain: (head: UInt16, buffers: [VirtioBuffer])?
                do throws(VirtioError) { chain = try state.queues[1].pop(memory: memory, maximumLength: VirtioNet.maximumChain) } catch {
                    failure = (error, fail(error, &state)); return
                }
                guard let chain else { break }
                frame.removeAll(keepingCapacity: true)
                for buffer in chain.buffers {
                    guard !buffer.deviceWritable else { failure = (.wrongDirection, fail(.wrongDirection, &state)); return }
                    if let bytes = try? memory.read(buffer.address, count: Int(buffer.length)) { frame += bytes }
                }
                if let tap = state.tap, frame.count > VirtioNet.headerSize {
                    // A full tap queue or a header the kernel rejects drops this frame only, as a NIC would.
                    let sent = frame.withUnsafeBytes { raw in resultOf { () throws(Errno) in try tap.descriptor.write(raw) } }
                    if case .success(let count) = sent, count > 0 { state.transmitted += 1 }
                }
                do throws(VirtioError) { try state.queues[1].pushUsed(head: chain.head, written: 0, memory: memory) } catch {
                    failure = (error, fail(error, &state)); return
                }
                notify = state.signal
            }
        }
        if let (error, signal) = failure { signal?.deviceFailed(error) }
        else { notify?.usedBuffers() }
    }

    // MARK: Receive (own thread)

    private func receiveLoop() {
        guard let tap = state.withLock({ $0.tap }) else { return }
        var frame = [UInt8](repeating: 0, count: Int(VirtioNet.maximumChain))
        while true {
            let (stopping, canReceive) = state.withLock { ($0.stopping, $0.active && !$0.held) }
            if stopping { return }
            var entries = [PollEntry(wake.descriptor, .readable), PollEntry(tap.descriptor, canReceive ? .readable : [])]
            guard (try? Poll.wait(&entries, timeoutMilliseconds: -1)) != nil else { return }
            if entries[0].isReady { wake.drain() }
            guard entries[1].returned.contains(.readable) else { continue }
            // Receive while frames and guest buffers last; wait for a notify when buffers run out.
            while deliverOne(tap: tap, frame: &frame) {}
        }
    }

    /// Moves one frame from the tap into the guest. False when there is no frame, no buffer, or the device failed.
    private func deliverOne(tap: TapDevice, frame: inout [UInt8]) -> Bool {
        var failure: (VirtioError, (any VirtioSignal)?)?
        var notify: (any VirtioSignal)?
        let delivered: Bool = state.withLock { state in
            guard state.active, !state.held, let memory = state.memory, state.queues.count == 2 else { return false }
            let chain: (head: UInt16, buffers: [VirtioBuffer])?
            do throws(VirtioError) { chain = try state.queues[0].pop(memory: memory, maximumLength: VirtioNet.maximumChain) } catch {
                failure = (error, fail(error, &state)); return false
            }
            guard let chain else { return false }
            guard chain.buffers.allSatisfy(\.deviceWritable) else {
                failure = (.wrongDirection, fail(.wrongDirection, &state)); return false
            }
            let count = (try? frame.withUnsafeMutableBytes { raw in
                resultOf { () throws(Errno) in try tap.descriptor.read(into: raw) }
            }.get()) ?? 0
            guard count > VirtioNet.headerSize else { state.queues[0].undoPop(); return false }
            // num_buffers = 1: the whole frame goes into this one chain.
            frame[10] = 1; frame[11] = 0
            let capacity = chain.buffers.reduce(0) { $0 + Int($1.length) }
            guard capacity >= count else {
                // Buffers too small for this frame: drop it and let the driver keep its buffers.
                state.queues[0].undoPop()
                return true
            }
            var offset = 0
            for buffer in chain.buffers where offset < count {
                let length = min(Int(buffer.length), count - offset)
                try? memory.write(frame[offset..<offset + length], at: buffer.address)
                offset += length
            }
            do throws(VirtioError) { try state.queues[0].pushUsed(head: chain.head, written: UInt32(count), memory: memory) } catch {
                failure = (error, fail(error, &state)); return false
            }
            state.received += 1
            notify = state.signal
            return true
        }
        if let (error, signal) = failure { signal?.deviceFailed(error) }
        notify?.usedBuffers()
        return delivered
    }
}
