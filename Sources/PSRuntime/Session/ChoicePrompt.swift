/// `$Host.UI.PromptForChoice(caption, message, choices, defaultChoice)` as PowerShell's console host
/// asks it: caption and message, then `[Y] Yes  [N] No  [?] Help (default is "Y"): `, answered with a
/// hot key or a whole label, `?` for each choice's help; refused in -NonInteractive mode.
enum ChoicePrompt {
    static let typeName = "System.Management.Automation.Host.ChoiceDescription"

    /// `New-Object ...ChoiceDescription '&Yes', 'Help'`, or a string cast to one.
    static func description(label: String, help: String = "") -> PSValue {
        let o = PSObject(typeNames: [typeName, "System.Object"])
        o.addNote("Label", .string(label))
        o.addNote("HelpMessage", .string(help))
        return .object(o)
    }

    static func run(_ args: [PSValue], host: PSHost) throws -> PSValue {
        func fail(_ message: String, _ id: String) -> PSRuntimeError { StringMethods.methodError("PromptForChoice", args, message, id: id) }
        guard args.count == 4 else { throw Members.argCount("PromptForChoice", args.count) }
        guard host.isInteractive else {
            throw fail("PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.", "PSInvalidOperationException")
        }
        let caption = PSConvert.toString(args[0]), message = PSConvert.toString(args[1])
        let choices = (args[2].arrayElements ?? (args[2].isNull ? [] : [args[2]])).map { c -> (label: String, help: String) in
            if case .object(let o) = c, o.typeNames.first == typeName {
                func text(_ name: String) -> String { ((try? o.property(name)) ?? nil).map { PSConvert.toString($0) } ?? "" }
                return (text("Label"), text("HelpMessage"))
            }
            return (PSConvert.toString(c), "")
        }
        guard !choices.isEmpty else { throw fail("\"choices\" should have at least one element. (Parameter 'choices')", "PSArgumentException") }
        let defaultChoice = try PSConvert.toInt(args[3])
        guard defaultChoice >= -1 && defaultChoice < choices.count else {
            throw fail("\"defaultChoice\" must be a valid index into \"choice\" or -1 for no default choice. (Parameter 'defaultChoice')\nActual value was \(defaultChoice).",
                       "PSArgumentOutOfRangeException")
        }
        // `&Yes` → hot key `Y`, label `Yes`; a label without `&` has no hot key.
        let keys = choices.map { c -> (hotkey: String, label: String) in
            guard let amp = c.label.firstIndex(of: "&") else { return ("", c.label) }
            let after = c.label.index(after: amp)
            let plain = (String(c.label[..<amp]) + String(c.label[after...])).trimmingCharacters(in: .whitespaces)
            return (after < c.label.endIndex ? String(c.label[after]).uppercased() : "", plain)
        }
        if !caption.isEmpty { host.write("\n\(caption)\n", stream: .output) }
        if !message.isEmpty { host.write(message + "\n", stream: .output) }
        let width = host.windowWidth - 1
        while true {
            // Pieces go on one line while they fit in the window, as the console host writes them.
            var pieces = keys.map { "[\($0.hotkey)] \($0.label)  " } + ["[?] Help "]
            if defaultChoice >= 0 {
                let k = keys[defaultChoice]
                pieces.append("(default is \"\(k.hotkey.isEmpty ? k.label : k.hotkey)\"): ")
            }
            var text = "", lineLength = 0
            for piece in pieces {
                if lineLength + piece.count > width {
                    text += "\n" + piece.trimmingCharacters(in: .whitespaces)
                    lineLength = piece.count
                } else {
                    text += piece
                    lineLength += piece.count
                }
            }
            var prompt = Substring(text)
            if let lastBreak = text.lastIndex(of: "\n") {
                host.write(String(text[...lastBreak]), stream: .output)
                prompt = text[text.index(after: lastBreak)...]
            }
            // At the end of redirected input the console host reads nothing and fails on it.
            guard let answer = host.readLine(prompt: String(prompt)) else {
                throw fail("Object reference not set to an instance of an object.", "NullReferenceException")
            }
            let response = answer.trimmingCharacters(in: .whitespaces)
            if answer.isEmpty {
                if defaultChoice >= 0 { return .int(Int32(defaultChoice)) }
                continue
            }
            if response == "?" {
                for (i, c) in choices.enumerated() {
                    host.write("\(keys[i].hotkey.isEmpty ? keys[i].label : keys[i].hotkey) - \(c.help)\n", stream: .output)
                }
                continue
            }
            if let i = keys.firstIndex(where: { $0.label.lowercased() == response.lowercased() })
                ?? keys.firstIndex(where: { !$0.hotkey.isEmpty && $0.hotkey.lowercased() == response.lowercased() }) {
                return .int(Int32(i))
            }
        }
    }
}
