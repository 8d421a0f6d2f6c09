/// Swapping the files behind a paused VM's disks, for the shell's disk operations on a running VM (a
/// checkpoint turns each disk into the parent of a new differencing disk; removing one merges files). The
/// worker holds its disks' files open and locked, so the shell asks it to let go of them, changes the files,
/// and hands it the files to use from then on. The guest, paused throughout, sees nothing.
extension Machine {
    /// Flushes every disk and lets go of its files (they close with their backend). Only while paused; the VM must not resume until each disk is
    /// attached again.
    public func detachDisks() throws(VMMError) {
        guard isPaused else { throw .invalidConfiguration("disks can be detached only while the VM is paused") }
        var failure: BlockBackendError?
        for disk in disks {
            do throws(BlockBackendError) { try disk.detach() } catch { failure = failure ?? error }
        }
        if let failure { throw .worker("a disk could not be flushed: \(failure)") }
    }

    /// Serves disk `index` from the file at `path` (of the size and sector sizes the guest knows).
    public func attachDisk(_ index: Int, path: String) throws(VMMError) {
        guard isPaused else { throw .invalidConfiguration("disks can be attached only while the VM is paused") }
        guard disks.indices.contains(index) else { throw .invalidConfiguration("the VM has no disk \(index)") }
        // A backend the disk refuses is dropped here, and its files close with it.
        try disks[index].attach(try openDisk(DiskAttachment(path: path, readOnly: configuration.disks[index].readOnly)))
    }

    /// Gives disk `index` of the paused VM a backend opened elsewhere (files the shell handed to a jailed worker).
    public func attachDisk(_ index: Int, backend: any BlockBackend) throws(VMMError) {
        guard isPaused else { throw .invalidConfiguration("disks can be attached only while the VM is paused") }
        guard disks.indices.contains(index) else { throw .invalidConfiguration("the VM has no disk \(index)") }
        try disks[index].attach(backend)
    }

    /// Whether disk `index` is a read-only drive (a DVD drive, or a disk attached read-only).
    public func diskIsReadOnly(_ index: Int) -> Bool { configuration.disks.indices.contains(index) && configuration.disks[index].readOnly }

    /// Online resize of disk `index` (Resize-VHD of a running VM's disk): the file changes through its backend
    /// and the guest's driver is told the new capacity. Returns the size the disk has now.
    public func resizeDisk(_ index: Int, to size: UInt64) throws(VMMError) -> UInt64 {
        guard disks.indices.contains(index) else { throw .invalidConfiguration("the VM has no disk \(index)") }
        guard !configuration.disks[index].readOnly else { throw .invalidConfiguration("disk \(index) is a read-only drive") }
        do throws(BlockBackendError) { try disks[index].resize(to: size) } catch { throw .worker(error.message) }
        return disks[index].geometry.size
    }

    /// Whether every disk has its files (a VM whose disks are detached must stay paused).
    public var disksAttached: Bool { disks.allSatisfy(\.isAttached) }
}
