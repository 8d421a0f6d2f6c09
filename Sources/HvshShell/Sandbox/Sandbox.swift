import LinuxSystem
#if canImport(Glibc)
import Glibc
#endif
import CEdit

/// `hvsh -Sandbox`: the same command line, run by a copy of hvsh inside a new network namespace
/// (and a new user namespace when not root), so a lab's switches, addresses and NAT rules land in
/// an empty, private network stack and vanish with it. Nothing on the host changes.
///
/// The outer hvsh forks; the child, being single-threaded, can `unshare` and then exec hvsh again
/// with `HVSH_SANDBOX_OUTER_NETNS` naming the namespace it left. The inner hvsh checks that it is
/// really somewhere else before it brings its `lo` up. The outer one waits and passes the exit code on.
public enum Sandbox {
    static let outerNamespaceVariable = "HVSH_SANDBOX_OUTER_NETNS"

    public enum Failure: Error, Equatable {
        case namespaceUnavailable(String)
        case notInsideNewNamespace
    }

    /// Whether this process is the inner hvsh of a sandbox (the environment says so).
    public static var isInside: Bool { getenv(outerNamespaceVariable) != nil }

    /// The inode of this process's network namespace, which identifies it.
    public static func currentNamespaceInode() -> UInt64? {
        var info = stat()
        guard stat("/proc/self/ns/net", &info) == 0 else { return nil }
        return UInt64(info.st_ino)
    }

    /// Runs `arguments` (without the program name) in a fresh namespace and returns the exit code.
    public static func run(arguments: [String]) -> Int32 {
        enter(arguments: arguments, inPlace: false) ?? 1
    }

    /// Moves the command into a fresh namespace. Returns the exit code this process should exit
    /// with (it waited for the sandboxed hvsh), or nil when this process *is* now the sandboxed
    /// hvsh and should go on running the command itself.
    ///
    /// When this process has a single thread, the child of the fork simply carries on (forking a
    /// single-threaded process leaves nothing half-locked), which saves a second start of hvsh
    /// (exec, loading, runtime set-up: about half of the sandbox's cost). Otherwise the child
    /// execs hvsh again. Either way the parent waits, passes the exit code on and removes the
    /// scratch HVSH_HOME, even if the sandboxed hvsh crashed.
    /// `HVSH_SANDBOX_REEXEC=1` forces the exec path (tests use it to cover both).
    public static func enter(arguments: [String],
                             inPlace: Bool = isSingleThreaded() && getenv("HVSH_SANDBOX_REEXEC") == nil) -> Int32? {
        guard let outer = currentNamespaceInode() else {
            writeError("hvsh: -Sandbox needs /proc/self/ns/net, which is not available here.\n")
            return 1
        }
        var environment = currentEnvironment()
        environment[outerNamespaceVariable] = String(outer)
        var temporaryHome: String?
        if environment["HVSH_HOME"] == nil {
            guard let home = makeTemporaryDirectory() else {
                writeError("hvsh: could not create a temporary HVSH_HOME for the sandbox.\n")
                return 1
            }
            temporaryHome = home
            environment["HVSH_HOME"] = home
        }

        let status = spawnInNewNamespace(arguments: [CommandLine.arguments.first ?? "hvsh"] + arguments,
                                         environment: environment, execute: !inPlace)
        if case .insideChild = status {
            // The parent owns the scratch home; this process only uses it.
            if let temporaryHome { setenv("HVSH_HOME", temporaryHome, 1) }
            setenv(outerNamespaceVariable, String(outer), 1)
            if case .failure(let failure) = prepareInside() {
                writeError("hvsh: refusing to run the sandbox: \(failure)\n")
                _exit(1)
            }
            return nil
        }
        // VMs started in the sandbox would outlive it (their workers are nobody's children) and keep its
        // network, uplink included, alive: they are turned off first, whatever ended the session.
        if case .exited(_, let namespace) = status, let home = environment["HVSH_HOME"] {
            SandboxWorkers.turnOff(home: home, onlyInNamespace: temporaryHome == nil ? namespace : nil)
        }
        if let temporaryHome { removeTree(temporaryHome) }
        switch status {
        case .failed(.namespaceUnavailable(let reason)):
            writeError("hvsh: cannot create a network namespace for -Sandbox: \(reason)\n")
            return 1
        case .failed(.notInsideNewNamespace), .insideChild:
            return 1
        case .exited(let code, _):
            return code
        }
    }

