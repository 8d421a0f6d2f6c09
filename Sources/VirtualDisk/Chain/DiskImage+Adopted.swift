import LinuxSystem

// A jailed worker cannot open a disk by its path: the shell opens the files of the chain (the newest
// writable, its parents read-only) and sends them; the worker builds the chain from them, checking each
// parent as `open` does, so a wrong or missing file is refused just as when opened by path.
extension DiskImage {
    /// The files of `path`'s chain, newest first: what a shell opens and sends for `open(adopting:path:writable:)`.
    public static func chainPaths(of path: String) throws(DiskError) -> [String] {
        try open(path, writable: false, lock: .none).chain
    }

    /// The chain from descriptors `passed` holds in `chainPaths` order; `path` names the newest file.
    public static func open(adopting passed: PassedDescriptors, path: String, writable: Bool) throws(DiskError) -> DiskImage {
        var next = 0
        func layer(_ name: String, writable: Bool, lock: DiskFile.Lock) throws(DiskError) -> any DiskLayer {
            guard let descriptor = passed.take(next) else {
                throw DiskError(.parentNotFound, path, "The parent '\(name)' of the differencing disk '\(path)' was not handed to the VM's worker.")
            }
            next += 1
            let file = try DiskFile.adopt(descriptor, path: name, writable: writable, lock: lock)
            if try file.size() >= 8, try file.read(at: 0, count: 8).matches("vhdxfile") { return try VHDXFile(file: file) }
            return try VHDFile(file: file)
        }
        var layers = [try layer(path, writable: writable, lock: writable ? .exclusive : .shared)]
        while let reference = layers.last!.parent {
            let child = layers.last!
            guard layers.count < 128 else { throw DiskError.corrupt(path, "its chain of parents is more than 128 disks deep") }
            let name = reference.candidates.first ?? reference.storedPath
            let parent = try layer(name, writable: false, lock: .shared)
            guard parent.format == child.format, parent.logicalSectorSize == child.logicalSectorSize,
                  reference.acceptedIdentities.contains(parent.identityForChildren) else {
                throw DiskError(.parentMismatch, child.file.path,
                                "The parent '\(name)' of the differencing disk '\(child.file.path)' is not the disk it was created from (its identity has changed).")
            }
            layers.append(parent)
        }
        guard next == passed.count else {
            throw DiskError(.invalidArgument, path, "More files were handed over than the chain of '\(path)' has.")
        }
        return DiskImage(layers: layers, writable: writable)
    }
}
