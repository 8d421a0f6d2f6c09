import HvshShell
#if canImport(Glibc)
import Glibc
#endif

exit(HvshMain.run(arguments: Array(CommandLine.arguments.dropFirst()), makeEngine: { _ in
    fatalError("no engine yet")
}))
