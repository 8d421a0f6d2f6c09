import Foundation

/// The services the modules of one session use (Hyper-V's host, the networking service), kept
/// under their type. A module `provide`s a maker when it is imported; the service is made on first
/// use and then kept for the session, so a cmdlet reaches it one way, `context.service(T.self)`,
/// and two sessions in one process never share one by accident.
public final class SessionServices {
    // A maker may itself ask for another service (Hyper-V's host for the networking service).
    private let lock = NSRecursiveLock()
    private var made: [ObjectIdentifier: Any] = [:]
    private var makers: [ObjectIdentifier: () throws -> Any] = [:]

    /// Registers how to make the session's `Service`; replaces an earlier maker and forgets a
    /// service already made with it.
    public func provide<Service>(_ type: Service.Type, make: @escaping () throws -> Service) {
        lock.withLock {
            makers[ObjectIdentifier(type)] = make
            made[ObjectIdentifier(type)] = nil
        }
    }

    /// The session's `Service`, made on first use; throws when no imported module provides one.
    public func service<Service>(_ type: Service.Type) throws -> Service {
        try lock.withLock {
            let key = ObjectIdentifier(type)
            if let service = made[key] as? Service { return service }
            guard let make = makers[key] else { throw SessionServiceMissing(typeName: "\(type)") }
            // `provide` stored a maker of exactly this type under this key.
            let service = try make() as! Service
            made[key] = service
            return service
        }
    }
}

/// Asked for a service no imported module provides (a cmdlet registered without its module).
public struct SessionServiceMissing: CommandError {
    public let typeName: String
    public var message: String { "No module imported into this session provides the \(typeName) service." }
    public var errorId: String { "ServiceNotProvided" }
    public var category: ErrorCategory { .notInstalled }
    public var target: String? { typeName }
    public var exceptionType: String { "System.InvalidOperationException" }
}

extension CmdletContext {
    /// The session's service of type `Service` (see `SessionServices`); a terminating error of this
    /// command when no imported module provides one.
    public func service<Service>(_ type: Service.Type) throws -> Service {
        do {
            return try session.services.service(type)
        } catch let missing as SessionServiceMissing {
            throw terminatingError(missing.message, errorId: missing.errorId, category: missing.category,
                                   target: .string(missing.typeName), exceptionType: missing.exceptionType)
        }
    }
}
