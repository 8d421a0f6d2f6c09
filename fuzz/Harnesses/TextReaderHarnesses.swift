import JSONText
import PSCommands
import PSRuntime

/// A session for the reader targets: ConvertFrom-Json / ConvertFrom-Csv and the formatter over what
/// they return, with host access off. One session serves every input (these commands keep no state).
enum ReaderSession {
    // libFuzzer (and the replayer) call a target from one thread only.
    nonisolated(unsafe) static let shared: ShellSession = {
        ResourceLimits.maxAllocationBytes = 64 << 20
        let session = ShellSession(host: DiscardingHost(), modules: [EvaluatorHarness.module])
        session.hostAccess = .none
        return session
    }()

    /// Runs `script` with `$text` set to the input. The script is parsed and compiled once (as a
    /// script block), not for every input.
    static func run(_ script: String, text: String) {
        let session = shared
        session.setGlobalVariable("text", .string(text))
        _ = try? session.invoke(compiled(script, in: session))
    }

    nonisolated(unsafe) private static var blocks: [ObjectIdentifier: [String: PSScriptBlock]] = [:]

    /// `script` as a script block of `session`, compiled on first use.
    static func compiled(_ script: String, in session: ShellSession) -> PSScriptBlock {
        if let block = blocks[ObjectIdentifier(session)]?[script] { return block }
        guard case .scriptBlock(let block)? = try? session.invoke("{\n\(script)\n}").first else {
            fatalError("fuzz harness: the script does not compile: \(script)")
        }
        blocks[ObjectIdentifier(session), default: [:]][script] = block
        return block
    }
}

/// The JSON reader: any text either parses or fails with Json.NET's message; what parses must come
/// back unchanged through the writer (ConvertTo-Json's layout) and the reader again. Then the whole
/// ConvertFrom-Json path, with the formatter over the objects it makes.
enum JSONHarness {
    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count <= 64 << 10 else { return }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let node = try? JSONReader.read(text) else {
            ReaderSession.run("try { $text | ConvertFrom-Json | Out-Null } catch {}", text: text)
            return
        }
        for compress in [true, false] {
            let written = JSONWriter.write(node, compress: compress)
            guard let again = try? JSONReader.read(written) else {
                fuzzInvariant(false, "the writer's output does not parse: \(written.prefix(200))")
                return
            }
            fuzzInvariant(again == node, "write/read changed the value: \(written.prefix(200))")
        }
        ReaderSession.run("try { $text | ConvertFrom-Json | Format-List * | Out-String | Out-Null } catch {}", text: text)
    }
}

/// The CSV reader: records from any text, then ConvertFrom-Csv (header rules, duplicate names) and
/// the formatter over the objects.
enum CSVHarness {
    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count <= 64 << 10 else { return }
        let text = String(decoding: bytes, as: UTF8.self)
        let records = CSVText.records(text)
        for record in records { _ = CSVText.line(record, quoting: .asNeeded) }
        ReaderSession.run("try { $text | ConvertFrom-Csv | Format-Table * | Out-String | Out-Null } catch {}", text: text)
    }
}
