/// ErrorRecord and exceptions as PowerShell objects, so scripts can read `$_.Exception.Message`,
/// `$_.FullyQualifiedErrorId`, `$_.CategoryInfo.Reason` and `$Error[0].InvocationInfo`.
public enum ErrorRecordObjects {
    public static let errorRecordTypeNames = ["System.Management.Automation.ErrorRecord", "System.Object"]

    /// The PSObject view of an ErrorRecord; `baseObject` is the record itself.
    public static func wrap(_ r: ErrorRecord) -> PSObject {
        if let w = r.wrapper { return w }
        let o = PSObject(typeNames: errorRecordTypeNames, baseObject: r)
        o.reserveMembers(10)
        r.wrapper = o
        // PowerShell's type data adds PSMessageDetails ahead of the .NET properties (`$Error[0] | fl * -Force`).
        o.addProperty("PSMessageDetails") { _ in .null }
        o.addProperty("Exception") { _ in .object(wrap(r.exception)) }
        o.addProperty("TargetObject") { _ in r.targetObject }
        o.addProperty("CategoryInfo") { _ in .object(categoryInfo(r)) }
        o.addProperty("FullyQualifiedErrorId") { _ in .string(r.fullyQualifiedErrorId) }
        o.addProperty("ErrorDetails") { _ in
            guard let m = r.errorDetailsMessage else { return .null }
            let d = PSObject(typeNames: ["System.Management.Automation.ErrorDetails", "System.Object"])
            d.addNote("Message", .string(m))
            d.addNote("RecommendedAction", r.recommendedAction.map { .string($0) } ?? .null)
            d.toStringHandler = { _ in m }
            return .object(d)
        }
        o.addProperty("InvocationInfo") { _ in invocationInfo(r) }
        o.addProperty("ScriptStackTrace") { _ in r.scriptStackTrace.map { .string($0) } ?? .null }
        o.addProperty("PipelineIterationInfo") { _ in .array(PSArray()) }
        o.toStringHandler = { _ in r.message }
        return o
    }

    public static func wrap(_ e: PSException) -> PSObject {
        if let w = e.wrapper { return w }
        let o = PSObject(typeNames: [e.typeFullName] + e.baseTypeNames, baseObject: e)
        o.reserveMembers(8 + e.extraProperties.count)
        e.wrapper = o
        o.addProperty("Message") { _ in .string(e.message) }
        if e.wasThrownFromThrowStatement || e.isInstance(of: "System.Management.Automation.RuntimeException") {
            o.addProperty("WasThrownFromThrowStatement") { _ in .bool(e.wasThrownFromThrowStatement) }
        }
        o.addProperty("InnerException") { _ in e.innerException.map { .object(wrap($0)) } ?? .null }
        o.addProperty("TargetObject") { _ in e.thrownObject ?? .null }
        o.addProperty("Source") { _ in .string("System.Management.Automation") }
        o.addProperty("HResult") { _ in .int(-2146233087) }
        for (name, value) in e.extraProperties { o.addNote(name, value) }
        o.addMethod("GetType") { _, _ in .type(.named(e.typeFullName)) }
        o.toStringHandler = { _ in e.typeFullName + ": " + e.message }
        return o
    }

    /// The ActionPreferenceStopException that `-ErrorAction Stop` raises for a record (what
    /// `-ErrorVariable` holds then); its ErrorRecord is the error it stopped on.
    public static func stopException(_ r: ErrorRecord) -> PSObject {
        let names = ["System.Management.Automation.ActionPreferenceStopException"]
            + PSException.defaultBases(of: "System.Management.Automation.ActionPreferenceStopException")
        let o = PSObject(typeNames: names)
        let message = "The running command stopped because the preference variable \"ErrorActionPreference\" or common parameter is set to Stop: \(r.message)"
        o.addNote("ErrorRecord", .object(wrap(r)))
        o.addNote("Message", .string(message))
        o.addNote("InnerException", .null)
        o.addNote("WasThrownFromThrowStatement", .false)
        o.addMethod("GetType") { _, _ in .type(.named(names[0])) }
        o.toStringHandler = { _ in names[0] + ": " + message }
        return o
    }

    /// The CmdletInvocationException `$PSCmdlet.ThrowTerminatingError` raises for a record (what
    /// `-ErrorVariable` holds then): the record's message, its exception inside.
    public static func cmdletInvocationException(_ r: ErrorRecord) -> PSObject {
        let e = PSException(r.message, type: "System.Management.Automation.CmdletInvocationException", inner: r.exception)
        let o = wrap(e)
        o.addNote("ErrorRecord", .object(wrap(r)))
        return o
    }

    static func categoryInfo(_ r: ErrorRecord) -> PSObject {
        let o = PSObject(typeNames: ["System.Management.Automation.ErrorCategoryInfo", "System.Object"])
        o.addNote("Category", .string(r.category.rawValue))
        o.addNote("Activity", .string(r.categoryActivity ?? ""))
        o.addNote("Reason", .string(r.reason))
        o.addNote("TargetName", .string(r.targetName))
        o.addNote("TargetType", .string(r.targetTypeName))
        o.toStringHandler = { _ in r.categoryInfoText }
        o.addMethod("GetMessage") { _, _ in .string(r.categoryInfoText) }
        return o
    }

    static func invocationInfo(_ r: ErrorRecord) -> PSValue {
        let o = PSObject(typeNames: ["System.Management.Automation.InvocationInfo", "System.Object"])
        o.addNote("MyCommand", r.commandName.map { .string($0) } ?? .null)
        o.addNote("ScriptName", .string(r.position?.file ?? ""))
        o.addNote("ScriptLineNumber", .int(Int32(clamping: r.position?.startLine ?? 0)))
        o.addNote("OffsetInLine", .int(Int32(clamping: r.position?.startColumn ?? 0)))
        o.addNote("Line", .string(r.position?.lineText ?? ""))
        o.addNote("PositionMessage", .string(ErrorRendering.positionMessage(r.position)))
        o.addNote("InvocationName", r.commandName.map { .string($0) } ?? .string(""))
        return .object(o)
    }

    /// The ErrorRecord behind a value (`$_` in catch, an `$Error` entry), if it is one.
    public static func record(from v: PSValue) -> ErrorRecord? {
        if case .object(let o) = v { return o.baseObject as? ErrorRecord }
        return nil
    }
}
