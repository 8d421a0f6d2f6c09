import Foundation

/// `$Host`: its UI (Write*, ReadLine, PromptForChoice) and RawUI (sizes read live from the session's
/// host, ReadKey, a settable WindowTitle), as PowerShell 7's console host on Linux has them.
enum HostObject {
    static func make(_ s: ShellSession) -> PSObject {
        let o = PSObject(typeNames: ["System.Management.Automation.Internal.Host.InternalHost", "System.Object"])
        unowned let session = s
        o.addProperty("Name") { _ in .string(session.host.name) }
        o.addNote("Version", .version(PSVersion(7, 4, 6)))
        o.addNote("InstanceId", .guid(UUID()))
        o.addProperty("CurrentCulture") { _ in .object(session.currentCulture) }
        o.addProperty("CurrentUICulture") { _ in .object(session.currentUICulture) }
        o.addNote("UI", .object(userInterface(session)))
        o.addProperty("Runspace") { _ in .object(session.runspace.object) }
        o.toStringHandler = { _ in "System.Management.Automation.Internal.Host.InternalHost" }
        return o
    }

    private static func userInterface(_ s: ShellSession) -> PSObject {
        // The session owns $Host; a strong capture here would keep the session alive forever.
        unowned let session = s
        let ui = PSObject(typeNames: ["System.Management.Automation.Internal.Host.InternalHostUserInterface", "System.Object"])
        ui.addNote("RawUI", .object(rawUserInterface(session)))
        // PowerShell's console host on Linux always reports VT support.
        ui.addNote("SupportsVirtualTerminal", .true)
        func text(_ args: [PSValue]) -> String { args.last.map { PSConvert.toString($0) } ?? "" }
        ui.addMethod("WriteLine") { _, args in
            session.host.write(args.map { PSConvert.toString($0) }.joined() + "\n", stream: .output); return .null
        }
        ui.addMethod("Write") { _, args in
            session.host.write(args.map { PSConvert.toString($0) }.joined(), stream: .output); return .null
        }
        ui.addMethod("WriteErrorLine") { _, args in session.host.write(text(args) + "\n", stream: .error); return .null }
        ui.addMethod("WriteWarningLine") { _, args in session.host.write("WARNING: \(text(args))\n", stream: .warning); return .null }
        ui.addMethod("WriteVerboseLine") { _, args in session.host.write("VERBOSE: \(text(args))\n", stream: .verbose); return .null }
        ui.addMethod("WriteDebugLine") { _, args in session.host.write("DEBUG: \(text(args))\n", stream: .debug); return .null }
        ui.addMethod("ReadLine") { _, _ in session.host.readLine(prompt: "").map { .string($0) } ?? .null }
        ui.addMethod("PromptForChoice") { _, args in try ChoicePrompt.run(args, host: session.host) }
        return ui
    }

    private static func rawUserInterface(_ s: ShellSession) -> PSObject {
        // The session owns $Host; a strong capture here would keep the session alive forever.
        unowned let session = s
        let raw = PSObject(typeNames: ["System.Management.Automation.Internal.Host.InternalHostRawUserInterface", "System.Object"])
        func size() -> PSValue {
            let sz = PSObject(typeNames: ["System.Management.Automation.Host.Size", "System.ValueType", "System.Object"])
            sz.addNote("Width", .int(Int32(session.host.windowWidth)))
            sz.addNote("Height", .int(50))
            sz.toStringHandler = { _ in "\(session.host.windowWidth),50" }
            return .object(sz)
        }
        raw.addProperty("WindowSize") { _ in size() }
        raw.addProperty("BufferSize") { _ in size() }
        raw.addProperty("MaxWindowSize") { _ in size() }
        raw.addNote("ForegroundColor", .enumValue(DotNetEnums.consoleColor.value(named: "Gray")!))
        raw.addNote("BackgroundColor", .enumValue(DotNetEnums.consoleColor.value(named: "Black")!))
        // PowerShell on Linux keeps the title itself (the terminal cannot be asked): "" until set.
        final class Title { var text = "" }
        let title = Title()
        raw.addProperty("WindowTitle", get: { _ in .string(title.text) }, set: { _, v in
            title.text = PSConvert.toString(v)
            session.host.setWindowTitle(title.text)
        })
        raw.addProperty("KeyAvailable") { _ in .false }
        raw.addMethod("ReadKey") { _, args in
            let options = args.first.map { PSConvert.toString($0).lowercased() } ?? "includekeydown"
            let key: KeyPress?
            do {
                key = try session.host.readKey(echo: !options.contains("noecho"))
            } catch is KeyReadUnavailable {
                throw StringMethods.methodError("ReadKey", args, KeyReadUnavailable.message, id: "InvalidOperationException")
            }
            guard let key else { throw PipelineStoppedSignal() }
            return .object(keyInfo(key))
        }
        raw.addMethod("FlushInputBuffer") { _, _ in .null }
        return raw
    }

    static let controlKeyStates = PSEnumType(
        fullName: "System.Management.Automation.Host.ControlKeyStates",
        members: [("RightAltPressed", 1), ("LeftAltPressed", 2), ("RightCtrlPressed", 4), ("LeftCtrlPressed", 8),
                  ("ShiftPressed", 16), ("NumLockOn", 32), ("ScrollLockOn", 64), ("CapsLockOn", 128), ("EnhancedKey", 256)],
        isFlags: true)

    /// A KeyInfo as PowerShell's Unix console host makes it: no modifier state, always a key-down.
    static func keyInfo(_ key: KeyPress) -> PSObject {
        let o = PSObject(typeNames: ["System.Management.Automation.Host.KeyInfo", "System.ValueType", "System.Object"])
        o.addNote("VirtualKeyCode", .int(Int32(key.virtualKeyCode)))
        o.addNote("Character", .char(key.character))
        o.addNote("ControlKeyState", .enumValue(controlKeyStates.value(0)))
        o.addNote("KeyDown", .true)
        let ch = String(utf16CodeUnits: [key.character], count: 1)
        o.toStringHandler = { _ in "\(key.virtualKeyCode),\(ch),0,True" }
        return o
    }
}
