// hvsh-worker: runs one VM. Usage: hvsh-worker <runtime-directory> [--foreground]
// Started detached by the shell (see VMWorker.launch); reads <runtime-directory>/vm.conf.
import Glibc
import LinuxSystem
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
    do {
        if try Processes.fork() > 0 { _exit(0) }
        _ = try? Processes.startSession()
    } catch {
        fputs("hvsh-worker: fork: \(error)\n", fdopen(2, "w"))
        exit(1)
    }
}
Signals.ignore(SIGPIPE)

// The launcher's ready pipe arrives as descriptor 3 and the runtime directory's lock as 4 (both absent when
// the worker is run by hand).
let worker = Worker(directory: RuntimeDirectory(arguments[1]), ready: FileDescriptor.inherited(3),
                    lock: FileDescriptor.inherited(4))
exit(worker.run())
