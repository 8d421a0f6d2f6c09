import Foundation
import Inventory
import PSRuntime

private let lifecycleSets: [any ParameterKey] = [
    HyperVParameters.name, HyperVParameters.vm, HyperVParameters.asJob, HyperVParameters.passthru,
] + HyperVParameters.remoting

/// Runs one lifecycle operation per target VM, with ShouldProcess, errors and -Passthru.
private func eachVM(_ context: CmdletContext, _ body: (HyperVHost, VMConfiguration) throws -> Void) throws {
    let host = try context.service(HyperVHost.self)
    try context.forEachConfirmedVM(host, names: HyperVParameters.name) { vm in
        try body(host, vm)
        if context[HyperVParameters.passthru], let fresh = try host.vm(id: vm.id) { try context.writeObject(HyperVObjects.vm(fresh, host)) }
    }
}

final class StartVMCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Start-VM", parameters: lifecycleSets, defaultParameterSet: "Name",
        supportsShouldProcess: true, outputTypes: [HyperVCmdlet.vmType], synopsis: "Starts virtual machines (each in its own hvsh-worker process).")
    func process(_ context: CmdletContext) throws {
        try eachVM(context) { host, vm in try host.start(vm) { try context.writeWarning($0) } }
    }
}

final class StopVMCommand: Cmdlet {
    static let save = Parameter<SwitchParameter>("Save")
    static let turnOff = Parameter<SwitchParameter>("TurnOff")
    static let declaration = CmdletDeclaration("Stop-VM", parameters: lifecycleSets + [
        save, turnOff, HyperVParameters.force,
    ], defaultParameterSet: "Name", supportsShouldProcess: true, outputTypes: [HyperVCmdlet.vmType],
       synopsis: "Shuts down, turns off or saves virtual machines.")
    func process(_ context: CmdletContext) throws {
        let mode: HyperVHost.StopMode = context[Self.save] ? .save : context[Self.turnOff] ? .turnOff : .shutDown
        let force = context[HyperVParameters.force]
        try eachVM(context) { host, vm in
            try host.stop(vm, mode: mode) { reason in
                force || context.host.confirm(caption: "Stop-VM", message: "The virtual machine '\(vm.name)' did not shut down. \(reason) Turn it off instead?")
            }
        }
    }
}

final class SaveVMCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Save-VM", parameters: lifecycleSets, defaultParameterSet: "Name",
        supportsShouldProcess: true, outputTypes: [HyperVCmdlet.vmType], synopsis: "Saves the state of virtual machines and stops them.")
    func process(_ context: CmdletContext) throws { try eachVM(context) { host, vm in try host.stop(vm, mode: .save) { _ in false } } }
}

final class SuspendVMCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Suspend-VM", parameters: lifecycleSets, defaultParameterSet: "Name",
        supportsShouldProcess: true, outputTypes: [HyperVCmdlet.vmType], synopsis: "Pauses virtual machines.")
    func process(_ context: CmdletContext) throws { try eachVM(context) { host, vm in try host.setPaused(vm, true) } }
}

final class ResumeVMCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Resume-VM", parameters: lifecycleSets, defaultParameterSet: "Name",
        supportsShouldProcess: true, outputTypes: [HyperVCmdlet.vmType], synopsis: "Resumes paused virtual machines.")
    func process(_ context: CmdletContext) throws { try eachVM(context) { host, vm in try host.setPaused(vm, false) } }
}

/// Restart-VM: a reset (turn off, start again). Hyper-V asks before it (the guest loses what it
/// had not saved) unless -Force is given; a VM that is not running gets its state error first.
final class RestartVMCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Restart-VM", parameters: lifecycleSets + [HyperVParameters.force],
        defaultParameterSet: "Name", supportsShouldProcess: true, confirmImpact: .medium, outputTypes: [HyperVCmdlet.vmType],
        synopsis: "Resets virtual machines (turn off and start again); -Force skips the question.")
    func process(_ context: CmdletContext) throws {
        let force = context[HyperVParameters.force]
        try eachVM(context) { host, vm in
            let state = host.status(of: vm).state
            guard state == .Running || state == .Paused else { throw HyperVHost.wrongState(vm, "restart", state) }
            guard force || context.host.confirm(caption: "Restart-VM",
                message: "Restarting virtual machine '\(vm.name)' resets it: anything its guest has not saved is lost. Continue?") else { return }
            try host.restart(vm) { try context.writeWarning($0) }
        }
    }
}

/// hvsh extension (Hyper-V has no such cmdlet; its console is a window): the text a VM has
/// written to its serial console, like `virsh console` without attaching. `-Tail n` keeps the last
/// n lines. The output is one string per line.
final class GetVMConsoleCommand: Cmdlet {
    static let vmName = Parameter<[String]>("VMName", aliases: ["Name"], position: 0, mandatory: true, valueFromPipeline: true,
                                            sets: ["VMName"])
    static let tail = Parameter<Int>("Tail")
    static let declaration = CmdletDeclaration("Get-VMConsole", parameters: [vmName, HyperVParameters.vm, tail],
        defaultParameterSet: "VMName", outputTypes: ["System.String"],
        synopsis: "hvsh extension: shows what a virtual machine wrote to its serial console.")
    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        for vm in try context.targetVMs(host, names: Self.vmName) {
            try context.reporting {
                // Guests end lines with CR LF (one Character in Swift), some with LF alone.
                var lines = try host.consoleLog(of: vm).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
                if lines.last == "" { lines.removeLast() }
                if let tail = context[Self.tail] { lines = Array(lines.suffix(max(0, tail))) }
                for line in lines { try context.writeObject(.string(line)) }
            }
        }
    }
}
