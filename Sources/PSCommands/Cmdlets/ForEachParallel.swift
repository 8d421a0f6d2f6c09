import PSRuntime

/// ForEach-Object -Parallel: the checks PowerShell makes before any task runs (common parameters
/// it does not support, `$using:` values, -AsJob with -TimeoutSeconds), then one task per input
/// object whose output and records come back through this command's own streams, so -ErrorVariable,
/// `2>&1` and the preferences apply to them as to any cmdlet's.
final class ForEachParallel {
    static let parameterSet = "ParallelParameterSet"
    private let tasks: ParallelTasks

    init(_ context: CmdletContext, block: PSScriptBlock, timeoutSeconds: Int, asJob: Bool, timeoutGiven: Bool) throws {
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
            // hvsh has no job repository for a task job to join.
            throw context.terminatingError("ForEach-Object -Parallel -AsJob is not supported: hvsh has no background jobs.",
                                           errorId: "ParallelAsJobNotSupported", category: .notImplemented,
                                           exceptionType: "System.Management.Automation.PSNotSupportedException")
        }
    }

    func process(_ item: PSValue, _ context: CmdletContext) throws {
        if case .scriptBlock = item.unwrapped {
            try context.writeError(ErrorRecord(
                message: "A ForEach-Object -Parallel piped input object cannot be a script block. Passed-in script block variables are not supported with ForEach-Object -Parallel, and can result in undefined behavior.",
                errorId: context.qualifiedErrorId("ParallelPipedInputObjectCannotBeScriptBlock"), category: .invalidType,
                exceptionType: "System.Management.Automation.PSArgumentException"))
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
