import Foundation
import Inventory
import Netlink
import PSRuntime

/// Host networking for hvsh: switches, host adapters, addresses, routes and NAT, kept in the
/// inventory (desired state) and made real through netlink and nftables (kernel state).
/// Every call opens its own netlink socket on the calling thread, so it acts on that thread's
/// network namespace (which is how tests and `hvsh -Sandbox` stay away from the host's).
public final class HostNetwork: Sendable {
    public let inventory: Inventory

    public init(inventory: Inventory) {
        self.inventory = inventory
    }

    /// A netlink session in the calling thread's namespace.
    func netlink() throws(HostNetworkingError) -> RouteNetlinkSession {
        do {
            return try RouteNetlinkSession()
        } catch {
            throw .kernel(error)
        }
    }

    /// Runs inventory access, turning its errors into cmdlet errors.
    func store<T>(_ body: () throws -> T) throws(HostNetworkingError) -> T {
        do {
            return try body()
        } catch let error as HostNetworkingError {
            throw error
        } catch let error as NetlinkError {
            throw .kernel(error)
        } catch {
            throw HostNetworkingError("\(error)", category: .notSpecified, errorId: "InventoryError")
        }
    }

    /// Runs kernel calls, turning netlink errors into cmdlet errors.
    func kernel<T>(target: String? = nil, _ body: () throws -> T) throws(HostNetworkingError) -> T {
        do {
            return try body()
        } catch let error as NetlinkError {
            throw .kernel(error, target: target)
        } catch let error as HostNetworkingError {
            throw error
        } catch {
            throw HostNetworkingError("\(error)", category: .notSpecified, errorId: "KernelError", target: target)
        }
    }
}

/// Kernel names for hvsh's links: a three-letter role and eight hex digits of the object's id,
/// 11 bytes in all, under Linux's 15-byte limit. The Windows names live in IFLA_IFALIAS.
enum KernelNames {
    static func bridge(_ id: UUID) -> String { "hvs" + shortHex(id) }
    static func hostEnd(_ id: UUID) -> String { "hve" + shortHex(id) }
    static func bridgeEnd(_ id: UUID) -> String { "hvp" + shortHex(id) }

    static func shortHex(_ id: UUID) -> String {
        String(id.uuidString.lowercased().prefix(8))
    }

    /// Windows' name for a switch's host adapter.
    static func hostAdapterName(forSwitch name: String) -> String { "vEthernet (\(name))" }

    /// Linux keeps the Windows names in IFLA_IFALIAS, which holds at most 255 bytes (IFALIASZ less its
    /// terminator); the kernel refuses more with an opaque "Numerical result out of range".
    static let maximumAliasBytes = 255

    /// Refuses a switch or adapter name whose alias (`alias`, the name itself or `vEthernet (name)`)
    /// would not fit, before anything is changed.
    static func checkAliasLength(_ alias: String, name: String, what: String) throws(HostNetworkingError) {
        let overhead = alias.utf8.count - name.utf8.count
        guard alias.utf8.count > maximumAliasBytes else { return }
        throw HostNetworkingError(
            "The \(what) name is \(name.utf8.count) bytes long; Linux keeps it as the interface alias '\(alias.prefix(40))…', "
            + "which holds at most \(maximumAliasBytes) bytes, so the name may have at most \(maximumAliasBytes - overhead) bytes.",
            category: .invalidArgument, errorId: "InvalidParameter", target: name)
    }
}

/// `*` and `?` wildcards, case-insensitive, as PowerShell's -like without character classes.
func wildcardMatch(_ pattern: String, _ text: String) -> Bool {
    StarQuestionPattern.matches(text.lowercased(), pattern: pattern.lowercased())
}

func hasWildcard(_ text: String) -> Bool { text.contains("*") || text.contains("?") }
