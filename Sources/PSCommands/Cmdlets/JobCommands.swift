import Foundation
import PSRuntime

/// The job cmdlets over `JobRepository`: Start-Job, Get-Job, Wait-Job, Receive-Job, Stop-Job and
/// Remove-Job. A job's work has already run when it is listed (see `JobRepository`), so waiting
/// returns at once and stopping finds nothing running.
enum JobSelection {
    static let job = Parameter<[PSValue]>("Job", position: 0, mandatory: true, valueFromPipeline: true, sets: ["Job"])
    static let id = Parameter<[Int]>("Id", position: 0, mandatory: true, sets: ["SessionId"])
    static let name = Parameter<[String]>("Name", position: 0, mandatory: true, sets: ["Name"])
    static let instanceId = Parameter<[PSValue]>("InstanceId", position: 0, mandatory: true, sets: ["InstanceId"])

    /// The jobs the bound -Job, -Id, -Name or -InstanceId select; an -Id or a plain -Name that
    /// matches nothing is PowerShell's non-terminating error.
    static func select(_ context: CmdletContext) throws -> [PSJob] {
        let all = JobRepository.of(context.session).jobs
        if let values = context[job] { return values.compactMap { PSJob.from($0) } }
        if let ids = context[id] {
            var found: [PSJob] = []
            for i in ids {
                if let j = all.first(where: { $0.id == i }) { found.append(j); continue }
                try context.writeError(ErrorRecord(
                    message: "The command cannot find a job with the job ID \(i). Verify the value of the Id parameter and then try the command again.",
                    errorId: context.qualifiedErrorId("JobWithSpecifiedSessionNotFound"), category: .objectNotFound,
                    target: .int(Int32(i)), exceptionType: "System.ArgumentException"))
            }
            return found
        }
        if let names = context[name] {
            var found: [PSJob] = []
            for n in names {
                let pattern = WildcardPattern(n, caseSensitive: false)
                let matched = all.filter { pattern.matches($0.name) }
                if matched.isEmpty && !n.contains(where: { "*?[".contains($0) }) {
                    try context.writeError(ErrorRecord(
                        message: "The command cannot find the job because the job name \(n) was not found. Verify the value of the Name parameter, and then try the command again.",
                        errorId: context.qualifiedErrorId("JobWithSpecifiedNameNotFound"), category: .objectNotFound,
                        target: .string(n), exceptionType: "System.ArgumentException"))
                }
                found += matched.filter { m in !found.contains { $0 === m } }
            }
            return found
        }
        if let guids = context[instanceId] {
            let wanted = Set(guids.map { PSConvert.toString($0).lowercased() })
            return all.filter { wanted.contains($0.instanceId.uuidString.lowercased()) }
        }
        return all
    }
}

/// Start-Job: runs the script block in a session of its own (with `$using:` values, -ArgumentList as
/// `$args`, -InputObject as `$input`) and returns the job holding what it wrote.
final class StartJobCommand: Cmdlet {
    static let scriptBlock = Parameter<PSScriptBlock>("ScriptBlock", aliases: ["Command"], position: 0, mandatory: true)
    static let name = Parameter<String>("Name")
    static let argumentList = Parameter<[PSValue]>("ArgumentList", aliases: ["Args"])
    static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
    static let declaration = CmdletDeclaration(
        "Start-Job", parameters: [scriptBlock, name, argumentList, inputObject],
        outputTypes: ["System.Management.Automation.PSRemotingJob"], synopsis: "Starts a job.",
        description: "Runs a script block as a job in a session of its own ($using: values copied in, -ArgumentList as $args, piped input as $input) and returns the job; hvsh runs the job's work to its end before returning it, and Receive-Job returns what it wrote.")

    private var input: [PSValue] = []

    func process(_ context: CmdletContext) throws {
        if let item = context.currentInput { input.append(item) }
    }

    func end(_ context: CmdletContext) throws {
        guard let block = context[Self.scriptBlock] else { return }
        let repository = JobRepository.of(context.session)
        let tasks: ParallelTasks
        do { tasks = try ParallelTasks(parent: context.session, block: block, timeoutSeconds: 0) } catch let e as PSRuntimeError {
            let r = e.record
            throw context.terminatingError(r.exception.message, errorId: r.fullyQualifiedErrorId, category: r.category,
                                           target: r.targetObject, exceptionType: r.exception.typeFullName)
        }
        let parent = PSJob(id: repository.takeId(), name: context[Self.name], typeName: "System.Management.Automation.PSRemotingJob",
                           jobTypeName: "BackgroundJob", command: block.text, location: "localhost")
        let child = PSJob(id: repository.takeId(), name: "Job\(parent.id + 1)", typeName: "System.Management.Automation.PSRemotingChildJob",
                          jobTypeName: "", command: block.text, location: "localhost")
        parent.children = [child]
        repository.add(parent)
        parent.beginTime = PSDateTime.now()
        let piped = context.expectingInput ? input : nil
        let arguments = context[Self.argumentList] ?? []
        // The work runs when something first needs the job's outcome (see JobRepository).
        parent.pending = { [unowned parent] in
            try child.run { deliver in try tasks.run(dollarUnder: nil, arguments: arguments, input: piped, deliver: deliver) }
            parent.finishFromChildren()
        }
        try context.writeObject(.object(parent.object))
    }
}

