import Foundation
import XCTest
import PSLanguage

/// `grammar/powershell.ebnf` documents the supported language; every `(* example: ... *)` block in it
/// must parse without errors, so the grammar's examples stay true to the parser.
final class GrammarExamplesTests: XCTestCase {
    static func examples() throws -> [String] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("grammar/powershell.ebnf")
        let text = try String(contentsOf: url, encoding: .utf8)
        var out: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "(* example:") {
            guard let close = rest[open.upperBound...].range(of: "*)") else { break }
            out.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return out
    }

    func testEveryGrammarExampleParses() throws {
        let examples = try Self.examples()
        XCTAssertGreaterThanOrEqual(examples.count, 12)
        for ex in examples {
            let r = Parser.parse(ex)
            XCTAssertEqual(r.errors, [], ex)
            XCTAssertFalse(r.scriptBlock.endBlock?.body.statements.isEmpty ?? true
                           && r.scriptBlock.processBlock == nil && r.scriptBlock.paramBlock == nil, ex)
        }
    }

    /// The example about `param` really produces a param block with its attributes.
    func testParamExampleShape() throws {
        let ex = try XCTUnwrap(Self.examples().first { $0.contains("[CmdletBinding(SupportsShouldProcess)]") })
        let sb = Parser.parse(ex).scriptBlock
        let param = try XCTUnwrap(sb.paramBlock)
        XCTAssertEqual(param.attributes.map(\.typeName.name), ["CmdletBinding"])
        XCTAssertEqual(param.parameters.map(\.name.name), ["SwitchType", "Count", "Force"])
        XCTAssertEqual(param.parameters.map { $0.typeConstraint?.name }, ["string", "int", "switch"])
        XCTAssertNotNil(sb.beginBlock)
        XCTAssertNotNil(sb.processBlock)
        XCTAssertNotNil(sb.endBlock)
    }
}
