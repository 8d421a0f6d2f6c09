import Foundation
import FuzzHarnesses

// hvsh-fuzz-replay TARGET FILE...: runs each file through the fuzz target's harness, as libFuzzer
// would, in this process of its own (the harnesses set process-wide limits and a scratch inventory).
// Exits 0 when every input ran; a crash shows as the signal that ended the process.
let arguments = CommandLine.arguments.dropFirst()
guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
    FileHandle.standardError.write(Data("usage: hvsh-fuzz-replay TARGET FILE...\ntargets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: " "))\n".utf8))
    exit(2)
}
for path in arguments.dropFirst() {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
        exit(2)
    }
    FileHandle.standardOutput.write(Data("running \(path)\n".utf8))
    target.run(Array(data))
}
exit(0)
