import Foundation
import PSCommands
import PSRuntime

// Usage: RuntimeBench '<script text>'   — runs the text as `hvsh -NoProfile -Command` would and
// prints the script's formatted output; exits with the script's exit code.
let args = CommandLine.arguments
guard args.count == 2 else {
    FileHandle.standardError.write(Data("usage: RuntimeBench '<script>'\n".utf8))
    exit(2)
}
let session = ShellSession(host: StandardHost(), modules: [CoreCommands.module])
let result = session.run(args[1])
exit(result.exitCode)
