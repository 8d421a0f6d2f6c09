import Foundation
import PSRuntime

/// The session's jobs (Get-Job's list): Start-Job's and ForEach-Object -Parallel -AsJob's. hvsh runs
/// no pipeline in the background: a job's work runs, to its end, the first time something needs its
/// outcome (Wait-Job, Receive-Job, the job's State, HasMoreData or streams), so a script that starts
/// a long job and goes on is not held up; what it wrote waits in the job (its results, in the order
/// written) until Receive-Job takes it. A job removed before anything waited on it never runs.
final class JobRepository {
    private(set) var jobs: [PSJob] = []
    private var nextId = 1

    func takeId() -> Int {
        defer { nextId += 1 }
        return nextId
    }

    func add(_ job: PSJob) { jobs.append(job) }
    func remove(_ job: PSJob) { jobs.removeAll { $0 === job } }

    /// The repository of `session`, made on first use.
    static func of(_ session: ShellSession) -> JobRepository {
        if let made = try? session.services.service(JobRepository.self) { return made }
        let made = JobRepository()
        session.services.provide(JobRepository.self) { made }
        return made
    }
}

/// One job: a parent (what Start-Job and -AsJob return) whose child jobs did the work, or a child.
final class PSJob {
    static let stateType = PSEnumType(fullName: "System.Management.Automation.JobState",
                                      names: ["NotStarted", "Running", "Completed", "Failed", "Stopped", "Blocked",
                                              "Suspended", "Disconnected", "Suspending", "Stopping", "AtBreakpoint"])
    let id: Int
    var name: String
    let instanceId = UUID()
    let typeName: String
    let jobTypeName: String
    let command: String
    let location: String
    var state = "NotStarted"
    /// The exception that failed it (JobStateInfo.Reason).
    var reason: PSValue = .null
    var children: [PSJob] = []
    /// What the job's own work wrote, in order, not yet received.
    var results: [ParallelTasks.Event] = []
    var beginTime: PSDateTime?
    var endTime: PSDateTime?
    var allocatedRunspaceCount = 0
    private weak var face: PSObject?
    /// The work not yet run (see `JobRepository`).
    var pending: (() throws -> Void)?

    /// Runs the pending work of this job (and, for a parent, its children's) now.
    func settle() {
        guard let work = pending else { return }
        pending = nil
        do { try work() } catch let e as PSRuntimeError {
            state = "Failed"
            reason = .object(ErrorRecordObjects.wrap(e.record.exception))
        } catch {
            state = "Failed"
        }
    }

    init(id: Int, name: String?, typeName: String, jobTypeName: String, command: String, location: String) {
        self.id = id
        self.name = name ?? "Job\(id)"
        self.typeName = typeName
        self.jobTypeName = jobTypeName
        self.command = command
        self.location = location
    }

    var hasMoreData: Bool { !results.isEmpty || children.contains { $0.hasMoreData } }

    /// A parent's state once its children ran: Failed if any failed, else Completed.
    func finishFromChildren() {
        state = children.contains { $0.state == "Failed" } ? "Failed" : (children.contains { $0.state == "Stopped" } ? "Stopped" : "Completed")
        if let failed = children.first(where: { $0.state == "Failed" }) { reason = failed.reason }
        endTime = children.compactMap(\.endTime).max() ?? PSDateTime.now()
    }

    /// Runs `work` as this (child) job's work: its records become the job's results, a terminating
    /// error (a PSTaskException record) fails it.
    func run(_ work: (@escaping (ParallelTasks.Event) throws -> Void) throws -> Void) rethrows {
        state = "Running"
        beginTime = PSDateTime.now()
        var failure: ErrorRecord?
        try work { [unowned self] event in
            if case .error(let record) = event, record.fullyQualifiedErrorId == "PSTaskException" { failure = record }
            self.results.append(event)
        }
        endTime = PSDateTime.now()
        if let failure {
            state = "Failed"
            reason = .object(ErrorRecordObjects.wrap(failure.exception))
        } else {
            state = "Completed"
        }
    }

