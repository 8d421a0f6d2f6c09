/// The virtio-mmio transport, version 2 (virtio 1.x, section 4.2): a register window on the MMIO bus that lets
/// the driver negotiate features, lay out the split virtqueues and notify the device.
public final class VirtioMMIOTransport: BusDevice, VirtioSignal {
    public static let windowSize: UInt64 = 0x1000

    enum Register {
        static let magic = 0x000, version = 0x004, deviceID = 0x008, vendorID = 0x00C
        static let deviceFeatures = 0x010, deviceFeaturesSelect = 0x014
        static let driverFeatures = 0x020, driverFeaturesSelect = 0x024
        static let queueSelect = 0x030, queueSizeMaximum = 0x034, queueSize = 0x038, queueReady = 0x044
        static let queueNotify = 0x050, interruptStatus = 0x060, interruptAcknowledge = 0x064, status = 0x070
        static let queueDescriptorLow = 0x080, queueDescriptorHigh = 0x084
        static let queueDriverLow = 0x090, queueDriverHigh = 0x094
        static let queueDeviceLow = 0x0A0, queueDeviceHigh = 0x0A4
        static let configGeneration = 0x0FC, configuration = 0x100
    }

    enum Status {
        static let acknowledge: UInt32 = 1, driver: UInt32 = 2, driverOK: UInt32 = 4, featuresOK: UInt32 = 8
        static let needsReset: UInt32 = 0x40, failed: UInt32 = 0x80
    }

    static let versionOne: UInt64 = 1 << 32

    struct QueueRegisters: Sendable {
        var size: UInt16 = VirtQueue.maximumSize
        var ready = false
        var descriptor: UInt64 = 0, driver: UInt64 = 0, device: UInt64 = 0
    }

    struct State: Sendable {
        var status: UInt32 = 0
        var deviceFeaturesSelect: UInt32 = 0
        var driverFeaturesSelect: UInt32 = 0
        var driverFeatures: UInt64 = 0
        var queueSelect: UInt32 = 0
        var queues: [QueueRegisters]
        var interruptStatus: UInt32 = 0
        var lastError: VirtioError?
    }

    let backend: any VirtioBackend
    let memory: GuestMemory
    private let interrupt: @Sendable () -> Void
    private let state: Locked<State>

    public init(backend: any VirtioBackend, memory: GuestMemory, interrupt: @escaping @Sendable () -> Void) {
        self.backend = backend
        self.memory = memory
        self.interrupt = interrupt
        self.state = Locked(State(queues: Array(repeating: QueueRegisters(), count: backend.queueCount)))
    }

    var offeredFeatures: UInt64 { backend.features | VirtioMMIOTransport.versionOne }

    /// The device status register (tests and diagnostics read it to see DEVICE_NEEDS_RESET).
    public var deviceStatus: UInt32 { state.withLock { $0.status } }
    /// Why the device failed, if it did.
    public var failure: VirtioError? { state.withLock { $0.lastError } }

    // MARK: VirtioSignal

    public func usedBuffers() {
        state.withLock { $0.interruptStatus |= 1 }
        interrupt()
    }

    public func deviceFailed(_ error: VirtioError) {
        state.withLock { state in
            state.status |= Status.needsReset
            state.interruptStatus |= 2
            state.lastError = state.lastError ?? error
        }
        interrupt()
    }

    public func configurationChanged() {
        state.withLock { $0.interruptStatus |= 2 }
        interrupt()
    }

    // MARK: Registers

