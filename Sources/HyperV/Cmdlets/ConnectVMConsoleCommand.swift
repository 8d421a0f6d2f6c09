import Foundation
import PSRuntime

/// hvsh extension (Hyper-V opens a console window instead; this is `virsh console`): joins this
/// terminal to a running VM's serial console. Keys go to the guest and its output comes back until
/// Ctrl+] detaches or the VM stops. Given -Keys, or run without a terminal, it types the keys (or
/// standard input), each line ended by Enter, and writes what the guest answers as lines once the
/// guest has been quiet for -QuietMilliseconds.
final class ConnectVMConsoleCommand: Cmdlet {
    static let vmName = Parameter<[String]>("VMName", type: .string, aliases: ["Name"], position: 0, mandatory: true, sets: ["VMName"])
    static let vm = Parameter<[PSValue]>("VM", type: .named(HyperVCmdlet.vmType), position: 0, mandatory: true, valueFromPipeline: true,
                                         sets: ["VMObject"])
    static let keys = Parameter<[String]>("Keys")
    static let quietMilliseconds = Parameter<Int32>("QuietMilliseconds")
    static let declaration = CmdletDeclaration("Connect-VMConsole", parameters: [vmName, vm, keys, quietMilliseconds],
        defaultParameterSet: "VMName", outputTypes: ["System.String"],
        synopsis: "hvsh extension: attaches the terminal to a virtual machine's serial console (Ctrl+] detaches).")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        let vms = try context.targetVMs(host, names: Self.vmName, objects: Self.vm)
        guard vms.count == 1, let vm = vms.first else {
            throw context.terminatingError("Connect-VMConsole connects to one virtual machine at a time; \(vms.count) matched.",
                                           errorId: "InvalidParameter", category: .invalidArgument)
        }
        try context.reportingFailures { try connect(context, host, vm) }
    }

    private func connect(_ context: CmdletContext, _ host: HyperVHost, _ vm: VMConfiguration) throws {
        let console = try host.attachConsole(of: vm)
        defer { close(console) }
        let quiet = context[Self.quietMilliseconds] ?? 500
        if let keys = context[Self.keys] {
            try ConsoleBridge.type(keys.map { $0 + "\r" }, into: console, quietMilliseconds: quiet, context: context)
        } else if isatty(0) == 1 && context.session.host.isInteractive {
            context.session.host.write("Connected to the console of '\(vm.name)'. Press Ctrl+] to detach.\r\n", stream: .output)
            ConsoleBridge.attachTerminal(to: console)
            context.session.host.write("\r\nDetached from the console of '\(vm.name)'.\n", stream: .output)
        } else {
            let input = FileHandle.standardInput.readDataToEndOfFile()
            let lines = String(decoding: input, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            try ConsoleBridge.type(lines.dropLast(lines.last == "" ? 1 : 0).map { $0 + "\r" }, into: console,
                                   quietMilliseconds: quiet, context: context)
        }
    }
}

/// The byte pumps behind Connect-VMConsole.
enum ConsoleBridge {
    static let detachKey: UInt8 = 0x1d  // Ctrl+]

    /// Raw terminal <-> console until Ctrl+] or the console closes; the terminal's mode is restored.
    static func attachTerminal(to console: CInt) {
        var saved = termios()
        let isTerminal = tcgetattr(0, &saved) == 0
        if isTerminal {
            var raw = saved
            cfmakeraw(&raw)
            tcsetattr(0, TCSANOW, &raw)
        }
        defer { if isTerminal { tcsetattr(0, TCSANOW, &saved) } }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: console, events: Int16(POLLIN), revents: 0)]
            if poll(&fds, 2, -1) < 0 {
                if errno == EINTR { continue }
                return
            }
            if fds[1].revents != 0 {
                let count = read(console, &buffer, buffer.count)
                if count <= 0 { return }
                writeAll(1, buffer[0..<count])
            }
            if fds[0].revents != 0 {
                let count = read(0, &buffer, buffer.count)
                if count <= 0 { return }
                if let stop = buffer[0..<count].firstIndex(of: detachKey) {
                    writeAll(console, buffer[0..<stop])
                    return
                }
                writeAll(console, buffer[0..<count])
            }
        }
    }

    /// Types each text, then collects the guest's output until it has been quiet for `quietMilliseconds`
    /// (at most 30 s), and writes it as lines.
    static func type(_ texts: [String], into console: CInt, quietMilliseconds: Int32, context: CmdletContext) throws {
        for text in texts { writeAll(console, Array(text.utf8)[...]) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if context.session.stopFlag.isSet { break }
            var entry = pollfd(fd: console, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, max(1, quietMilliseconds))
            if ready == 0 { break }
            if ready < 0 { if errno == EINTR { continue } else { break } }
            let count = read(console, &buffer, buffer.count)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        var lines = String(decoding: received, as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        if lines.last == "" { lines.removeLast() }
        for line in lines { try context.writeObject(.string(String(line))) }
    }

    private static func writeAll(_ fd: CInt, _ bytes: ArraySlice<UInt8>) {
        var rest = bytes
        while !rest.isEmpty {
            let written = rest.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 { if errno == EINTR { continue } else { return } }
            rest = rest.dropFirst(written)
        }
    }
}