    /// Takes (or, with `keep`, copies) the results of this job and its children, children first for
    /// a parent (its children did the work).
    func receive(keep: Bool) -> [ParallelTasks.Event] {
        settle()
        var all: [ParallelTasks.Event] = []
        for child in children { all += child.receive(keep: keep) }
        all += results
        if !keep { results.removeAll() }
        return all
    }

    /// The events of one stream, for the Output/Error/... collections.
    private func stream(_ pick: (ParallelTasks.Event) -> PSValue?) -> PSValue {
        settle()
        var values: [PSValue] = []
        for child in children { if case .array(let a) = child.stream(pick) { values += a.elements } }
        values += results.compactMap(pick)
        return .array(PSArray(values, kind: .arrayList))
    }

    var object: PSObject {
        if let face { return face }
        let made = makeObject()
        face = made
        return made
    }

    private func makeObject() -> PSObject {
        let o = PSObject(typeNames: [typeName, "System.Management.Automation.Job", "System.Object"], baseObject: self)
        let job = self
        o.addProperty("Id") { _ in .int(Int32(job.id)) }
        o.addProperty("Name", get: { _ in .string(job.name) }, set: { _, v in job.name = PSConvert.toString(v) })
        o.addProperty("InstanceId") { _ in .guid(job.instanceId) }
        o.addProperty("PSJobTypeName") { _ in .string(job.jobTypeName) }
        o.addProperty("State") { _ in job.settle(); return .enumValue(PSJob.stateType.value(named: job.state)!) }
        o.addProperty("JobStateInfo") { _ in
            job.settle()
            let info = PSObject(typeNames: ["System.Management.Automation.JobStateInfo", "System.Object"])
            info.addNote("State", .enumValue(PSJob.stateType.value(named: job.state)!))
            info.addNote("Reason", job.reason)
            let state = job.state
            info.toStringHandler = { _ in state }
            return .object(info)
        }
        o.addProperty("HasMoreData") { _ in job.settle(); return .bool(job.hasMoreData) }
        o.addProperty("Location") { _ in .string(job.location) }
        o.addProperty("Command") { _ in .string(job.command) }
        o.addProperty("StatusMessage") { _ in .string("") }
        o.addProperty("ChildJobs") { _ in .array(PSArray(job.children.map { .object($0.object) }, kind: .arrayList)) }
        o.addProperty("PSBeginTime") { _ in job.beginTime.map { .dateTime($0) } ?? .null }
        o.addProperty("PSEndTime") { _ in job.settle(); return job.endTime.map { .dateTime($0) } ?? .null }
        o.addProperty("Output") { _ in job.stream { if case .output(let v) = $0 { return v }; return nil } }
        o.addProperty("Error") { _ in
            job.stream { if case .error(let r) = $0 { return .object(ErrorRecordObjects.wrap(r)) }; return nil }
        }
        o.addProperty("Warning") { _ in job.stream { if case .warning(let t) = $0 { return .string(t) }; return nil } }
        o.addProperty("Verbose") { _ in job.stream { if case .verbose(let t) = $0 { return .string(t) }; return nil } }
        o.addProperty("Debug") { _ in job.stream { if case .debug(let t) = $0 { return .string(t) }; return nil } }
        o.addProperty("Information") { _ in job.stream { if case .information(let v) = $0 { return v }; return nil } }
        if jobTypeName == "PSTaskJob" {
            o.addProperty("AllocatedRunspaceCount") { _ in job.settle(); return .int(Int32(job.allocatedRunspaceCount)) }
        }
        o.toStringHandler = { _ in job.typeName }
        return o
    }

    /// The job a script passed (a job object), or nil.
    static func from(_ value: PSValue) -> PSJob? {
        if case .object(let o) = value.unwrapped { return o.baseObject as? PSJob }
        return nil
    }
}

extension CmdletContext {
    /// Re-writes a job's results through this command's streams (Receive-Job).
    func replay(_ events: [ParallelTasks.Event]) throws {
        for event in events {
            switch event {
            case .output(let value): try writeObject(value)
            case .error(let record): try writeError(record)
            case .warning(let text): try writeWarning(text)
            case .verbose(let text): try writeVerbose(text)
            case .debug(let text): try writeDebug(text)
            case .information(let value): try writeInformation(value)
            }
        }
    }
}
