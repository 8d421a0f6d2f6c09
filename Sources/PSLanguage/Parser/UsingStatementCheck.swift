import Foundation

extension ParserEngine {
    /// PowerShell's checks on `using namespace Name` at the top of a script: an alias
    /// (`using namespace A = B`) is UsingStatementNotSupported over the statement, and a name that is not
    /// `identifier(.identifier)*` (quotes around it allowed) is InvalidNamespaceValue at the name.
    /// Returns where parsing resumes when the alias is not a name (PowerShell's parser reads on after
    /// the error statement there: `using namespace x = &` then has `&` as a statement).
    @discardableResult
    func checkUsingNamespace(start: Int, keywordEnd: Int, lineEnd: Int) -> Int? {
        var i = keywordEnd
        func skipSpaces() { while i < lineEnd && (src[i] == UInt8(ascii: " ") || src[i] == UInt8(ascii: "\t")) { i += 1 } }
        skipSpaces()
        let wordStart = i
        while i < lineEnd && isASCIILetter(src[i]) { i += 1 }
        guard string(wordStart, i).lowercased() == "namespace" else { return nil }
        skipSpaces()
        let nameStart = i
        var name: String
        if let quoted = quotedName(at: i, lineEnd: lineEnd) {
            name = quoted.name
            i = quoted.end
        } else {
            var j = i
            while j < lineEnd && src[j] != UInt8(ascii: " ") && src[j] != UInt8(ascii: "\t") && src[j] != UInt8(ascii: "=") { j += 1 }
            name = string(i, j)
            i = j
        }
        skipSpaces()
        if i < lineEnd && src[i] == UInt8(ascii: "=") {
            // The alias PowerShell's UsingStatementRule reads after `=`: none is MissingNamespaceAlias
            // just after the `=`; a `,` is UnexpectedUnaryOperator; `&` is no value for a name.
            let equalsEnd = i + 1
            i = equalsEnd
            skipSpaces()
            if i >= lineEnd {
                report(.missingNamespaceAlias, at: .empty(at: equalsEnd), incomplete: isAtEndOfScript(equalsEnd))
                return nil
            }
            if src[i] == UInt8(ascii: ",") {
                report(.unexpectedUnaryOperator(","), at: SourceRange(start: i, end: i + 1))
                return i + 1
            }
            if src[i] == UInt8(ascii: "&") {
                report(.invalidValueForUsingItemName("&"), at: SourceRange(start: i, end: i + 1))
                return i
            }
            // A complete alias is read, but PowerShell does not support it.
            var e = lineEnd
            while e > start && (src[e - 1] == UInt8(ascii: " ") || src[e - 1] == UInt8(ascii: "\t")) { e -= 1 }
            report(.usingStatementNotSupported, at: SourceRange(start: start, end: e))
            return nil
        }
        if !Self.isNamespaceName(name) {
            report(.invalidNamespaceValue, at: SourceRange(start: nameStart, end: max(nameStart, i)))
        }
        return nil
    }

    /// A name in quotes at `i` (a missing closing quote ends it at the line's end): its text and
    /// where the statement goes on after it; nil when no quote starts there.
    private func quotedName(at i: Int, lineEnd: Int) -> (name: String, end: Int)? {
        guard i < lineEnd, src[i] == UInt8(ascii: "'") || src[i] == UInt8(ascii: "\"") else { return nil }
        let quote = src[i]
        var j = i + 1
        while j < lineEnd && src[j] != quote { j += 1 }
        return (string(i + 1, j), min(j + 1, lineEnd))
    }

    /// `using assembly X` as PowerShell's ResolveUsingAssembly checks it when parsing: a UNC path is
    /// CannotLoadAssemblyFromUncPath, a URI other than a file's CannotLoadAssemblyWithUriSchema, and a
    /// name that is not rooted must be a file beside the script (or in the working directory),
    /// else ErrorLoadingAssembly; each at the name.
    func checkUsingAssembly(keywordEnd: Int, lineEnd: Int) {
        var i = keywordEnd
        func skipSpaces() { while i < lineEnd && (src[i] == UInt8(ascii: " ") || src[i] == UInt8(ascii: "\t")) { i += 1 } }
        skipSpaces()
        let wordStart = i
        while i < lineEnd && isASCIILetter(src[i]) { i += 1 }
        guard string(wordStart, i).lowercased() == "assembly" else { return }
        skipSpaces()
        let itemStart = i
        var itemEnd = lineEnd
        var name: String
        if let quoted = quotedName(at: i, lineEnd: lineEnd) {
            name = quoted.name
            itemEnd = quoted.end
        } else {
            while itemEnd > itemStart && (src[itemEnd - 1] == UInt8(ascii: " ") || src[itemEnd - 1] == UInt8(ascii: "\t")) { itemEnd -= 1 }
            name = string(itemStart, itemEnd)
        }
        guard !name.isEmpty else { return }
        let range = SourceRange(start: itemStart, end: itemEnd)
        if name.hasPrefix("\\\\") || name.hasPrefix("//") {
            report(.cannotLoadAssemblyFromUncPath(name), at: range)
            return
        }
        if let colon = name.firstIndex(of: ":"), name.distance(from: name.startIndex, to: colon) > 1 {
            let scheme = name[..<colon]
            if let first = scheme.first, first.isLetter,
               scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }) {
                if scheme.lowercased() != "file" { report(.cannotLoadAssemblyWithUriSchema(scheme.lowercased()), at: range) }
                return
            }
        }
        // Rooted paths (and drive-letter paths) are file URIs to .NET: not checked here.
        if name.hasPrefix("/") || (name.count > 1 && name.dropFirst().first == ":") { return }
        let directory = text.fileName.map { ($0 as NSString).deletingLastPathComponent } ?? FileManager.default.currentDirectoryPath
        let path = (directory as NSString).appendingPathComponent(name.replacingOccurrences(of: "\\", with: "/"))
        if !FileManager.default.fileExists(atPath: path) { report(.errorLoadingAssembly(name), at: range) }
    }

    private static func isNamespaceName(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.allSatisfy { part in
            guard let first = part.unicodeScalars.first,
                  first == "_" || first.properties.isAlphabetic else { return false }
            return part.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || $0.properties.numericType == .decimal }
        }
    }
}
