import Glibc
import LinuxSystem

// Requests that give the worker something new to reach after it started. A jailed worker has its own uid and
// a root holding only its runtime directory, so it can open nothing by path: the shell opens each file (or
// makes and opens each folder) and sends the open descriptor with the request (SCM_RIGHTS).
extension VMWorker {
    /// Gives network adapter `index` (its place among the launch request's MACs) the tap `name`, which must
    /// exist (the shell makes it persistent first); the worker holds it from then on and clears persistence.
    /// A tap that cannot be opened here is asked for by name only: a QEMU VM's worker already holds every
    /// tap of its VM (a tap takes one holder), and answers from its configuration.
    public func plugTap(index: Int, name: String) throws(VMMError) {
        guard let tap = try? VirtioNet.openTap(name) else {
            _ = try reply(to: .plugTap(index: index, name: name), timeoutMilliseconds: 30_000)
            return
        }
        _ = try reply(to: .plugTap(index: index, name: name), timeoutMilliseconds: 30_000, passing: [tap.descriptor.rawValue])
    }

    /// Gives disk `index` of the paused VM the file `chain[0]`, the newest file of its chain; `chain` lists it
    /// and then its parents, which are sent read-only (`DiskImage.chainPaths`; one file for a raw image).
    public func attachDisk(index: Int, chain: [String]) throws(VMMError) {
        guard let path = chain.first else { throw .invalidConfiguration("no file to attach to disk \(index)") }
        guard chain.count <= FileDescriptor.maximumPassed else {
            throw .invalidConfiguration("\(path) has \(chain.count - 1) parents; a running VM takes a chain of at most \(FileDescriptor.maximumPassed) files")
        }
        let readOnly = diskIsReadOnly(index)
        var opened: [CInt] = []
        defer { for number in opened { _ = FileDescriptor(owning: number) } }
        for (position, file) in chain.enumerated() {
            do throws(Errno) {
                opened.append(try FileDescriptor.open(file, position == 0 && !readOnly ? .readWrite : .readOnly).release())
            } catch { throw .system("open(\(file))", error) }
        }
        _ = try reply(to: .attachDisk(index: index, path: path), timeoutMilliseconds: 30_000, passing: opened)
    }

    /// Saves the VM's whole state to `snapshotDirectory` and ends the worker (Hyper-V's Save-VM).
    public func save(to snapshotDirectory: String) throws(VMMError) {
        let pid = livePID()
        try withHandedDirectory(snapshotDirectory) { (folder) throws(VMMError) in
            _ = try reply(to: .save(directory: snapshotDirectory), timeoutMilliseconds: 30_000, passing: [folder])
            if let pid { _ = VMWorker.waitUntilGone(pid, timeoutMilliseconds: 10_000) }
        }
    }

    /// Writes a snapshot of the running (or paused) VM to `snapshotDirectory`; the VM carries on.
    public func checkpoint(to snapshotDirectory: String) throws(VMMError) {
        try withHandedDirectory(snapshotDirectory) { (folder) throws(VMMError) in
            _ = try reply(to: .checkpoint(directory: snapshotDirectory), timeoutMilliseconds: 30_000, passing: [folder])
        }
    }

    /// Makes `path` (a new folder), lends it to the worker's uid for `body`, which sends the worker its
    /// descriptor, and takes it and the files written into it back for this process's user afterwards.
    private func withHandedDirectory(_ path: String, _ body: (CInt) throws(VMMError) -> Void) throws(VMMError) {
        try Files.makeDirectory(path)
        let owner: FileStatus
        do throws(Errno) { owner = try FileSystem.status(directory.path) } catch { throw .system("stat(\(directory.path))", error) }
        do throws(Errno) { try FileSystem.changeOwner(path, user: owner.owner, group: owner.group) } catch {
            throw .system("chown(\(path))", error)
        }
        defer { Self.reclaim(path) }
        let folder: FileDescriptor
        do throws(Errno) { folder = try FileDescriptor.open(path, .readOnly, options: [.directory, .noFollow]) } catch {
            throw .system("open(\(path))", error)
        }
        try body(folder.rawValue)
    }

    /// The folder and the files in it belong to this process's user again (written by a worker's uid).
    private static func reclaim(_ path: String) {
        let user = geteuid(), group = getegid()
        for name in (try? FileSystem.listDirectory(path)) ?? [] {
            try? FileSystem.changeOwner(path + "/" + name, user: user, group: group)
        }
        try? FileSystem.changeOwner(path, user: user, group: group)
    }

    /// Whether the running VM's disk `index` is read-only (its vm.conf says so: a DVD drive).
    private func diskIsReadOnly(_ index: Int) -> Bool {
        guard let text = FileSystem.readText(directory.configuration), let request = try? WorkerLaunchRequest.decode(text),
              request.machine.disks.indices.contains(index) else { return false }
        return request.machine.disks[index].readOnly
    }
}
