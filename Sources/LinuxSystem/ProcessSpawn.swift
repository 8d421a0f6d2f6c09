import CLinuxSystem
import Glibc

/// One posix_spawn(3) call: the program, its arguments and what its descriptors 0, 1, 2... become.
public struct ProcessSpawn {
    /// What one descriptor of the child is set to before the program starts.
    public enum FileAction {
        /// posix_spawn_file_actions_addopen: open `path` as descriptor `descriptor`.
        case open(CInt, path: String, flags: CInt, permissions: mode_t = 0o600)
        /// posix_spawn_file_actions_adddup2: descriptor `target` becomes a copy of `source`.
        case duplicate(CInt, as: CInt)
    }

    /// The program; with `searchesPath`, a bare name is looked up in $PATH (posix_spawnp).
    public var path: String
    public var searchesPath = false
    /// argv, program name first.
    public var arguments: [String]
    public var fileActions: [FileAction] = []
    /// The child's working directory; nil keeps the caller's.
    public var directory: String?
    /// When set, the child closes every descriptor numbered this or higher once the file actions ran
    /// (posix_spawn_file_actions_addclosefrom_np), so it inherits only what it was handed, even from
    /// code that opened a descriptor without close-on-exec.
    public var closesDescriptorsFrom: CInt?
    /// POSIX_SPAWN_SETSID: the child leads a new session, away from the caller's terminal and signals.
    public var startsNewSession = false
    /// POSIX_SPAWN_SETSIGDEF for every signal: handlers and ignored signals (SIGPIPE) do not reach the program.
    public var resetsSignalHandlers = false

    public init(path: String, arguments: [String]) {
        self.path = path
        self.arguments = arguments
    }

    /// posix_spawn(3) (or posix_spawnp) with an empty signal mask; returns the child's pid, for
    /// `Processes.waitForExit`.
    public func run() throws(Errno) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for action in fileActions {
            switch action {
            case .open(let descriptor, let path, let flags, let permissions):
                try nothingOrErrno(posix_spawn_file_actions_addopen(&actions, descriptor, path, flags, permissions))
            case .duplicate(let source, let target):
                try nothingOrErrno(posix_spawn_file_actions_adddup2(&actions, source, target))
            }
        }
        if let directory { try nothingOrErrno(cls_spawn_add_chdir(&actions, directory)) }
        if let lowest = closesDescriptorsFrom { try nothingOrErrno(cls_spawn_add_closefrom(&actions, lowest)) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        var flags = CInt(POSIX_SPAWN_SETSIGMASK)
        if resetsSignalHandlers {
            posix_spawnattr_setsigdefault(&attributes, &all)
            flags |= CInt(POSIX_SPAWN_SETSIGDEF)
        }
        if startsNewSession { flags |= cls_spawn_setsid_flag() }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawn = searchesPath ? posix_spawnp : posix_spawn
        try nothingOrErrno(spawn(&pid, path, &actions, &attributes, &argv, cls_environment()))
        return pid
    }
}