    /// True when this process runs one thread (so a forked child may go on running Swift code).
    public static func isSingleThreaded() -> Bool {
        guard let directory = opendir("/proc/self/task") else { return false }
        defer { closedir(directory) }
        var threads = 0
        while let entry = readdir(directory) {
            if entry.pointee.d_name.0 != 0x2E { threads += 1 } // skip "." and ".."
        }
        return threads == 1
    }

    /// In the inner hvsh: makes sure the namespace is not the outer one, then brings `lo` up.
    public static func prepareInside() -> Result<Void, Failure> {
        guard let text = getenv(outerNamespaceVariable), let outer = UInt64(String(cString: text)),
              let current = currentNamespaceInode(), current != outer else {
            return .failure(.notInsideNewNamespace)
        }
        // Children (VM workers, scripts started from here) are inside too; they must not re-check.
        unsetenv(outerNamespaceVariable)
        setenv("HVSH_SANDBOX", "1", 1)
        if let error = LoopbackInterface.bringUp() {
            return .failure(.namespaceUnavailable("cannot bring lo up: \(error)"))
        }
        return .success(())
    }

    enum SpawnOutcome {
        /// The sandboxed hvsh ended with this code (128 + signal when killed); it ran in network namespace
        /// `namespace` (its inode, when it could be read).
        case exited(Int32, namespace: UInt64?)
        /// This process is the child, inside the new namespace (only when not executing).
        case insideChild
        case failed(Failure)
    }

    /// fork, unshare in the child, then exec /proc/self/exe (or, with `execute` false, return in
    /// the child); the parent waits. Everything the child touches before exec is prepared before
    /// the fork, because after fork in a multi-threaded process only async-signal-safe calls are
    /// allowed (no allocation).
    private static func spawnInNewNamespace(arguments: [String], environment: [String: String],
                                            execute: Bool) -> SpawnOutcome {
        let asRoot = geteuid() == 0
        let flags = HVSH_CLONE_NEWNET | (asRoot ? 0 : HVSH_CLONE_NEWUSER)
        let argv = CStringArray(arguments)
        let envp = CStringArray(environment.map { "\($0.key)=\($0.value)" })
        let executable = strdup("/proc/self/exe")!
        let uidMap = strdup("0 \(geteuid()) 1\n")!
        let gidMap = strdup("0 \(getegid()) 1\n")!
        let deny = strdup("deny\n")!
        let uidMapPath = strdup("/proc/self/uid_map")!
        let gidMapPath = strdup("/proc/self/gid_map")!
        let setgroupsPath = strdup("/proc/self/setgroups")!
        defer {
            for pointer in [executable, uidMap, gidMap, deny, uidMapPath, gidMapPath, setgroupsPath] { free(pointer) }
        }

        // The child reports a failure before exec as an errno on this pipe; exec closes it (CLOEXEC).
        let errorPipe: FileDescriptor.Pipe
        do { errorPipe = try FileDescriptor.pipe() } catch { return .failed(.namespaceUnavailable(error.description)) }
        let failures = errorPipe.readEnd, reporter = errorPipe.writeEnd

        let pid: pid_t
        do { pid = try Processes.fork() } catch { return .failed(.namespaceUnavailable(error.description)) }
        if pid == 0 {
            // From here to exec only async-signal-safe calls: no allocation (the shims below allocate nothing).
            var failure: CInt = 0
            if hvsh_unshare(flags) != 0 {
                failure = errno
            } else if !asRoot {
                if !writeInChild(setgroupsPath, deny) || !writeInChild(uidMapPath, uidMap) || !writeInChild(gidMapPath, gidMap) {
                    failure = errno
                }
            }
            if failure == 0 && !execute {
                // Carry on as the sandboxed hvsh; closing the pipe tells the parent all went well.
                _ = consume reporter
                _ = consume failures
                return .insideChild
            }
            if failure == 0 {
                execve(executable, argv.pointers, envp.pointers)
                failure = errno
            }
            _ = try? withUnsafeBytes(of: &failure) { raw in resultOf { () throws(Errno) in try reporter.write(raw) } }.get()
            _exit(127)
        }
        // Only the child may hold the write end, or the read below never sees it close.
        _ = consume reporter

        // The terminal's Ctrl-C reaches both processes; only the inner hvsh should act on it. A signal meant
        // to end the session is passed on, and this process stays to clean up once the inner one is gone.
        signal(SIGQUIT, SIG_IGN)
        hvsh_forward_signals_to(pid)

        let report = (try? failures.read(upToCount: MemoryLayout<CInt>.size)) ?? []
        // The pipe closes once the child has left this namespace (exec, or carrying on in place).
        var namespaceInfo = stat()
        let namespace = stat("/proc/\(pid)/ns/net", &namespaceInfo) == 0 ? UInt64(namespaceInfo.st_ino) : nil
        let status = (try? Processes.waitForExit(pid)) ?? 128
        if report.count == MemoryLayout<CInt>.size {
            let childError = report.withUnsafeBytes { $0.loadUnaligned(as: CInt.self) }
            return .failed(.namespaceUnavailable(Errno(rawValue: childError).description))
        }
        return .exited(status, namespace: namespace)
    }

