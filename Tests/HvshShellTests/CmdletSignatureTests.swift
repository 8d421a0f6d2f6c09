import Foundation
import HvshShell
import PSRuntime
import XCTest

/// Every cmdlet's parameters as the binder sees them (names, types, aliases, sets, positions,
/// pipeline binding, validation, defaults) and as `Get-Command -Syntax` prints them, compared with a
/// golden file. Changing how cmdlets declare parameters must not change what they accept.
final class CmdletSignatureTests: XCTestCase {
    static let goldenPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/cmdlet-signatures.txt").path

    func testEveryCmdletKeepsItsSignature() throws {
        let actual = Self.signatures()
        if ProcessInfo.processInfo.environment["HVSH_UPDATE_GOLDEN"] == "1" {
            try actual.write(toFile: Self.goldenPath, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOfFile: Self.goldenPath, encoding: .utf8)
        let goldenLines = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, pair) in zip(goldenLines, actualLines).enumerated() where pair.0 != pair.1 {
            XCTFail("line \(index + 1) differs:\n  golden: \(pair.0)\n  actual: \(pair.1)")
            return
        }
        XCTAssertEqual(goldenLines.count, actualLines.count, "a cmdlet or parameter was added or removed")
    }

    static func signatures() -> String {
        let host = BufferHost(width: 4000)
        let session = ShellSession(host: host, modules: ShellModules.all)
        var out = ""
        for entry in session.registry.allCmdlets {
            let d = entry.declaration
            out += "\(d.name) default=\(d.defaultParameterSet ?? "-") shouldProcess=\(d.supportsShouldProcess) impact=\(d.confirmImpact) outputs=\(d.outputTypes) class=\(entry.metadata.errorIdSource)\n"
            for p in d.parameters {
                out += "  \(p.name) \(p.type.fullName) aliases=\(p.aliases) dontShow=\(p.dontShow) default=\(p.defaultValueText ?? "-")\n"
                for s in p.sets {
                    out += "    set=\(s.setName) pos=\(s.position.map(String.init) ?? "-") mandatory=\(s.mandatory) pipe=\(s.valueFromPipeline) byName=\(s.valueFromPipelineByPropertyName) rest=\(s.valueFromRemainingArguments)\n"
                }
                for v in p.validations { out += "    validate \(describe(v))\n" }
                let allowed = [(ParameterAllowance.null, "AllowNull"), (.emptyString, "AllowEmptyString"),
                               (.emptyCollection, "AllowEmptyCollection")].filter { p.allow.contains($0.0) }.map(\.1)
                if !allowed.isEmpty { out += "    \(allowed.joined(separator: " "))\n" }
            }
        }
        _ = session.run("Get-Command -CommandType Cmdlet | Sort-Object Name | ForEach-Object { Get-Command $_.Name -Syntax }")
        out += "--- syntax ---\n" + host.output + host.other
        return out
    }

    static func describe(_ v: ParameterValidation) -> String {
        switch v {
        case .set(let values, let ignoreCase): return "set \(values) ignoreCase=\(ignoreCase)"
        case .range(let min, let max): return "range \(min.map { "\($0)" } ?? "-")..\(max.map { "\($0)" } ?? "-")"
        case .notNull: return "notNull"
        case .notNullOrEmpty: return "notNullOrEmpty"
        case .pattern(let p): return "pattern \(p)"
        case .count(let min, let max): return "count \(min)..\(max)"
        case .length(let min, let max): return "length \(min)..\(max)"
        case .custom: return "custom"
        case .notPositionally: return "notPositionally"
        }
    }
}
