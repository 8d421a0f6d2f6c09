import PSLanguage

/// The lexer and parser on any bytes (not only UTF-8), the AST dump of what they built, and the
/// line scanner the shell uses to gather statements. The parser never throws; it must also never
/// trap, loop or recurse without bound.
enum ParserHarness {
    static func run(_ bytes: UnsafeRawBufferPointer) {
        let input = Array(bytes)
        let result = Parser.parse(bytes: input, fileName: "fuzz.ps1")
        _ = ASTDump.renderFlat(result.scriptBlock)
        for e in result.errors {
            fuzzInvariant(e.range.start <= e.range.end, "error range \(e.range) runs backwards")
        }
        var scanner = OpenGroupScanner()
        for line in String(decoding: input, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            scanner.feed(line: String(line))
        }
        _ = scanner.isCertainlyOpen
    }
}
