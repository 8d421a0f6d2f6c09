// Stop-Process: ends processes by id, by name or as Get-Process objects, as .NET's Process.Kill does
// on Unix (SIGKILL).

import Foundation
import LinuxSystem
import PSRuntime

final class StopProcessCommand: Cmdlet {
    static let id = Parameter<[Int32]>("Id", position: 0, mandatory: true, valueFromPipelineByPropertyName: true, sets: ["Id"])
    static let name = Parameter<[String]>("Name", aliases: ["ProcessName"], mandatory: true, valueFromPipelineByPropertyName: true,
                                          sets: ["Name"])
    static let inputObject = Parameter<[PSValue]>("InputObject", position: 0, mandatory: true, valueFromPipeline: true,
                                                  sets: ["InputObject"])
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let force = Parameter<SwitchParameter>("Force")
    static let declaration = CmdletDeclaration("Stop-Process", parameters: [id, name, inputObject, passThru, force], defaultParameterSet: "Id",
                                               supportsShouldProcess: true, synopsis: "Stops running processes.",
       description: "Ends each process named by -Id, -Name (wildcards) or piped from Get-Process, with SIGKILL as .NET's Process.Kill; -PassThru writes the stopped process. A process that does not exist is an error naming it.")

    func process(_ context: CmdletContext) throws {
        if let objects = context[Self.inputObject] {
            for o in objects {
                let pid = (try? PSConvert.toInt32(PropertyAccess.value(o, "Id") ?? .null)) ?? -1
                try stop(pid, o, context)
            }
            return
        }
        if let ids = context[Self.id] {
            for pid in ids {
                guard let p = GetProcessCommand.read(pid) else {
                    try context.writeError(ErrorRecord(message: "Cannot find a process with the process identifier \(pid).",
                                                       errorId: context.qualifiedErrorId("NoProcessFoundForGivenId"),
                                                       category: .objectNotFound, target: .int(pid),
                                                       exceptionType: "Microsoft.PowerShell.Commands.ProcessCommandException"))
                    continue
                }
                try stop(pid, p, context)
            }
            return
        }
        let pids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }.sorted()
        let all = pids.compactMap { pid in GetProcessCommand.read(pid).map { (pid, $0) } }
        for n in context[Self.name] ?? [] {
            let pattern = WildcardPattern(n)
            let hits = all.filter { pattern.matches(PSConvert.toString(PropertyAccess.value($0.1, "ProcessName") ?? .null)) }
            if hits.isEmpty && !WildcardPattern.containsWildcard(n) {
                try context.writeError(ErrorRecord(message: "Cannot find a process with the name \"\(n)\". Verify the process name and call the cmdlet again.",
                                                   errorId: context.qualifiedErrorId("NoProcessFoundForGivenName"),
                                                   category: .objectNotFound, target: .string(n),
                                                   exceptionType: "Microsoft.PowerShell.Commands.ProcessCommandException"))
            }
            for (pid, p) in hits { try stop(pid, p, context) }
        }
    }

    private func stop(_ pid: Int32, _ process: PSValue, _ context: CmdletContext) throws {
        let name = PSConvert.toString(PropertyAccess.value(process, "ProcessName") ?? .null)
        guard try context.shouldProcess(target: "\(name) (\(pid))") else { return }
        do throws(Errno) {
            try Processes.signal(pid, SIGKILL)
        } catch .noSuchProcess {
            // Already gone: nothing to stop, as .NET's Kill of an exited process.
        } catch {
            try context.writeError(ErrorRecord(message: "Cannot stop process \"\(name) (\(pid))\" because of the following error: \(error == .notPermitted ? "Operation not permitted" : "\(error)")",
                                               errorId: context.qualifiedErrorId("CouldNotStopProcess"),
                                               category: .closeError, target: process,
                                               exceptionType: "Microsoft.PowerShell.Commands.ProcessCommandException"))
            return
        }
        if context[Self.passThru] { try context.writeObject(process) }
    }
}
