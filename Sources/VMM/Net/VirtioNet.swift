#if canImport(Glibc)
import Glibc
#endif
import CKVM

/// A virtio-net device (virtio 1.x, section 5.1) backed by a tap: queue 0 receives, queue 1 transmits.
/// Frames carry the 12-byte virtio-net header both ways, which the tap understands (IFF_VNET_HDR).
/// Nothing is offloaded. A driver that hands over bad descriptors fails the device, never the worker.
public final class VirtioNet: VirtioBackend, @unchecked Sendable {
    // Mutable state is inside `state` (a lock); `wake` and the thread handle are set in init/activate only.
    public static let macFeature: UInt64 = 1 << 5
    public static let statusFeature: UInt64 = 1 << 16
    /// The largest frame plus header either direction may carry (64 KiB frame + header).
    static let maximumChain: UInt64 = 65_562

    public let mac: [UInt8]
    private let wake: CInt

    struct State {
        /// The host side; nil until one is plugged in (an adapter started without a switch).
        var tap: Tap?
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
        var receiver: NativeThread?
    }
    private let state: Locked<State>

    public init(mac: [UInt8], tap: Tap?) throws(VMMError) {
        self.mac = mac
        state = Locked(State(tap: tap))
        wake = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        if wake < 0 { throw .system("eventfd", .current) }
    }

    public var tap: Tap? { state.withLock { $0.tap } }

    /// Gives a running adapter that had no tap its host side (Connect-VMNetworkAdapter on a VM whose
    /// adapter was not connected when it started). A device keeps the first tap it gets: plugging the
    /// same name again is accepted, another name is refused.
    public func plug(_ tap: Tap) throws(VMMError) {
        let refused: String? = state.withLock { state in
            if let current = state.tap { return current.name == tap.name ? nil : current.name }
            state.tap = tap
            if state.active, state.receiver == nil, !state.stopping {
                state.receiver = try? NativeThread { self.receiveLoop() }
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
        let receiver = state.withLock { state -> NativeThread? in
            state.stopping = true
            defer { state.receiver = nil }
            return state.receiver
        }
        kick()
        receiver?.join()
    }

    deinit { close(wake) }

    /// Frames moved each way so far (for tests and diagnostics).
    public var counters: (transmitted: Int, received: Int) { state.withLock { ($0.transmitted, $0.received) } }

    private func kick() {
        var one: UInt64 = 1
        _ = write(wake, &one, 8)
    }

    // MARK: VirtioBackend

    public var deviceID: UInt32 { 1 }
    public var features: UInt64 { VirtioNet.macFeature | VirtioNet.statusFeature }
    public var queueCount: Int { 2 }

    public func readConfiguration(offset: Int) -> UInt8 {
        switch offset {
        case 0..<6: return mac[offset]
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
                state.receiver = try? NativeThread { self.receiveLoop() }
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
                if let tap = state.tap, frame.count > Tap.virtioHeaderSize {
                    // A full tap queue or a header the kernel rejects drops this frame only, as a NIC would.
                    if frame.withUnsafeBytes({ write(tap.fd, $0.baseAddress, $0.count) }) > 0 { state.transmitted += 1 }
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
        var drain: UInt64 = 0
        while true {
            let (stopping, canReceive) = state.withLock { ($0.stopping, $0.active && !$0.held) }
            if stopping { return }
            var fds = [pollfd(fd: wake, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: tap.fd, events: canReceive ? Int16(POLLIN) : 0, revents: 0)]
            if poll(&fds, 2, -1) < 0 && errno != EINTR { return }
            if fds[0].revents != 0 { _ = read(wake, &drain, 8) }
            guard fds[1].revents & Int16(POLLIN) != 0 else { continue }
            // Receive while frames and guest buffers last; wait for a notify when buffers run out.
            while deliverOne(tap: tap, frame: &frame) {}
        }
    }

    /// Moves one frame from the tap into the guest. False when there is no frame, no buffer, or the device failed.
    private func deliverOne(tap: Tap, frame: inout [UInt8]) -> Bool {
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
            let count = frame.withUnsafeMutableBytes { read(tap.fd, $0.baseAddress, $0.count) }
            guard count > Tap.virtioHeaderSize else { state.queues[0].undoPop(); return false }
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