final class GetJobCommand: Cmdlet {
    static let id = Parameter<[Int]>("Id", position: 0, sets: ["SessionId"])
    static let state = Parameter<String>("State", sets: ["State"])
    static let declaration = CmdletDeclaration(
        "Get-Job", parameters: [id, JobSelection.name, JobSelection.instanceId, state], defaultParameterSet: "SessionId",
        outputTypes: ["System.Management.Automation.Job"], synopsis: "Gets the jobs of this session.",
        description: "Writes the session's jobs (those Start-Job and ForEach-Object -Parallel -AsJob made and Remove-Job has not removed), all of them or those selected by -Id, -Name (wildcards), -InstanceId or -State.")

    func process(_ context: CmdletContext) throws {
        let all = JobRepository.of(context.session).jobs
        var selected: [PSJob]
        if let ids = context[Self.id] {
            selected = []
            for i in ids {
                if let j = all.first(where: { $0.id == i }) { selected.append(j); continue }
                try context.writeError(ErrorRecord(
                    message: "The command cannot find a job with the job ID \(i). Verify the value of the Id parameter and then try the command again.",
                    errorId: context.qualifiedErrorId("JobWithSpecifiedSessionNotFound"), category: .objectNotFound,
                    target: .int(Int32(i)), exceptionType: "System.ArgumentException"))
            }
        } else {
            selected = try JobSelection.select(context)
        }
        if let state = context[Self.state] { selected = selected.filter { $0.state.lowercased() == state.lowercased() } }
        for job in selected { try context.writeObject(.object(job.object)) }
    }
}

final class WaitJobCommand: Cmdlet {
    static let timeout = Parameter<Int>("Timeout", aliases: ["TimeoutSec"])
    static let any = Parameter<SwitchParameter>("Any")
    static let force = Parameter<SwitchParameter>("Force")
    static let declaration = CmdletDeclaration(
        "Wait-Job", parameters: [JobSelection.job, JobSelection.id, JobSelection.name, JobSelection.instanceId, timeout, any, force],
        defaultParameterSet: "SessionId", outputTypes: ["System.Management.Automation.Job"], synopsis: "Waits for jobs to finish.",
        description: "Writes the jobs once they have finished (hvsh's jobs have finished when they are made).")

    func process(_ context: CmdletContext) throws {
        for job in try JobSelection.select(context) {
            job.settle()
            try context.writeObject(.object(job.object))
        }
    }
}

final class ReceiveJobCommand: Cmdlet {
    static let keep = Parameter<SwitchParameter>("Keep")
    static let wait = Parameter<SwitchParameter>("Wait")
    static let autoRemoveJob = Parameter<SwitchParameter>("AutoRemoveJob")
    static let writeJobInResults = Parameter<SwitchParameter>("WriteJobInResults")
    static let writeEvents = Parameter<SwitchParameter>("WriteEvents")
    static let declaration = CmdletDeclaration(
        "Receive-Job", parameters: [JobSelection.job, JobSelection.id, JobSelection.name, JobSelection.instanceId,
                                    keep, wait, autoRemoveJob, writeJobInResults, writeEvents],
        defaultParameterSet: "Job", synopsis: "Gets what jobs wrote.",
        description: "Writes the output and the error, warning, verbose, debug and information records of the jobs through its own streams, and forgets them unless -Keep is given; -AutoRemoveJob (with -Wait) removes the jobs afterwards.")

    func process(_ context: CmdletContext) throws {
        let repository = JobRepository.of(context.session)
        for job in try JobSelection.select(context) {
            if context[Self.writeJobInResults] { try context.writeObject(.object(job.object)) }
            try context.replay(job.receive(keep: context[Self.keep]))
            if context[Self.autoRemoveJob] && context[Self.wait] { repository.remove(job) }
        }
    }
}

final class StopJobCommand: Cmdlet {
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let declaration = CmdletDeclaration(
        "Stop-Job", parameters: [JobSelection.job, JobSelection.id, JobSelection.name, JobSelection.instanceId, passThru],
        defaultParameterSet: "SessionId", supportsShouldProcess: true, synopsis: "Stops jobs.",
        description: "Stops the jobs that are still running (hvsh's have finished when they are made); -PassThru writes them.")

    func process(_ context: CmdletContext) throws {
        for job in try JobSelection.select(context) {
            // Work that has not run yet never will.
            if job.pending != nil || job.state == "Running" || job.state == "NotStarted" {
                job.pending = nil
                job.state = "Stopped"
                for child in job.children where child.state == "NotStarted" { child.state = "Stopped" }
            }
            if context[Self.passThru] { try context.writeObject(.object(job.object)) }
        }
    }
}

final class RemoveJobCommand: Cmdlet {
    static let force = Parameter<SwitchParameter>("Force")
    static let state = Parameter<String>("State", sets: ["State"])
    static let declaration = CmdletDeclaration(
        "Remove-Job", parameters: [JobSelection.job, JobSelection.id, JobSelection.name, JobSelection.instanceId, force, state],
        defaultParameterSet: "SessionId", supportsShouldProcess: true, synopsis: "Removes jobs.",
        description: "Removes the jobs from the session's list (Get-Job); -State removes those in that state.")

    func process(_ context: CmdletContext) throws {
        let repository = JobRepository.of(context.session)
        var jobs = try JobSelection.select(context)
        if let state = context[Self.state] { jobs = repository.jobs.filter { $0.state.lowercased() == state.lowercased() } }
        for job in jobs where try context.shouldProcess(target: job.name, action: "Remove-Job") { repository.remove(job) }
    }
}
