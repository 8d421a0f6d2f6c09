/// Parses hvsh's command line with pwsh's rules (`pwsh -?` documents them):
/// switch names in any case, shortened to any prefix at least as long as pwsh's shortest
/// accepted form (`-nop`, `-c`, `-f`, `-wd`); `-` or `--` before the name, en and em dashes too;
/// the first word that is not a switch is the script, and every word after it belongs to the script;
/// every word after `-Command` is joined into the command text.
public enum InvocationParser {
    /// A switch hvsh knows: its full lower-case name and the shortest prefix that selects it.
    struct Switch {
        let name: String
        let shortest: String
        /// The spelling shown in messages and usage.
        let display: String
    }

    /// Checked in this order, as pwsh does, so that a short prefix picks the first switch it fits.
    static let switches: [Switch] = [
        Switch(name: "version", shortest: "v", display: "Version"),
        Switch(name: "help", shortest: "h", display: "Help"),
        Switch(name: "?", shortest: "?", display: "?"),
        Switch(name: "login", shortest: "l", display: "Login"),
        Switch(name: "noexit", shortest: "noe", display: "NoExit"),
        Switch(name: "noprofile", shortest: "nop", display: "NoProfile"),
        Switch(name: "nologo", shortest: "nol", display: "NoLogo"),
        Switch(name: "noninteractive", shortest: "noni", display: "NonInteractive"),
        Switch(name: "interactive", shortest: "i", display: "Interactive"),
        Switch(name: "commandwithargs", shortest: "commandwithargs", display: "CommandWithArgs"),
        Switch(name: "cwa", shortest: "cwa", display: "cwa"),
        Switch(name: "command", shortest: "c", display: "Command"),
        Switch(name: "windowstyle", shortest: "w", display: "WindowStyle"),
        Switch(name: "file", shortest: "f", display: "File"),
        Switch(name: "outputformat", shortest: "o", display: "OutputFormat"),
        Switch(name: "of", shortest: "o", display: "of"),
        Switch(name: "inputformat", shortest: "inp", display: "InputFormat"),
        Switch(name: "if", shortest: "if", display: "if"),
        Switch(name: "executionpolicy", shortest: "ex", display: "ExecutionPolicy"),
        Switch(name: "ep", shortest: "ep", display: "ep"),
        Switch(name: "encodedcommand", shortest: "e", display: "EncodedCommand"),
        Switch(name: "ec", shortest: "e", display: "ec"),
        Switch(name: "workingdirectory", shortest: "wo", display: "WorkingDirectory"),
        Switch(name: "wd", shortest: "wd", display: "wd"),
        // hvsh's own switches; their shortest forms collide with nothing above.
        Switch(name: "sandbox", shortest: "sa", display: "Sandbox"),
        Switch(name: "dumpast", shortest: "d", display: "DumpAst"),
    ]

    /// Parses the arguments after the program name. `stdinIsTerminal` only matters for `-Command -`,
    /// which pwsh refuses when there is nothing piped in.
    public static func parse(_ arguments: [String], stdinIsTerminal: Bool = false) -> Result<Invocation, InvocationError> {
        var state = Invocation()
        var noExitSeen = false
        var index = 0

        func value(after name: String) -> Result<String, InvocationError> {
            index += 1
            guard index < arguments.count else {
                return .failure(InvocationError("Missing value for parameter -\(name).", showUsage: true))
            }
            return .success(arguments[index])
        }

        while index < arguments.count {
            let word = arguments[index]
            guard let key = switchKey(word) else {
                // The first word that is not a switch names the script; the rest are its arguments.
                return parseFile(arguments, at: index, into: state)
            }
            switch matchingSwitch(key)?.name {
            case "version"?:
                // pwsh stops reading the command line at -Version.
                state.action = .showVersion
                return .success(state)
            case "help"?, "?"?:
                state.action = .showHelp
            case "login"?:
                break // hvsh never runs as a login shell; accepted so `#!/usr/bin/env hvsh -l` lines work.
            case "noexit"?:
                state.noExit = true
                noExitSeen = true
            case "noprofile"?:
                state.noProfile = true
            case "nologo"?:
                state.noLogo = true
            case "noninteractive"?:
                state.nonInteractive = true
            case "interactive"?:
                state.nonInteractive = false
            case "command"?:
                return parseCommand(arguments, at: index + 1, into: state, noExitSeen: noExitSeen,
                                    stdinIsTerminal: stdinIsTerminal)
            case "commandwithargs"?, "cwa"?:
                guard index + 1 < arguments.count else {
                    return .failure(InvocationError("Missing value for parameter -CommandWithArgs.", showUsage: true))
                }
                state.action = .commandWithArgs(arguments[index + 1], arguments: Array(arguments[(index + 2)...]))
                if !noExitSeen { state.noExit = false }
                return .success(state)
            case "encodedcommand"?, "ec"?:
                guard index + 1 < arguments.count else {
                    return .failure(InvocationError("Missing value for parameter -EncodedCommand.", showUsage: true))
                }
                guard let text = Base64.decodeUTF16LE(arguments[index + 1]) else {
                    return .failure(InvocationError("The value of -EncodedCommand is not Base64-encoded UTF-16LE text.", showUsage: true))
                }
                state.action = .command(text)
                return .success(state)
            case "windowstyle"?:
                return .failure(InvocationError("-WindowStyle has no meaning on Linux and is not supported."))
            case "file"?:
                guard index + 1 < arguments.count else {
                    return .failure(InvocationError("Missing value for parameter -File.", showUsage: true))
                }
                if arguments[index + 1] == "-" {
                    state.action = .fileFromStdin
                    index += 2
                    continue
                }
                return parseFile(arguments, at: index + 1, into: state)
            case "outputformat"?, "of"?, "inputformat"?, "if"?:
                let name = matchingSwitch(key)!.display
                switch value(after: name) {
                case .failure(let error): return .failure(error)
                case .success(let format):
                    guard format.lowercased() == "text" else {
                        return .failure(InvocationError("hvsh only supports -\(name) Text, not '\(format)'.", showUsage: true))
                    }
                }
            case "executionpolicy"?, "ep"?:
                switch value(after: "ExecutionPolicy") {
                case .failure(let error): return .failure(error)
                case .success(let policy): state.executionPolicy = policy
                }
            case "workingdirectory"?, "wd"?:
                switch value(after: "WorkingDirectory") {
                case .failure(let error): return .failure(error)
                case .success(let directory): state.workingDirectory = directory
                }
            case "sandbox"?:
                state.sandbox = true
            case "dumpast"?:
                switch value(after: "DumpAst") {
                case .failure(let error): return .failure(error)
                case .success(let path):
                    state.action = .dumpAst(path: path)
                    return .success(state)
                }
            default:
                // An unknown switch is taken as a script name, as pwsh does; running it then
                // reports the file as missing and suggests the switches that contain the word.
                return parseFile(arguments, at: index, into: state)
            }
            index += 1
        }
        return .success(state)
    }