    /// open/write/close only: safe between fork and exec (the path and text were made before the fork).
    private static func writeInChild(_ path: UnsafeMutablePointer<CChar>, _ text: UnsafeMutablePointer<CChar>) -> Bool {
        let fd = open(path, O_WRONLY)
        if fd < 0 { return false }
        let file = FileDescriptor(owning: fd)
        let length = strlen(text)
        let written = try? file.write(UnsafeRawBufferPointer(start: text, count: length))
        return written == length
    }

    static func currentEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var cursor = environ
        while let entry = cursor.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            cursor += 1
        }
        return result
    }

    /// The scratch HVSH_HOME. It dies with the sandbox, so it goes to memory (/dev/shm) when that
    /// is a tmpfs with room: the inventory fsyncs every record it saves, which costs milliseconds
    /// each on a disk and nothing on tmpfs, and durability buys nothing for a state that is deleted
    /// at exit anyway. Otherwise $TMPDIR or /tmp.
    private static func makeTemporaryDirectory() -> String? {
        var bases = [getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"]
        if isRoomyTmpfs("/dev/shm") { bases.insert("/dev/shm", at: 0) }
        for base in bases {
            var template = Array("\(base)/hvsh-sandbox-XXXXXX".utf8CString)
            if mkdtemp(&template) != nil {
                return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
        }
        return nil
    }

    /// A writable tmpfs mount point with at least 1 GiB free (room for a lab's configs and small disks).
    static func isRoomyTmpfs(_ path: String) -> Bool {
        var info = statvfs()
        guard access(path, W_OK) == 0, statvfs(path, &info) == 0,
              UInt64(info.f_bavail) * UInt64(info.f_frsize) >= 1 << 30,
              let mounts = FileText.read("/proc/self/mounts") else { return false }
        return mounts.split(separator: "\n").contains { line in
            let fields = line.split(separator: " ")
            return fields.count > 2 && fields[1] == path && fields[2] == "tmpfs"
        }
    }

    private static func writeError(_ text: String) {
        FileText.writeAll(.error, text)
    }
}

/// A NULL-terminated `char *[]` for execve, owning its strings.
final class CStringArray {
    let pointers: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    private let count: Int

    init(_ strings: [String]) {
        count = strings.count
        pointers = .allocate(capacity: strings.count + 1)
        for (i, s) in strings.enumerated() { pointers[i] = strdup(s) }
        pointers[strings.count] = nil
    }

    deinit {
        for i in 0..<count { free(pointers[i]) }
        pointers.deallocate()
    }
}
