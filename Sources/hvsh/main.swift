import HvshShell
#if canImport(Glibc)
import Glibc
#endif

exit(HvshMain.run(arguments: Array(CommandLine.arguments.dropFirst()), makeEngine: { options in
    RuntimeEngine(options: options, modules: ShellModules.all)
}))
