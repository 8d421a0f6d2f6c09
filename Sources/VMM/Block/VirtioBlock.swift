/// A virtio-blk device (virtio 1.x, section 5.2): one request queue, served on the vCPU thread that notifies
/// it, so a paused machine (whose vCPUs are parked) never has a request in flight and a snapshot sees every
/// request either done or not yet taken. The bytes live in a `BlockBackend`; the request rules are in
/// `BlockRequest`.
public final class VirtioBlock: VirtioBackend {
    static let featureSegmentMaximum: UInt64 = 1 << 2
    static let featureReadOnly: UInt64 = 1 << 5
    static let featureBlockSize: UInt64 = 1 << 6
    static let featureFlush: UInt64 = 1 << 9
    static let featureTopology: UInt64 = 1 << 10

    /// What the guest is told about the disk. Only the size ever changes (an online resize, announced to the
    /// driver with a configuration-change interrupt); a backend swapped in later must match it.
    public struct Geometry: Sendable, Equatable {
        public var size: UInt64
        public var readOnly: Bool
        public var logicalSectorSize: UInt32
        public var physicalSectorSize: UInt32

        public init(of backend: any BlockBackend) {
            size = backend.size
            readOnly = backend.isReadOnly
            logicalSectorSize = backend.logicalSectorSize
            physicalSectorSize = max(backend.physicalSectorSize, backend.logicalSectorSize)
        }
    }

    public var geometry: Geometry { state.withLock { $0.geometry } }
    /// The answer to GET_ID: at most 20 bytes, NUL-padded.
    let identifier: [UInt8]

    struct State {
        /// Nil while the disk's files are handed to someone else (a checkpoint being made on a paused VM).
        var backend: (any BlockBackend)?
        var geometry: Geometry
        /// Bumped on every change of the configuration space (virtio's ConfigGeneration).
        var generation: UInt32 = 0
        /// A resize made while the device was held: its interrupt waits until the device is released.
        var configurationChangePending = false
        var queue: VirtQueue?
        var memory: GuestMemory?
        var signal: (any VirtioSignal)?
        var held = false
        var completed = 0
        var failed = 0
    }
    private let state: Locked<State>

    public init(backend: any BlockBackend, identifier: String) {
        self.identifier = Array(identifier.utf8.prefix(BlockRequest.identifierSize))
        state = Locked(State(backend: backend, geometry: Geometry(of: backend)))
    }

    /// Requests answered so far, and how many of those got an error status (for tests and diagnostics).
    public var counters: (completed: Int, failed: Int) { state.withLock { ($0.completed, $0.failed) } }

    // MARK: Changing the disk under a paused machine

    /// Flushes the backend and lets go of it (its files close once nothing else holds it); requests get
    /// VIRTIO_BLK_S_IOERR until `attach`. Only while the machine is paused, so the guest never sees that.
    public func detach() throws(BlockBackendError) {
        let backend = state.withLock { state -> (any BlockBackend)? in
            defer { state.backend = nil }
            return state.backend
        }
        try backend?.flush()
    }

    /// Serves the disk from `backend` from now on; its size and sector sizes must be the ones the guest was given.
    public func attach(_ backend: any BlockBackend) throws(VMMError) {
        guard Geometry(of: backend) == geometry else {
            throw .invalidConfiguration("the disk's size or sector size differs from the one the VM was started with")
        }
        state.withLock { $0.backend = backend }
    }

    /// Online resize: the backend changes its size while no request is being served (requests are served
    /// under the same lock), then the driver gets a configuration-change interrupt and reads the new capacity.
    public func resize(to size: UInt64) throws(BlockBackendError) {
        let outcome = state.withLock { state -> Result<(any VirtioSignal)?, BlockBackendError> in
            guard let backend = state.backend else { return .failure(BlockBackendError("the disk has no file attached")) }
            do throws(BlockBackendError) { try backend.resize(to: size) } catch { return .failure(error) }
            state.geometry.size = backend.size
            state.generation &+= 1
            if state.held { state.configurationChangePending = true; return .success(nil) }
            return .success(state.signal)
        }
        try outcome.get()?.configurationChanged()
    }

