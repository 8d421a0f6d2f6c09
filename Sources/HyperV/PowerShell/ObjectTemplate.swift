import PSRuntime

/// Holds the Swift model behind a Hyper-V PSObject (its `baseObject`), so cmdlets that receive the
/// object from the pipeline get the model back, and properties read from it when asked.
public final class ModelBox<Model>: @unchecked Sendable {
    // A box is created for one PSObject and never mutated afterwards except for `cache`, which is
    // only touched on the runtime's thread while the object is formatted.
    public let model: Model
    var cache: [String: PSValue] = [:]
    public init(_ model: Model) { self.model = model }
}

/// A PSObject shape built once per type: the type names and the ordered properties, each a getter
/// on the model. Making an object copies the template (copy-on-write members, so no per-property
/// work) and attaches the model; a thousand VMs cost a thousand small allocations, not 71 000.
public struct ObjectTemplate<Model>: @unchecked Sendable {
    // The template PSObject is never mutated after init; it is only copied.
    let prototype: PSObject

    /// `aliases` are the type's AliasProperty members from Hyper-V's type data (name, target),
    /// after the properties as PowerShell lists type data members after the .NET ones.
    public init(typeNames: [String], properties: [(String, (Model) -> PSValue)], aliases: [(String, String)] = [],
                toString: ((Model) -> String)? = nil) {
        let object = PSObject(typeNames: typeNames)
        for (name, getter) in properties {
            object.addProperty(name, get: { owner in
                guard let box = owner.baseObject as? ModelBox<Model> else { return .null }
                return getter(box.model)
            })
        }
        for (name, target) in aliases { object.addAlias(name, target: target) }
        if let toString {
            object.toStringHandler = { owner in
                guard let box = owner.baseObject as? ModelBox<Model> else { return "" }
                return toString(box.model)
            }
        }
        prototype = object
    }

    public func make(_ model: Model) -> PSObject {
        let object = prototype.copy()
        object.baseObject = ModelBox(model)
        return object
    }

    public var propertyNames: [String] { prototype.propertyNames }
}

extension PSObject {
    /// The model behind a Hyper-V object, when it is one of `Model`.
    public func model<Model>(as _: Model.Type) -> Model? {
        (baseObject as? ModelBox<Model>)?.model
    }
}

/// Small helpers to turn model values into PowerShell values.
enum PS {
    static func string(_ s: String?) -> PSValue { s.map { .string($0) } ?? .null }
    static func bool(_ b: Bool) -> PSValue { .bool(b) }
    static func long(_ v: Int64) -> PSValue { .long(v) }
    static func int(_ v: Int) -> PSValue { .int(Int32(clamping: v)) }
    static func uint32(_ v: UInt32) -> PSValue { .uint32(v) }
    static func uint64(_ v: UInt64) -> PSValue { .uint64(v) }
    static func guid(_ id: UUID?) -> PSValue { id.map { .guid($0) } ?? .null }
    static func list(_ items: [PSValue]) -> PSValue { .array(PSArray(items)) }
    static func strings(_ items: [String]) -> PSValue { list(items.map { .string($0) }) }
    static var empty: PSValue { .array(PSArray([])) }
    static var zeroGuid: PSValue { .guid(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))) }
}

import Foundation
