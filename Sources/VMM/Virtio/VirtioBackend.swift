/// How a device backend reports to its transport: buffers used, or the driver broke the rules.
public protocol VirtioSignal: AnyObject, Sendable {
    /// Used buffers were returned: raise the "used buffer" interrupt.
    func usedBuffers()
    /// The driver handed over something invalid: DEVICE_NEEDS_RESET plus a configuration-change interrupt.
    func deviceFailed(_ error: VirtioError)
    /// The device's configuration space changed (a disk was resized): raise the configuration-change
    /// interrupt (InterruptStatus bit 1), as the driver then rereads the configuration.
    func configurationChanged()
}

/// A virtio device's own logic, independent of the transport (virtio-mmio here).
public protocol VirtioBackend: AnyObject, Sendable {
    /// Virtio device ID (1 = network).
    var deviceID: UInt32 { get }
    /// Feature bits offered (VIRTIO_F_VERSION_1, bit 32, is added by the transport).
    var features: UInt64 { get }
    var queueCount: Int { get }
    /// Device-specific configuration space.
    func readConfiguration(offset: Int) -> UInt8
    /// DRIVER_OK: the queues are configured and checked; start using them.
    func activate(queues: [VirtQueue], memory: GuestMemory, signal: any VirtioSignal)
    /// The driver wrote QueueNotify.
    func notify(queue: Int)
    /// The driver reset the device (status 0): drop the queues.
    func reset()
    /// Each active queue's ring positions, for snapshots (empty when not active).
    func queueProgress() -> [(available: UInt16, used: UInt16)]
    /// While held, the device moves nothing into guest memory and raises no interrupt (the machine is
    /// paused: a snapshot must see guest RAM, ring positions and interrupt controllers agree).
    func setHeld(_ held: Bool)
    /// ConfigGeneration: changes whenever the configuration space does, so a driver reading a field of
    /// several words can tell it read them from one moment.
    var configurationGeneration: UInt32 { get }
}

extension VirtioBackend {
    public func setHeld(_ held: Bool) {}
    public var configurationGeneration: UInt32 { 0 }
}