    public var configurationGeneration: UInt32 { state.withLock { $0.generation } }

    /// Flushes the backend (before a snapshot, and when the machine ends).
    public func flush() throws(BlockBackendError) {
        let backend = state.withLock { $0.backend }
        try backend?.flush()
    }

    public var isAttached: Bool { state.withLock { $0.backend != nil } }

    // MARK: VirtioBackend

    public var deviceID: UInt32 { 2 }
    public var queueCount: Int { 1 }
    public var features: UInt64 {
        VirtioBlock.featureSegmentMaximum | VirtioBlock.featureBlockSize | VirtioBlock.featureFlush
            | VirtioBlock.featureTopology | (geometry.readOnly ? VirtioBlock.featureReadOnly : 0)
    }

    /// struct virtio_blk_config: capacity (512-byte sectors), size_max, seg_max, geometry, blk_size, topology.
    public func readConfiguration(offset: Int) -> UInt8 {
        func byte(_ value: UInt64, _ at: Int) -> UInt8 { UInt8(truncatingIfNeeded: value >> (8 * UInt64(at))) }
        let geometry = self.geometry
        let logical = UInt64(geometry.logicalSectorSize)
        let perPhysical = UInt64(geometry.physicalSectorSize) / max(logical, 1)
        switch offset {
        case 0..<8: return byte(geometry.size / BlockRequest.sectorSize, offset)
        case 12..<16: return byte(UInt64(VirtQueue.maximumSize) - 2, offset - 12) // seg_max: a header and a status besides
        case 20..<24: return byte(logical, offset - 20)
        case 24: return UInt8(perPhysical.trailingZeroBitCount) // physical_block_exp
        case 26..<28: return byte(perPhysical, offset - 26)    // min_io_size, in logical blocks
        default: return 0
        }
    }

    public func activate(queues: [VirtQueue], memory: GuestMemory, signal: any VirtioSignal) {
        state.withLock { state in
            state.queue = queues.first
            state.memory = memory
            state.signal = signal
        }
        process()
    }

    public func reset() {
        state.withLock { state in
            state.queue = nil
            state.memory = nil
            state.signal = nil
        }
    }

    public func queueProgress() -> [(available: UInt16, used: UInt16)] {
        state.withLock { state in state.queue.map { [($0.nextAvailable, $0.nextUsed)] } ?? [] }
    }

    public func notify(queue: Int) {
        if queue == 0 { process() }
    }

    public func setHeld(_ held: Bool) {
        let pending = state.withLock { state -> (any VirtioSignal)? in
            state.held = held
            guard !held, state.configurationChangePending else { return nil }
            state.configurationChangePending = false
            return state.signal
        }
        pending?.configurationChanged()
        if !held { process() }
    }

    /// Answers every request the driver made available.
    private func process() {
        var failure: (VirtioError, (any VirtioSignal)?)?
        var notify: (any VirtioSignal)?
        state.withLock { state in
            guard !state.held, let memory = state.memory, state.queue != nil else { return }
            while true {
                let chain: (head: UInt16, buffers: [VirtioBuffer])?
                do throws(VirtioError) {
                    chain = try state.queue!.pop(memory: memory, maximumLength: .max, requireRAM: false)
                } catch {
                    failure = (error, state.signal); state.queue = nil; return
                }
                guard let chain else { return }
                switch BlockRequest.serve(chain.buffers, memory: memory, backend: state.backend, identifier: identifier) {
                case .unanswerable(let error):
                    failure = (error, state.signal); state.queue = nil; return
                case .answered(let status, let written):
                    state.completed += 1
                    if status != BlockRequest.statusOK { state.failed += 1 }
                    do throws(VirtioError) { try state.queue!.pushUsed(head: chain.head, written: written, memory: memory) } catch {
                        failure = (error, state.signal); state.queue = nil; return
                    }
                    notify = state.signal
                }
            }
        }
        if let (error, signal) = failure { signal?.deviceFailed(error) }
        notify?.usedBuffers()
    }
}
