import Foundation
import PSRuntime

/// The event cmdlets over the session's `EventManager`: New-Event, Get-Event, Remove-Event,
/// Wait-Event, Register-EngineEvent, Register-ObjectEvent, Get-EventSubscriber and Unregister-Event,
/// with PowerShell's parameters, sets and errors (EventingStrings).
enum EventErrors {
    /// PowerShell's ArgumentException record for an identifier that matched nothing.
    static func notFound(_ context: CmdletContext, _ message: String, id: String) throws {
        try context.writeError(ErrorRecord(message: message, errorId: context.qualifiedErrorId(id), category: .invalidArgument,
                                           target: .null, exceptionType: "System.ArgumentException"))
    }
}

final class NewEventCommand: Cmdlet {
    static let sourceIdentifier = Parameter<String>("SourceIdentifier", position: 0, mandatory: true)
    static let sender = Parameter<PSValue>("Sender", position: 1)
    static let eventArguments = Parameter<[PSValue]>("EventArguments", position: 2)
    static let messageData = Parameter<PSValue>("MessageData", position: 3)
    static let declaration = CmdletDeclaration(
        "New-Event", parameters: [sourceIdentifier, sender, eventArguments, messageData],
        outputTypes: ["System.Management.Automation.PSEventArgs"], synopsis: "Creates a new event.",
        description: "Raises an event: a subscriber's action for the source identifier runs at once; without one the event joins the queue Get-Event reads. Writes the event.")

    func end(_ context: CmdletContext) throws {
        let events = EventManager.of(context.session)
        let event = events.generate(sourceIdentifier: context[Self.sourceIdentifier] ?? "", sender: context[Self.sender]?.unwrapped ?? .null,
                                    arguments: (context[Self.eventArguments] ?? []).map(\.unwrapped), messageData: context[Self.messageData] ?? .null, session: context.session)
        try context.writeObject(.object(event.object))
    }
}

final class GetEventCommand: Cmdlet {
    static let sourceIdentifier = Parameter<String>("SourceIdentifier", position: 0, valueFromPipelineByPropertyName: true,
                                                    sets: ["BySource"], validate: [.notNullOrEmpty])
    static let eventIdentifier = Parameter<Int>("EventIdentifier", aliases: ["Id"], position: 0, mandatory: true,
                                                valueFromPipelineByPropertyName: true, sets: ["ById"])
    static let declaration = CmdletDeclaration(
        "Get-Event", parameters: [sourceIdentifier, eventIdentifier], defaultParameterSet: "BySource",
        outputTypes: ["System.Management.Automation.PSEventArgs"], synopsis: "Gets the events in the event queue.",
        description: "Writes the queued events, all or those whose source identifier matches -SourceIdentifier (wildcards) or whose EventIdentifier is -EventIdentifier.")

    func end(_ context: CmdletContext) throws {
        let source = context[Self.sourceIdentifier]
        let pattern = source.map { WildcardPattern($0, caseSensitive: false) }
        let id = context[Self.eventIdentifier]
        var found = false
        for event in EventManager.of(context.session).queue {
            if let pattern, !pattern.matches(event.sourceIdentifier) { continue }
            if let id, event.id != id { continue }
            try context.writeObject(.object(event.object))
            found = true
        }
        guard !found else { return }
        if let source, !WildcardPattern.containsWildcard(source) {
            try EventErrors.notFound(context, "Event with source identifier '\(source)' does not exist.", id: "INVALID_SOURCE_IDENTIFIER")
        } else if let id {
            try EventErrors.notFound(context, "Event with identifier '\(id)' does not exist.", id: "INVALID_SOURCE_IDENTIFIER")
        }
    }
}

final class RemoveEventCommand: Cmdlet {
    static let sourceIdentifier = Parameter<String>("SourceIdentifier", position: 0, mandatory: true, sets: ["BySource"])
    static let eventIdentifier = Parameter<Int>("EventIdentifier", position: 0, mandatory: true,
                                                valueFromPipelineByPropertyName: true, sets: ["ByIdentifier"])
    static let declaration = CmdletDeclaration(
        "Remove-Event", parameters: [sourceIdentifier, eventIdentifier], defaultParameterSet: "BySource",
        supportsShouldProcess: true, synopsis: "Deletes events from the event queue.",
        description: "Removes the queued events whose source identifier matches -SourceIdentifier (wildcards) or whose EventIdentifier is -EventIdentifier.")

