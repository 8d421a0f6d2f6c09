/// A class a script defined (`class Point : Shape { [int] $X; [string] ToString() { ... } }`): its
/// members as the runtime calls them. Built by `ScriptTypes/ClassDefinitions.swift` when the defining
/// statement list starts to run; instances are PSObjects whose `baseObject` is this type
/// (`ScriptTypes/ClassInstances.swift`).
public final class PSClassType: @unchecked Sendable, Hashable, CustomStringConvertible {
    public let name: String
    /// The script class this one derives from.
    public internal(set) var base: PSClassType?
    /// .NET types written among the bases (`System.Exception`, `IComparable`), as full names.
    public internal(set) var dotNetBases: [String] = []
    /// Instance and static properties declared by this class (not its bases), in source order.
    public internal(set) var properties: [ClassProperty] = []
    /// Instance and static methods declared by this class, in source order.
    public internal(set) var methods: [ClassMethod] = []
    public internal(set) var constructors: [ClassMethod] = []
    public internal(set) var staticConstructor: ClassMethod?
    /// Static property values, by lower-cased name (this class's own statics).
    var staticValues: [String: PSValue] = [:]
    var staticsInitialized = false
    /// Why the static initialization failed: every later use of the type fails the same way, as .NET's does.
    var staticsFailure: PSRuntimeError?
    /// Runs the property initializers and the constructor chain; set by the definer.
    var construct: (([PSValue]) throws -> PSObject)?
    /// Makes the static members ready on first use; set by the definer.
    var initializeStatics: (() throws -> Void)?

    init(name: String) { self.name = name }

    public var description: String { name }

    public static func == (a: PSClassType, b: PSClassType) -> Bool { a === b }
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }

    /// This class and its script bases, most derived first.
    public var chain: [PSClassType] {
        var out: [PSClassType] = [], c: PSClassType? = self
        while let k = c { out.append(k); c = k.base }
        return out
    }

    /// The type names an instance carries: the class, its bases, then `System.Object`.
    public var typeNames: [String] {
        var names = chain.map(\.name)
        // A .NET base class goes before System.Object; interfaces are not type names.
        for n in chain.last?.dotNetBases ?? [] where !ClassNames.isInterface(n) { names.append(n) }
        names.append("System.Object")
        return names
    }

    /// True when this class is `other` or derives from it.
    public func derives(from other: PSClassType) -> Bool { chain.contains { $0 === other } }

    /// True when this class (or a base) lists the .NET type `fullName` (lower-cased) among its bases.
    public func implements(_ lowercasedFullName: String) -> Bool {
        chain.contains { $0.dotNetBases.contains { $0.lowercased() == lowercasedFullName } }
    }

    /// Every instance method visible on an instance: a derived class's method hides a base's with
    /// the same name and parameter types (an override); others are overloads.
    public var instanceMethods: [ClassMethod] {
        var out: [ClassMethod] = []
        for k in chain {
            let inherited = out
            for m in k.methods where !m.isStatic {
                if !inherited.contains(where: { $0.name.lowercased() == m.name.lowercased() && $0.parameterTypes == m.parameterTypes }) {
                    out.append(m)
                }
            }
        }
        return out
    }

    /// The static property `name` of this class or a base, and the class that holds it.
    func staticProperty(_ name: String) -> (PSClassType, ClassProperty)? {
        let key = name.lowercased()
        for k in chain { if let p = k.properties.first(where: { $0.isStatic && $0.name.lowercased() == key }) { return (k, p) } }
        return nil
    }
}

/// A property of a script class.
public struct ClassProperty {
    public let name: String
    /// nil when untyped (`$x` holds anything).
    public let type: PSType?
    public let typeText: String?
    public let isStatic: Bool
    public let isHidden: Bool
    /// The default's expression, evaluated for each new instance (or once for a static).
    let initializer: (() throws -> PSValue)?
    /// Throws when a value breaks the property's validation attributes.
    let validate: ((PSValue) throws -> Void)?
    /// Its attributes: `[Parameter()]` ones make it a dynamic parameter when a dynamicparam block
    /// returns an instance.
    var attributes: [AttributeArguments] = []
}

/// A method or constructor of a script class.
public final class ClassMethod {
    public let name: String
    /// nil for `[void]` and for methods without a return type.
    public let returnType: PSType?
    public let returnTypeText: String
    public let parameterTypes: [PSType]
    public let parameterNames: [String]
    public let parameterTypeTexts: [String]
    public let isStatic: Bool
    public let isHidden: Bool
    /// The class that declares it.
    public unowned let owner: PSClassType
    /// Runs the body with `$this` (nil for statics) and converted arguments; returns what `return` gave.
    let run: (PSObject?, [PSValue]) throws -> PSValue?

    init(name: String, returnType: PSType?, returnTypeText: String, parameterTypes: [PSType], parameterNames: [String],
         parameterTypeTexts: [String], isStatic: Bool, isHidden: Bool, owner: PSClassType,
         run: @escaping (PSObject?, [PSValue]) throws -> PSValue?) {
        self.name = name
        self.returnType = returnType
        self.returnTypeText = returnTypeText
        self.parameterTypes = parameterTypes
        self.parameterNames = parameterNames
        self.parameterTypeTexts = parameterTypeTexts
        self.isStatic = isStatic
        self.isHidden = isHidden
        self.owner = owner
        self.run = run
    }

    /// Get-Member's definition: `int Add(int a, int b)`.
    public var definition: String {
        let params = zip(parameterTypeTexts, parameterNames).map { "\($0) \($1)" }.joined(separator: ", ")
        return (isStatic ? "static " : "") + "\(returnTypeText) \(name)(\(params))"
    }
}

enum ClassNames {
    /// .NET's naming rule for interfaces (`IComparable`, `System.IDisposable`), which is all hvsh can
    /// go by for a .NET type it does not model.
    static func isInterface(_ fullName: String) -> Bool {
        let short = Array(PSType.shortName(of: fullName).utf8)
        return short.count > 1 && short[0] == UInt8(ascii: "I") && short[1] >= UInt8(ascii: "A") && short[1] <= UInt8(ascii: "Z")
    }
}