    /// The switch name of a word that starts with one or two dashes, or nil for anything else.
    static func switchKey(_ word: String) -> Substring? {
        var key = Substring(word)
        guard let first = key.first, isDash(first), key.count > 1 else { return nil }
        key = key.dropFirst()
        if let second = key.first, isDash(second) { key = key.dropFirst() }
        return key
    }

    /// The first switch (in pwsh's order) whose name starts with `key` and whose shortest form fits in it.
    static func matchingSwitch(_ key: Substring) -> Switch? {
        let lowered = key.lowercased()
        return switches.first { lowered.count >= $0.shortest.count && $0.name.hasPrefix(lowered) }
    }

    /// Switch names containing `word`, for the error about a script that does not exist but looks like a switch.
    public static func switchesContaining(_ word: String) -> [String] {
        guard let key = switchKey(word), !key.isEmpty else { return [] }
        let lowered = key.lowercased()
        return switches.filter { $0.name.count > 3 && $0.name.contains(lowered) }.map(\.display)
    }

    static func isDash(_ c: Character) -> Bool {
        c == "-" || c == "\u{2013}" || c == "\u{2014}" || c == "\u{2015}"
    }

    private static func parseCommand(_ arguments: [String], at start: Int, into state: Invocation,
                                     noExitSeen: Bool, stdinIsTerminal: Bool) -> Result<Invocation, InvocationError> {
        var state = state
        guard start < arguments.count else {
            return .failure(InvocationError("Missing value for parameter -Command.", showUsage: true))
        }
        if arguments[start] == "-" {
            guard start + 1 == arguments.count else {
                return .failure(InvocationError("-Command - reads the script from standard input and takes no further arguments.", showUsage: true))
            }
            guard !stdinIsTerminal else {
                return .failure(InvocationError("-Command - needs a script piped to standard input.", showUsage: true))
            }
            state.action = .commandFromStdin
            return .success(state)
        }
        state.action = .command(arguments[start...].joined(separator: " "))
        if !noExitSeen { state.noExit = false }
        return .success(state)
    }

    private static func parseFile(_ arguments: [String], at start: Int, into state: Invocation) -> Result<Invocation, InvocationError> {
        var state = state
        state.action = .file(path: arguments[start], arguments: scriptArguments(arguments[(start + 1)...]))
        return .success(state)
    }

    /// Classifies a script's words: `-Name value`, `-Name:value` (with `true`/`$false` becoming
    /// booleans so `-Switch:$false` works from a shell), a bare `-Switch`, or a positional word.
    static func scriptArguments(_ words: ArraySlice<String>) -> [CommandLineArgument] {
        var result: [CommandLineArgument] = []
        var pendingName: String?
        for word in words {
            if let name = pendingName {
                result.append(CommandLineArgument(parameterName: name, value: .string(word)))
                pendingName = nil
            } else if let first = word.first, isDash(first), word.count > 1 {
                let body = word.dropFirst()
                if let colon = body.firstIndex(of: ":") {
                    let name = String(body[..<colon])
                    let rest = body[body.index(after: colon)...]
                    if rest.isEmpty {
                        pendingName = name
                    } else {
                        result.append(CommandLineArgument(parameterName: name, value: booleanOrString(rest)))
                    }
                } else {
                    result.append(CommandLineArgument(parameterName: String(body), value: nil))
                }
            } else {
                result.append(.positional(word))
            }
        }
        if let name = pendingName {
            result.append(CommandLineArgument(parameterName: name, value: nil))
        }
        return result
    }

    private static func booleanOrString(_ text: Substring) -> CommandLineArgument.Value {
        let bare = text.first == "$" ? text.dropFirst() : text
        switch bare.lowercased() {
        case "true": return .bool(true)
        case "false": return .bool(false)
        default: return .string(String(text))
        }
    }
}