    func process(_ context: CmdletContext) throws {
        let events = EventManager.of(context.session)
        let source = context[Self.sourceIdentifier]
        let pattern = source.map { WildcardPattern($0, caseSensitive: false) }
        let id = context[Self.eventIdentifier]
        var found = false
        // Newest first, as PowerShell walks the queue.
        for event in events.queue.reversed() {
            if let pattern, !pattern.matches(event.sourceIdentifier) { continue }
            if let id, event.id != id { continue }
            found = true
            if try context.shouldProcess(target: "Event '\(event.sourceIdentifier)'", action: "Remove") { events.removeEvent(event) }
        }
        guard !found else { return }
        if let source, !WildcardPattern.containsWildcard(source) {
            try EventErrors.notFound(context, "Event with source identifier '\(source)' does not exist.", id: "INVALID_SOURCE_IDENTIFIER")
        } else if let id {
            try EventErrors.notFound(context, "Event with identifier '\(id)' does not exist.", id: "INVALID_EVENT_IDENTIFIER")
        }
    }
}

/// Wait-Event: returns the first queued event matching -SourceIdentifier (any event without it),
/// leaving it queued; with none, waits until -Timeout seconds pass (-1, the default: until stopped).
final class WaitEventCommand: Cmdlet {
    static let sourceIdentifier = Parameter<String>("SourceIdentifier", position: 0, valueFromPipelineByPropertyName: true)
    static let timeout = Parameter<Int>("Timeout", aliases: ["TimeoutSec"], validate: [.range(min: -1, max: Double(Int32.max))])
    static let declaration = CmdletDeclaration(
        "Wait-Event", parameters: [sourceIdentifier, timeout],
        outputTypes: ["System.Management.Automation.PSEventArgs"], synopsis: "Waits until a particular event is raised before continuing to run.",
        description: "Writes the first queued event whose source identifier matches -SourceIdentifier, waiting for one until -Timeout seconds pass (-1: until the pipeline is stopped).")

    func process(_ context: CmdletContext) throws {
        let pattern = context[Self.sourceIdentifier].map { WildcardPattern($0, caseSensitive: false) }
        let events = EventManager.of(context.session)
        let seconds = context[Self.timeout] ?? -1
        let start = monotonicNanoseconds()
        while true {
            if let event = events.queue.first(where: { pattern?.matches($0.sourceIdentifier) ?? true }) {
                try context.writeObject(.object(event.object))
                return
            }
            let elapsed = monotonicNanoseconds() - start
            if seconds >= 0 && elapsed >= UInt64(seconds) * 1_000_000_000 { return }
            if context.session.stopFlag.isSet { throw PipelineStoppedSignal() }
            var slice: UInt64 = 200_000_000
            if seconds >= 0 { slice = min(slice, UInt64(seconds) * 1_000_000_000 - elapsed) }
            usleep(useconds_t(slice / 1000))
        }
    }
}

/// What Register-EngineEvent and Register-ObjectEvent share (PowerShell's ObjectEventRegistrationBase).
enum EventRegistration {
    static let action = Parameter<PSScriptBlock>("Action", position: 101)
    static let messageData = Parameter<PSValue>("MessageData")
    static let supportEvent = Parameter<SwitchParameter>("SupportEvent")
    static let forward = Parameter<SwitchParameter>("Forward")
    static let maxTriggerCount = Parameter<Int>("MaxTriggerCount")

