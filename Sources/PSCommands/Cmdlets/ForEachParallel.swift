import PSRuntime

/// ForEach-Object -Parallel: the checks PowerShell makes before any task runs (common parameters
/// it does not support, `$using:` values, -AsJob with -TimeoutSeconds), then one task per input
/// object whose output and records come back through this command's own streams, so -ErrorVariable,
/// `2>&1` and the preferences apply to them as to any cmdlet's.
final class ForEachParallel {
    static let parameterSet = "ParallelParameterSet"
    private let tasks: ParallelTasks
    /// With -AsJob: the PSTaskJob each input's child job joins, written at the end.
    private var job: PSJob?
    private let throttleLimit: Int
    private let useNewRunspace: Bool

    init(_ context: CmdletContext, block: PSScriptBlock, timeoutSeconds: Int, asJob: Bool, timeoutGiven: Bool,
         throttleLimit: Int, useNewRunspace: Bool) throws {
        self.throttleLimit = throttleLimit
        self.useNewRunspace = useNewRunspace
        for name in ["ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "PipelineVariable"]
        where context.bound.contains(name) {
            throw context.terminatingError(
                "The following common parameters are not currently supported in the Parallel parameter set:\nErrorAction, WarningAction, InformationAction, PipelineVariable",
                errorId: "ParallelCommonParametersNotSupported", category: .notImplemented,
                exceptionType: "System.Management.Automation.PSNotSupportedException")
        }
        do {
            tasks = try ParallelTasks(parent: context.session, block: block, timeoutSeconds: asJob ? 0 : timeoutSeconds)
        } catch let e as PSRuntimeError {
            let r = e.record
            throw context.terminatingError(r.exception.message, errorId: r.fullyQualifiedErrorId, category: r.category,
                                           target: r.targetObject, exceptionType: r.exception.typeFullName)
        }
        if asJob {
            if timeoutGiven {
                throw context.terminatingError("The 'TimeoutSeconds' parameter cannot be used with the 'AsJob' parameter.",
                                               errorId: "ParallelCannotUseTimeoutWithJob", category: .invalidOperation,
                                               exceptionType: "System.Management.Automation.PSArgumentException")
            }
            let repository = JobRepository.of(context.session)
            let parent = PSJob(id: repository.takeId(), name: nil, typeName: "System.Management.Automation.PSTasks.PSTaskJob",
                               jobTypeName: "PSTaskJob", command: block.text, location: "PowerShell")
            parent.beginTime = PSDateTime.now()
            repository.add(parent)
            job = parent
        }
    }

    /// With -AsJob, the job (now finished) goes out when the input has.
    func end(_ context: CmdletContext) throws {
        guard let job else { return }
        job.allocatedRunspaceCount = useNewRunspace ? job.children.count : min(throttleLimit, job.children.count)
        // The children run, in turn, when something first needs the job's outcome (see JobRepository).
        let works = self.works
        job.pending = { [unowned job] in
            for work in works { try work() }
            job.finishFromChildren()
        }
        try context.writeObject(.object(job.object))
    }

    /// Each child job's work, in input order.
    private var works: [() throws -> Void] = []

    func process(_ item: PSValue, _ context: CmdletContext) throws {
        if case .scriptBlock = item.unwrapped {
            try context.writeError(ErrorRecord(
                message: "A ForEach-Object -Parallel piped input object cannot be a script block. Passed-in script block variables are not supported with ForEach-Object -Parallel, and can result in undefined behavior.",
                errorId: context.qualifiedErrorId("ParallelPipedInputObjectCannotBeScriptBlock"), category: .invalidType,
                exceptionType: "System.Management.Automation.PSArgumentException"))
            return
        }
        if let job {
            let repository = JobRepository.of(context.session)
            let child = PSJob(id: repository.takeId(), name: nil, typeName: "System.Management.Automation.PSTasks.PSTaskChildJob",
                              jobTypeName: "PSTaskChildJob", command: job.command, location: "PowerShell")
            job.children.append(child)
            let tasks = self.tasks
            works.append { try child.run { deliver in try tasks.run(item, deliver: deliver) } }
            return
        }
        try tasks.run(item) { event in
            switch event {
            case .output(let value): try context.writeObject(value)
            case .error(let record): try context.writeError(record)
            case .warning(let text): try context.writeWarning(text)
            case .verbose(let text): try context.writeVerbose(text)
            case .debug(let text): try context.writeDebug(text)
            case .information(let value): try context.writeInformation(value)
            }
        }
    }
}