    public func read(offset: UInt64, into data: UnsafeMutableRawBufferPointer) {
        data.initializeMemory(as: UInt8.self, repeating: 0)
        if offset >= UInt64(Register.configuration) {
            let base = Int(offset) - Register.configuration
            for index in 0..<data.count { data[index] = backend.readConfiguration(offset: base + index) }
            return
        }
        // Registers below the configuration space are 32 bits wide and must be read whole.
        guard data.count == 4, offset % 4 == 0 else { return }
        // Asked of the backend outside this transport's lock: the backend signals the transport under neither.
        if offset == UInt64(Register.configGeneration) {
            data.storeBytes(of: backend.configurationGeneration.littleEndian, as: UInt32.self)
            return
        }
        let value: UInt32 = state.withLock { state in
            let queue = Int(state.queueSelect) < state.queues.count ? Int(state.queueSelect) : nil
            switch Int(offset) {
            case Register.magic: return 0x7472_6976 // "virt"
            case Register.version: return 2
            case Register.deviceID: return backend.deviceID
            case Register.vendorID: return 0x4853_5648 // "HVSH"
            case Register.deviceFeatures:
                return state.deviceFeaturesSelect == 0 ? UInt32(truncatingIfNeeded: offeredFeatures)
                    : state.deviceFeaturesSelect == 1 ? UInt32(truncatingIfNeeded: offeredFeatures >> 32) : 0
            case Register.queueSizeMaximum: return queue == nil ? 0 : UInt32(VirtQueue.maximumSize)
            case Register.queueReady: return queue.map { state.queues[$0].ready ? 1 : 0 } ?? 0
            case Register.interruptStatus: return state.interruptStatus
            case Register.status: return state.status
            default: return 0
            }
        }
        data.storeBytes(of: value.littleEndian, as: UInt32.self)
    }

    public func write(offset: UInt64, data: UnsafeRawBufferPointer) {
        guard data.count == 4, offset % 4 == 0, offset < UInt64(Register.configuration) else { return }
        let value = UInt32(littleEndian: data.loadUnaligned(as: UInt32.self))
        enum Followup { case none, notify(Int), reset, activate([VirtQueue]), fail(VirtioError) }
        let followup: Followup = state.withLock { state in
            let queue = Int(state.queueSelect) < state.queues.count ? Int(state.queueSelect) : nil
            // Queue layout may change only before the driver is running.
            let configurable = state.status & Status.driverOK == 0
            switch Int(offset) {
            case Register.deviceFeaturesSelect: state.deviceFeaturesSelect = value
            case Register.driverFeaturesSelect: state.driverFeaturesSelect = value
            case Register.driverFeatures where state.status & Status.featuresOK == 0:
                if state.driverFeaturesSelect == 0 { state.driverFeatures = (state.driverFeatures & ~0xFFFF_FFFF) | UInt64(value) }
                if state.driverFeaturesSelect == 1 { state.driverFeatures = (state.driverFeatures & 0xFFFF_FFFF) | UInt64(value) << 32 }
            case Register.queueSelect: state.queueSelect = value
            case Register.queueSize where configurable: if let queue { state.queues[queue].size = UInt16(truncatingIfNeeded: value) }
            case Register.queueReady where configurable: if let queue { state.queues[queue].ready = value & 1 != 0 }
            case Register.queueDescriptorLow where configurable: if let queue { setLow(&state.queues[queue].descriptor, value) }
            case Register.queueDescriptorHigh where configurable: if let queue { setHigh(&state.queues[queue].descriptor, value) }
            case Register.queueDriverLow where configurable: if let queue { setLow(&state.queues[queue].driver, value) }
            case Register.queueDriverHigh where configurable: if let queue { setHigh(&state.queues[queue].driver, value) }
            case Register.queueDeviceLow where configurable: if let queue { setLow(&state.queues[queue].device, value) }
            case Register.queueDeviceHigh where configurable: if let queue { setHigh(&state.queues[queue].device, value) }
            case Register.queueNotify:
                if state.status & Status.driverOK != 0, state.status & Status.needsReset == 0, Int(value) < state.queues.count {
                    return .notify(Int(value))
                }
            case Register.interruptAcknowledge: state.interruptStatus &= ~value
            case Register.status:
                if value == 0 {
                    state = State(queues: Array(repeating: QueueRegisters(), count: state.queues.count))
                    return .reset
                }
                var status = value
                if status & Status.featuresOK != 0 && state.status & Status.featuresOK == 0 {
                    // Accept only a subset of what was offered, and only as a virtio 1.x driver.
                    let acceptable = state.driverFeatures & ~offeredFeatures == 0 && state.driverFeatures & VirtioMMIOTransport.versionOne != 0
                    if !acceptable { status &= ~Status.featuresOK }
                }
                let starting = status & Status.driverOK != 0 && state.status & Status.driverOK == 0
                state.status = status | (state.status & Status.needsReset)
                if starting {
                    var queues: [VirtQueue] = []
                    for (index, registers) in state.queues.enumerated() {
                        guard registers.ready else { return .fail(.queueOutsideRAM(queue: index)) }
                        do {
                            queues.append(try VirtQueue(index: index, size: registers.size, descriptorTable: registers.descriptor,
                                                        availableRing: registers.driver, usedRing: registers.device, memory: memory))
                        } catch { return .fail((error as? VirtioError) ?? .queueOutsideRAM(queue: index)) }
                    }
                    return .activate(queues)
                }
            default: break
            }
            return .none
        }
        switch followup {
        case .none: break
        case .notify(let queue): backend.notify(queue: queue)
        case .reset: backend.reset()
        case .activate(let queues): backend.activate(queues: queues, memory: memory, signal: self)
        case .fail(let error): deviceFailed(error)
        }
    }