    /// Records the subscription and writes its action's job; an identifier already subscribed for an
    /// object's event is SUBSCRIBER_EXISTS.
    static func register(_ context: CmdletContext, source: PSValue, eventName: String?, sourceIdentifier: String?) throws {
        let action = context[Self.action]
        if context[forward] && action != nil {
            throw context.terminatingError("The action is not supported when you are forwarding events.",
                                           errorId: "ACTION_AND_FORWARD_NOT_SUPPORTED", category: .invalidOperation,
                                           exceptionType: "System.ArgumentException")
        }
        let events = EventManager.of(context.session)
        let identifier = sourceIdentifier ?? UUID().uuidString.lowercased()
        let invalid: (String) throws -> Void = { message in
            try context.writeError(ErrorRecord(message: message, errorId: context.qualifiedErrorId("INVALID_REGISTRATION"),
                                               category: .invalidArgument, target: source, exceptionType: "System.ArgumentException"))
        }
        if !source.isNull || eventName != nil {
            if events.subscribers.contains(where: { $0.sourceIdentifier.lowercased() == identifier.lowercased() }) {
                try context.writeError(ErrorRecord(
                    message: "Cannot subscribe to the specified event. A subscriber with the source identifier '\(identifier)' already exists.",
                    errorId: context.qualifiedErrorId("SUBSCRIBER_EXISTS"), category: .invalidArgument, target: source,
                    exceptionType: "System.ArgumentException"))
                return
            }
            if identifier.lowercased().hasPrefix("powershell.") {
                try invalid("Cannot register for the specified event. The event source identifier '\(identifier)' is reserved for the PowerShell engine. (Parameter 'sourceIdentifier')")
                return
            }
            let name = eventName ?? ""
            if !EventManager.eventNames(of: source).contains(where: { $0.lowercased() == name.lowercased() }) {
                try invalid("Cannot register for the specified event. An event with the name '\(name)' does not exist. (Parameter 'eventName')")
                return
            }
        }
        let subscriber = EventSubscription(sourceObject: source, eventName: eventName, sourceIdentifier: identifier,
                                           messageData: context[messageData] ?? .null, supportEvent: context[supportEvent],
                                           forwardEvent: context[forward], maxTriggerCount: context[maxTriggerCount] ?? 0)
        if let action { subscriber.job = EventActionJob(action: action, name: identifier, session: context.session) }
        events.subscribe(subscriber, session: context.session)
        if let job = subscriber.job, !subscriber.supportEvent { try context.writeObject(.object(job.job.object)) }
    }
}

final class RegisterEngineEventCommand: Cmdlet {
    static let sourceIdentifier = Parameter<String>("SourceIdentifier", position: 100, mandatory: true)
    static let declaration = CmdletDeclaration(
        "Register-EngineEvent",
        parameters: [sourceIdentifier, EventRegistration.action, EventRegistration.messageData, EventRegistration.supportEvent,
                     EventRegistration.forward, EventRegistration.maxTriggerCount],
        outputTypes: ["System.Management.Automation.PSEventJob"], synopsis: "Subscribes to events that are generated by the PowerShell engine and by the New-Event cmdlet.",
        description: "Subscribes to the events New-Event raises with -SourceIdentifier; -Action runs for each and is written as a PSEventJob.")

    func end(_ context: CmdletContext) throws {
        if context[EventRegistration.action] == nil && !context[EventRegistration.forward] {
            throw context.terminatingError("Action must be specified for non-forwarded events.", errorId: "ACTION_MANDATORY_FOR_LOCAL",
                                           category: .invalidArgument, exceptionType: "System.ArgumentException")
        }
        try EventRegistration.register(context, source: .null, eventName: nil, sourceIdentifier: context[Self.sourceIdentifier])
    }
}

final class RegisterObjectEventCommand: Cmdlet {
    static let inputObject = Parameter<PSValue>("InputObject", position: 0, mandatory: true)
    static let eventName = Parameter<String>("EventName", position: 1, mandatory: true)
    static let sourceIdentifier = Parameter<String>("SourceIdentifier", position: 100)
    static let declaration = CmdletDeclaration(
        "Register-ObjectEvent",
        parameters: [inputObject, eventName, sourceIdentifier, EventRegistration.action, EventRegistration.messageData,
                     EventRegistration.supportEvent, EventRegistration.forward, EventRegistration.maxTriggerCount],
        outputTypes: ["System.Management.Automation.PSEventJob"], synopsis: "Subscribes to the events that are generated by a Microsoft .NET Framework object.",
        description: "Records a subscription to an event the object's type declares, under -SourceIdentifier (a new GUID by default); -Action is written as a PSEventJob. hvsh's .NET objects raise no events of their own.")

