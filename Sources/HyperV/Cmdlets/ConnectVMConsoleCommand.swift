import Foundation
import LinuxSystem
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

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        let vms = try context.targetVMs(host, names: Self.vmName, objects: Self.vm)
        guard vms.count == 1, let vm = vms.first else {
            throw context.terminatingError("Connect-VMConsole connects to one virtual machine at a time; \(vms.count) matched.",
                                           errorId: "InvalidParameter", category: .invalidArgument)
        }
        try context.reporting { try connect(context, host, vm) }
    }

    private func connect(_ context: CmdletContext, _ host: HyperVHost, _ vm: VMConfiguration) throws {
        let console = try host.attachConsole(of: vm)
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
    static func attachTerminal(to console: borrowing FileDescriptor) {
        // Owned copies of standard input and output, so that leaving closes neither.
        guard let input = try? FileDescriptor.duplicating(0), let output = try? FileDescriptor.duplicating(1) else { return }
        var saved = termios()
        let isTerminal = tcgetattr(0, &saved) == 0
        if isTerminal {
            var raw = saved
            cfmakeraw(&raw)
            tcsetattr(0, TCSANOW, &raw)
        }
        defer { if isTerminal { tcsetattr(0, TCSANOW, &saved) } }
        while true {
            var entries = [PollEntry(input, .readable), PollEntry(console, .readable)]
            guard (try? Poll.wait(&entries, timeoutMilliseconds: -1)) != nil else { return }
            if entries[1].isReady {
                guard let bytes = try? console.read(upToCount: 4096), !bytes.isEmpty else { return }
                try? output.writeAll(bytes)
            }
            if entries[0].isReady {
                guard let bytes = try? input.read(upToCount: 4096), !bytes.isEmpty else { return }
                if let stop = bytes.firstIndex(of: detachKey) {
                    try? console.writeAll(bytes[..<stop])
                    return
                }
                try? console.writeAll(bytes)
            }
        }
    }

    /// Types each text, then collects the guest's output until it has been quiet for `quietMilliseconds`
    /// (at most 30 s), and writes it as lines.
    static func type(_ texts: [String], into console: borrowing FileDescriptor, quietMilliseconds: Int32,
                     context: CmdletContext) throws {
        for text in texts { try? console.writeAll(Array(text.utf8)) }
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if context.session.stopFlag.isSet { break }
            var entries = [PollEntry(console, .readable)]
            guard let ready = try? Poll.wait(&entries, timeoutMilliseconds: max(1, quietMilliseconds)), ready > 0 else { break }
            guard let bytes = try? console.read(upToCount: 4096), !bytes.isEmpty else { break }
            received += bytes
        }
        var lines = String(decoding: received, as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        if lines.last == "" { lines.removeLast() }
        for line in lines { try context.writeObject(.string(String(line))) }
    }
}