    // MARK: Snapshot

    /// Registers, negotiated features and, for a running device, each queue's ring positions.
    public func saveState() -> [UInt8] {
        let registers = state.withLock { $0 }
        var writer = ByteWriter()
        writer.append(registers.status)
        writer.append(registers.driverFeatures)
        writer.append(registers.interruptStatus)
        writer.append(UInt32(registers.queues.count))
        for queue in registers.queues {
            writer.append(queue.size); writer.append(UInt8(queue.ready ? 1 : 0))
            writer.append(queue.descriptor); writer.append(queue.driver); writer.append(queue.device)
        }
        let progress = backend.queueProgress()
        writer.append(UInt32(progress.count))
        for entry in progress { writer.append(entry.available); writer.append(entry.used) }
        return writer.bytes
    }

    /// Puts the registers back and, if the driver had the device running, restarts it where it was.
    public func restoreState(_ bytes: [UInt8]) throws(VMMError) {
        var reader = ByteReader(bytes)
        var restored = State(queues: [])
        restored.status = try reader.read(UInt32.self)
        restored.driverFeatures = try reader.read(UInt64.self)
        restored.interruptStatus = try reader.read(UInt32.self)
        let count = Int(try reader.read(UInt32.self))
        guard count == backend.queueCount else { throw .badSnapshot("virtio device has \(count) queues, expected \(backend.queueCount)") }
        for _ in 0..<count {
            var queue = QueueRegisters()
            queue.size = try reader.read(UInt16.self); queue.ready = try reader.read(UInt8.self) != 0
            queue.descriptor = try reader.read(UInt64.self); queue.driver = try reader.read(UInt64.self)
            queue.device = try reader.read(UInt64.self)
            restored.queues.append(queue)
        }
        let progressCount = Int(try reader.read(UInt32.self))
        guard progressCount == 0 || progressCount == count else { throw .badSnapshot("virtio queue state does not match its queues") }
        var progress: [(UInt16, UInt16)] = []
        for _ in 0..<progressCount { progress.append((try reader.read(UInt16.self), try reader.read(UInt16.self))) }
        state.withLock { $0 = restored }
        guard progressCount > 0 else { return }
        var queues: [VirtQueue] = []
        for (index, registers) in restored.queues.enumerated() {
            do {
                queues.append(try VirtQueue(index: index, size: registers.size, descriptorTable: registers.descriptor,
                                            availableRing: registers.driver, usedRing: registers.device, memory: memory,
                                            nextAvailable: progress[index].0, nextUsed: progress[index].1))
            } catch { throw .badSnapshot("virtqueue \(index): \(error)") }
        }
        backend.activate(queues: queues, memory: memory, signal: self)
    }

    private func setLow(_ field: inout UInt64, _ value: UInt32) { field = (field & ~0xFFFF_FFFF) | UInt64(value) }
    private func setHigh(_ field: inout UInt64, _ value: UInt32) { field = (field & 0xFFFF_FFFF) | UInt64(value) << 32 }
}