    func end(_ context: CmdletContext) throws {
        try EventRegistration.register(context, source: context[Self.inputObject]?.unwrapped ?? .null,
                                       eventName: context[Self.eventName], sourceIdentifier: context[Self.sourceIdentifier])
    }
}

final class GetEventSubscriberCommand: Cmdlet {
    static let sourceIdentifier = Parameter<String>("SourceIdentifier", position: 0, valueFromPipelineByPropertyName: true,
                                                    sets: ["BySource"], validate: [.notNullOrEmpty])
    static let subscriptionId = Parameter<Int>("SubscriptionId", aliases: ["Id"], position: 0, mandatory: true,
                                               valueFromPipelineByPropertyName: true, sets: ["ById"])
    static let force = Parameter<SwitchParameter>("Force", position: 1)
    static let declaration = CmdletDeclaration(
        "Get-EventSubscriber", parameters: [sourceIdentifier, subscriptionId, force], defaultParameterSet: "BySource",
        outputTypes: ["System.Management.Automation.PSEventSubscriber"], synopsis: "Gets the event subscribers in the current session.",
        description: "Writes the subscriptions, all or those matching -SourceIdentifier (wildcards) or -SubscriptionId; support events only with -Force.")

    func process(_ context: CmdletContext) throws {
        let source = context[Self.sourceIdentifier]
        let pattern = source.map { WildcardPattern($0, caseSensitive: false) }
        let id = context[Self.subscriptionId]
        var found = false
        for subscriber in EventManager.of(context.session).subscribers {
            if let pattern, !pattern.matches(subscriber.sourceIdentifier) { continue }
            if let id, subscriber.id != id { continue }
            if subscriber.supportEvent && !context[Self.force] { continue }
            try context.writeObject(.object(subscriber.object))
            found = true
        }
        guard !found else { return }
        if let source, !WildcardPattern.containsWildcard(source) {
            try EventErrors.notFound(context, "Event subscription with source identifier '\(source)' does not exist.", id: "INVALID_SOURCE_IDENTIFIER")
        } else if let id {
            try EventErrors.notFound(context, "Event subscription with identifier '\(id)' does not exist.", id: "INVALID_SOURCE_IDENTIFIER")
        }
    }
}

final class UnregisterEventCommand: Cmdlet {
    static let sourceIdentifier = Parameter<String>("SourceIdentifier", position: 0, mandatory: true,
                                                    valueFromPipelineByPropertyName: true, sets: ["BySource"])
    static let subscriptionId = Parameter<Int>("SubscriptionId", position: 0, mandatory: true,
                                               valueFromPipelineByPropertyName: true, sets: ["ById"])
    static let force = Parameter<SwitchParameter>("Force")
    static let declaration = CmdletDeclaration(
        "Unregister-Event", parameters: [sourceIdentifier, subscriptionId, force], defaultParameterSet: "BySource",
        supportsShouldProcess: true, synopsis: "Cancels an event subscription.",
        description: "Removes the subscriptions matching -SourceIdentifier (wildcards) or -SubscriptionId and stops their actions' jobs; support events only with -Force.")

    func process(_ context: CmdletContext) throws {
        let events = EventManager.of(context.session)
        let source = context[Self.sourceIdentifier]
        let pattern = source.map { WildcardPattern($0, caseSensitive: false) }
        let id = context[Self.subscriptionId]
        var found = false
        for subscriber in events.subscribers {
            let matches = (pattern?.matches(subscriber.sourceIdentifier) ?? false) || (id.map { subscriber.id == $0 } ?? false)
            guard matches else { continue }
            if subscriber.supportEvent && !context[Self.force] { continue }
            found = true
            if try context.shouldProcess(target: "Event subscription '\(subscriber.sourceIdentifier)'", action: "Unsubscribe") {
                events.unsubscribe(subscriber, session: context.session)
            }
        }
        guard !found else { return }
        if let source, !WildcardPattern.containsWildcard(source) {
            try EventErrors.notFound(context, "Event subscription with identifier '\(source)' does not exist.", id: "INVALID_SOURCE_IDENTIFIER")
        } else if let id {
            try EventErrors.notFound(context, "Event subscription with identifier '\(id)' does not exist.", id: "INVALID_SUBSCRIPTION_IDENTIFIER")
        }
    }
}
