import Foundation
import PSRuntime

/// The session's event manager (PowerShell's PSLocalEventManager): the queue of events nobody's
/// action handled (Get-Event's list) and the subscribers (Get-EventSubscriber's). hvsh raises events
/// only from New-Event: .NET objects' own events never fire here, but a subscription to one
/// (Register-ObjectEvent) is recorded and checked against the events the object's type declares.
/// An event whose subscriber has an action runs the action at once, in place of queueing the event.
final class EventManager {
    private(set) var queue: [EventRecord] = []
    private(set) var subscribers: [EventSubscription] = []
    private var nextEventId = 1
    private var nextSubscriptionId = 1

    static func of(_ session: ShellSession) -> EventManager {
        if let made = try? session.services.service(EventManager.self) { return made }
        let made = EventManager()
        session.services.provide(EventManager.self) { made }
        return made
    }

    /// Raises an event (New-Event): subscribers with an action run it, otherwise it is queued.
    func generate(sourceIdentifier: String, sender: PSValue, arguments: [PSValue], messageData: PSValue,
                  session: ShellSession) -> EventRecord {
        let event = EventRecord(id: nextEventId, sourceIdentifier: sourceIdentifier, sender: sender, arguments: arguments,
                                messageData: messageData, runspaceId: session.runspaceInstanceId)
        nextEventId += 1
        var captured = false
        var spent: [EventSubscription] = []
        for subscriber in subscribers where subscriber.sourceIdentifier.lowercased() == sourceIdentifier.lowercased() {
            // A -MaxTriggerCount subscription ends once it has seen that many events.
            if subscriber.remainingTriggers > 0 {
                subscriber.remainingTriggers -= 1
                if subscriber.remainingTriggers == 0 { spent.append(subscriber) }
            }
            if let job = subscriber.job {
                captured = true
                job.runAction(subscriber: subscriber, event: event, session: session)
            }
        }
        if !captured { queue.append(event) }
        for subscriber in spent { unsubscribe(subscriber, session: session) }
        return event
    }

    func removeEvent(_ event: EventRecord) { queue.removeAll { $0 === event } }

    func subscribe(_ subscriber: EventSubscription, session: ShellSession) {
        subscriber.id = nextSubscriptionId
        nextSubscriptionId += 1
        subscribers.append(subscriber)
        // An action's job is listed by Get-Job, unless the subscription is a support event.
        if let job = subscriber.job, !subscriber.supportEvent { JobRepository.of(session).add(job.job) }
    }

    /// Unregister-Event: the subscription goes and its action's job stops (it stays in Get-Job's list).
    func unsubscribe(_ subscriber: EventSubscription, session: ShellSession) {
        subscribers.removeAll { $0 === subscriber }
        if let job = subscriber.job {
            job.job.state = "Stopped"
            job.job.endTime = PSDateTime.now()
        }
    }

    /// The events a .NET object's type declares, for the types hvsh makes whose events scripts
    /// subscribe to; nil when the object declares none hvsh knows.
    static func eventNames(of source: PSValue) -> [String] {
        var names: [String] = []
        if case .object(let o) = source.unwrapped { names = o.typeNames } else { names = [source.typeFullName] }
        var events: [String] = []
        for name in names {
            switch name {
            case _ where name.hasPrefix("System.Collections.ObjectModel.ObservableCollection`1"):
                events += ["CollectionChanged", "PropertyChanged"]
            case "System.Management.Automation.Job": events += ["StateChanged"]
            case "System.Diagnostics.Process": events += ["OutputDataReceived", "ErrorDataReceived", "Exited", "Disposed"]
            case "System.Timers.Timer": events += ["Elapsed", "Disposed"]
            case "System.IO.FileSystemWatcher": events += ["Changed", "Created", "Deleted", "Error", "Renamed", "Disposed"]
            default: break
            }
        }
        return events
    }
}

/// One event (System.Management.Automation.PSEventArgs).
final class EventRecord {
    let id: Int
    let sourceIdentifier: String
    let sender: PSValue
    let arguments: [PSValue]
    let messageData: PSValue
    let runspaceId: UUID
    let timeGenerated = PSDateTime.now()
    private weak var face: PSObject?

    init(id: Int, sourceIdentifier: String, sender: PSValue, arguments: [PSValue], messageData: PSValue, runspaceId: UUID) {
        self.id = id
        self.sourceIdentifier = sourceIdentifier
        self.sender = sender
        self.arguments = arguments
        self.messageData = messageData
        self.runspaceId = runspaceId
    }

    /// SourceEventArgs: the first argument that is an EventArgs, as PowerShell picks it.
    var sourceEventArgs: PSValue {
        for argument in arguments {
            if case .object(let o) = argument.unwrapped, o.typeNames.contains("System.EventArgs") { return argument }
        }
        return .null
    }

