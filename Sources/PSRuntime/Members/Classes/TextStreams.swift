import Foundation

/// System.IO.StreamWriter and StreamReader over a host file: what scripts write logs and read
/// answer files with, line by line. They act on the host, so a sandbox refuses them.
enum TextStreams {
    static let writerType = "System.IO.StreamWriter"
    static let readerType = "System.IO.StreamReader"

    private static func ctorError(_ args: [PSValue], _ message: String, _ type: String) -> PSRuntimeError {
        DotNetErrors.methodInvocation(".ctor", argumentCount: args.count,
            PSRuntimeError.message(message, errorId: String(type.split(separator: ".").last!), category: .notSpecified, exceptionType: type))
    }

    private static func path(_ args: [PSValue], session: ShellSession, what: String) throws -> String {
        try session.requireHostAccess("Using \(what)")
        guard let first = args.first else { throw Members.argCount("new", 0) }
        if first.isNull { throw DotNetErrors.methodInvocation(".ctor", argumentCount: args.count, DotNetErrors.argumentNull(parameter: "path")) }
        let text = PSConvert.toString(first)
        if text.isEmpty {
            throw DotNetErrors.methodInvocation(".ctor", argumentCount: args.count, DotNetErrors.argument("Empty path name is not legal. (Parameter 'path')"))
        }
        return session.resolvePath(text)
    }

    private static func disposed(_ method: String, _ count: Int, _ message: String) -> PSRuntimeError {
        DotNetErrors.methodInvocation(method, argumentCount: count,
            PSRuntimeError.message(message, errorId: "ObjectDisposedException", category: .notSpecified, exceptionType: "System.ObjectDisposedException"))
    }

    // MARK: StreamWriter

    static func writer(_ args: [PSValue], session: ShellSession) throws -> PSValue {
        guard (1...3).contains(args.count) else { throw Members.argCount("new", args.count) }
        let target = try path(args, session: session, what: writerType)
        let append = args.count > 1 && PSConvert.toBool(args[1])
        let directory = (target as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.isEmpty ? "." : directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ctorError(args, "Could not find a part of the path '\(target)'.", "System.IO.DirectoryNotFoundException")
        }
        if !append || !FileManager.default.fileExists(atPath: target) {
            guard FileManager.default.createFile(atPath: target, contents: nil) else {
                throw ctorError(args, "Access to the path '\(target)' is denied.", "System.UnauthorizedAccessException")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: target) else {
            throw ctorError(args, "Access to the path '\(target)' is denied.", "System.UnauthorizedAccessException")
        }
        handle.seekToEndOfFile()
        // Text goes to the file at once whatever AutoFlush says; the flag is kept for scripts that read it back.
        final class State { var handle: FileHandle?; var newLine = "\n"; var autoFlush = false; init(_ h: FileHandle) { handle = h } }
        let state = State(handle)
        let o = PSObject(typeNames: [writerType, "System.IO.TextWriter", "System.MarshalByRefObject", "System.Object"], baseObject: state)
        o.addProperty("AutoFlush", get: { _ in .bool(state.autoFlush) }, set: { _, v in state.autoFlush = PSConvert.toBool(v) })
        o.addProperty("NewLine", get: { _ in .string(state.newLine) }, set: { _, v in state.newLine = PSConvert.toString(v) })
        func write(_ method: String, _ count: Int, _ text: String) throws {
            guard let h = state.handle else { throw disposed(method, count, "Cannot write to a closed TextWriter.") }
            h.write(Data(text.utf8))
        }
        o.addVoidMethod("Write") { _, args in
            guard !args.isEmpty else { throw Members.argCount("Write", 0) }
            let text = args.count == 1 ? PSConvert.toString(args[0]) : try PSFormat.format(PSConvert.toString(args[0]), Array(args.dropFirst()))
            try write("Write", args.count, text)
        }
        o.addVoidMethod("WriteLine") { _, args in
            let text = args.isEmpty ? "" : args.count == 1 ? PSConvert.toString(args[0]) : try PSFormat.format(PSConvert.toString(args[0]), Array(args.dropFirst()))
            try write("WriteLine", args.count, text + state.newLine)
        }
        o.addVoidMethod("Flush") { _, args in
            if state.handle == nil { throw disposed("Flush", args.count, "Cannot write to a closed TextWriter.") }
        }
        let close: (PSObject, [PSValue]) throws -> Void = { _, _ in state.handle?.closeFile(); state.handle = nil }
        o.addVoidMethod("Close", close)
        o.addVoidMethod("Dispose", close)
        o.toStringHandler = { _ in writerType }
        return .object(o)
    }

    // MARK: StreamReader

    static func reader(_ args: [PSValue], session: ShellSession) throws -> PSValue {
        guard (1...3).contains(args.count) else { throw Members.argCount("new", args.count) }
        let target = try path(args, session: session, what: readerType)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: target) else {
            if isDirectory.boolValue { throw ctorError(args, "Access to the path '\(target)' is denied.", "System.UnauthorizedAccessException") }
            throw ctorError(args, "Could not find file '\(target)'.", "System.IO.FileNotFoundException")
        }
        // The whole file is read at once (answer files and logs are small); a UTF-8 BOM is skipped.
        var text = Array(String(decoding: data, as: UTF8.self).utf16)
        if text.first == 0xFEFF { text.removeFirst() }
        final class State { var units: [UInt16]; var position = 0; var closed = false; init(_ u: [UInt16]) { units = u } }
        let state = State(text)
        let o = PSObject(typeNames: [readerType, "System.IO.TextReader", "System.MarshalByRefObject", "System.Object"], baseObject: state)
        func open(_ method: String, _ count: Int) throws {
            if state.closed { throw disposed(method, count, "Cannot read from a closed TextReader.") }
        }
        o.addProperty("EndOfStream", get: { _ in
            try open("get_EndOfStream", 0)
            return .bool(state.position >= state.units.count)
        })
        o.addMethod("ReadLine") { _, args in
            try open("ReadLine", args.count)
            guard state.position < state.units.count else { return .null }
            var end = state.position
            while end < state.units.count, state.units[end] != 10, state.units[end] != 13 { end += 1 }
            let line = String(decoding: state.units[state.position..<end], as: UTF16.self)
            if end < state.units.count, state.units[end] == 13 { end += 1 }
            if end < state.units.count, state.units[end] == 10, end == state.position || state.units[end - 1] != 10 { end += 1 }
            state.position = end
            return .string(line)
        }
        o.addMethod("ReadToEnd") { _, args in
            try open("ReadToEnd", args.count)
            let rest = String(decoding: state.units[min(state.position, state.units.count)...], as: UTF16.self)
            state.position = state.units.count
            return .string(rest)
        }
        o.addMethod("Peek") { _, args in
            try open("Peek", args.count)
            return .int(state.position < state.units.count ? Int32(state.units[state.position]) : -1)
        }
        o.addMethod("Read") { _, args in
            try open("Read", args.count)
            guard state.position < state.units.count else { return .int(-1) }
            state.position += 1
            return .int(Int32(state.units[state.position - 1]))
        }
        let close: (PSObject, [PSValue]) throws -> Void = { _, _ in state.closed = true }
        o.addVoidMethod("Close", close)
        o.addVoidMethod("Dispose", close)
        o.toStringHandler = { _ in readerType }
        return .object(o)
    }
}
