import LinuxSystem

extension NetworkNamespace {
    /// Runs `body` on a new thread that first enters a fresh network namespace (with `lo` up), and waits for
    /// it. The namespace disappears with its last user once the thread ends, so nothing outlives the call
    /// except what `body` deliberately hands out. The calling thread never changes namespace.
    public static func runIsolated<T: Sendable>(
        bringLoopbackUp: Bool = true, _ body: @escaping @Sendable () throws -> T
    ) throws -> T {
        // Swift frames in tests can be deep; give the thread the same 8 MiB a main thread gets.
        try SystemThread.run(stackSize: 8 << 20) {
            do throws(Errno) {
                try NetworkNamespace.unshareCurrentThread()
            } catch {
                throw NetlinkError(errno: error, operation: "creating a network namespace")
            }
            if bringLoopbackUp {
                let session = try RouteNetlinkSession()
                try session.linkSetUp(index: 1, true)
            }
            return try body()
        }
    }
}
