// bench/guests: what a real guest costs on each engine. Usage (release build, as root):
//     swift run -c release GuestBench make-iso <path>     # the test guest ISO, to boot by hand
import Foundation
import GuestImages

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
let arguments = CommandLine.arguments.dropFirst()

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

switch arguments.first {
case "make-iso":
    guard arguments.count == 2 else { fail("usage: GuestBench make-iso <path>") }
    do {
        let iso = try TestGuestISO.path(repositoryRoot: repositoryRoot)
        let target = arguments[arguments.index(after: arguments.startIndex)]
        try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.copyItem(atPath: iso, toPath: target)
        print(target)
    } catch { fail("\(error)") }
default:
    fail("usage: GuestBench make-iso <path>")
}
