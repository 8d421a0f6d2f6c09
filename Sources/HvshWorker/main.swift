// hvsh-worker: runs one VM. Usage: hvsh-worker <runtime-directory> [--foreground]
// Started detached by the shell (see VMWorker.launch); reads <runtime-directory>/vm.conf.
#if canImport(Glibc)
import Glibc
#endif
import VMM

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    fputs("usage: hvsh-worker <runtime-directory> [--foreground]\n", fdopen(2, "w"))
    exit(2)
}
let foreground = arguments.contains("--foreground")

// Leave the launcher at once: the worker's first process exits and the VM runs in a grandchild that the
// launcher never has to reap. Done before any thread exists, so fork is safe.
if !foreground {
    let child = fork()
    if child < 0 { perror("fork"); exit(1) }
    if child > 0 { _exit(0) }
    setsid()
}
signal(SIGPIPE, SIG_IGN)

let worker = Worker(directory: RuntimeDirectory(arguments[1]), readyFD: fcntl(3, F_GETFD) >= 0 ? 3 : -1)
exit(worker.run())