    var object: PSObject {
        if let face { return face }
        let o = PSObject(typeNames: ["System.Management.Automation.PSEventArgs", "System.EventArgs", "System.Object"], baseObject: self)
        let e = self
        o.addProperty("ComputerName") { _ in .null }
        o.addProperty("RunspaceId") { _ in .guid(e.runspaceId) }
        o.addProperty("EventIdentifier") { _ in .int(Int32(e.id)) }
        o.addProperty("Sender") { _ in e.sender }
        o.addProperty("SourceEventArgs") { _ in e.sourceEventArgs }
        o.addProperty("SourceArgs") { _ in .array(PSArray(e.arguments)) }
        o.addProperty("SourceIdentifier") { _ in .string(e.sourceIdentifier) }
        o.addProperty("TimeGenerated") { _ in .dateTime(e.timeGenerated) }
        o.addProperty("MessageData") { _ in e.messageData }
        o.toStringHandler = { _ in "System.Management.Automation.PSEventArgs" }
        face = o
        return o
    }

    static func from(_ value: PSValue) -> EventRecord? {
        if case .object(let o) = value.unwrapped { return o.baseObject as? EventRecord }
        return nil
    }
}

/// One subscription (System.Management.Automation.PSEventSubscriber).
final class EventSubscription {
    var id = 0
    let sourceObject: PSValue
    let eventName: String?
    let sourceIdentifier: String
    let messageData: PSValue
    let supportEvent: Bool
    let forwardEvent: Bool
    /// Events left before the subscription ends itself (-MaxTriggerCount); 0 is no limit.
    var remainingTriggers: Int
    var job: EventActionJob?
    private weak var face: PSObject?

    init(sourceObject: PSValue, eventName: String?, sourceIdentifier: String, messageData: PSValue,
         supportEvent: Bool, forwardEvent: Bool, maxTriggerCount: Int) {
        self.sourceObject = sourceObject
        self.eventName = eventName
        self.sourceIdentifier = sourceIdentifier
        self.messageData = messageData
        self.supportEvent = supportEvent
        self.forwardEvent = forwardEvent
        remainingTriggers = max(0, maxTriggerCount)
    }

    var object: PSObject {
        if let face { return face }
        let o = PSObject(typeNames: ["System.Management.Automation.PSEventSubscriber", "System.Object"], baseObject: self)
        let s = self
        o.addProperty("SubscriptionId") { _ in .int(Int32(s.id)) }
        o.addProperty("SourceObject") { _ in s.sourceObject }
        o.addProperty("EventName") { _ in s.eventName.map { .string($0) } ?? .null }
        o.addProperty("SourceIdentifier") { _ in .string(s.sourceIdentifier) }
        o.addProperty("Action") { _ in s.job.map { .object($0.job.object) } ?? .null }
        o.addProperty("HandlerDelegate") { _ in .null }
        o.addProperty("SupportEvent") { _ in .bool(s.supportEvent) }
        o.addProperty("ForwardEvent") { _ in .bool(s.forwardEvent) }
        o.toStringHandler = { _ in "System.Management.Automation.PSEventSubscriber" }
        face = o
        return o
    }

    static func from(_ value: PSValue) -> EventSubscription? {
        if case .object(let o) = value.unwrapped { return o.baseObject as? EventSubscription }
        return nil
    }
}

/// A subscription's -Action (System.Management.Automation.PSEventJob): a job named for the source
/// identifier, NotStarted until its first event, Running after; what the action writes is the job's
/// output (Receive-Job).
final class EventActionJob {
    let job: PSJob
    let action: PSScriptBlock

    init(action: PSScriptBlock, name: String, session: ShellSession) {
        self.action = action
        job = PSJob(id: JobRepository.of(session).takeId(), name: name, typeName: "System.Management.Automation.PSEventJob",
                    jobTypeName: "", command: action.text, location: "")
    }

    /// Runs the action for one event with `$Event`, `$EventSubscriber`, `$Sender` and `$EventArgs`
    /// set and the event's SourceArgs as `$args`. A failure fails the job and lands in its errors.
    func runAction(subscriber: EventSubscription, event: EventRecord, session: ShellSession) {
        if job.state == "Stopped" || job.state == "Failed" || job.state == "Completed" { return }
        job.state = "Running"
        if job.beginTime == nil { job.beginTime = PSDateTime.now() }
        let variables: [(String, PSValue)] = [("EventSubscriber", .object(subscriber.object)), ("Event", .object(event.object)),
                                              ("Sender", event.sender), ("EventArgs", event.sourceEventArgs)]
        do {
            let output = try session.invokeEventAction(action, variables: variables, arguments: event.arguments)
            job.results += output.map { .output($0) }
        } catch let e as PSRuntimeError {
            job.results.append(.error(e.record))
            job.state = "Failed"
            job.reason = .object(ErrorRecordObjects.wrap(e.record.exception))
        } catch {
            job.state = "Failed"
        }
    }
}
