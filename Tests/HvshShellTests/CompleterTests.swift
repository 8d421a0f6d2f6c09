import XCTest
@testable import HvshShell

/// A fixed catalog, standing in for the runtime's registry so the completion rules can be checked
/// on their own; the pseudo-terminal tests exercise the real registry.
private struct FixedCatalog: CompletionCatalog {
    func commandNames() -> [String] { ["Get-VMProcessor", "Get-VM", "Set-VMProcessor", "New-VMSwitch", "gvm"] }
    func parameters(ofCommand name: String) -> [CompletionParameter]? {
        switch name.lowercased() {
        case "set-vmprocessor":
            return [CompletionParameter(name: "VMName"), CompletionParameter(name: "Count"),
                    CompletionParameter(name: "ExposeVirtualizationExtensions"),
                    CompletionParameter(name: "Passthru", isSwitch: true)]
        case "new-vmswitch":
            return [CompletionParameter(name: "Name", aliases: ["SwitchName"]),
                    CompletionParameter(name: "SwitchType", allowedValues: ["Internal", "Private", "External"])]
        default: return nil
        }
    }
    func variableNames() -> [String] { ["PSVersionTable", "PWD", "HOME", "null"] }
    func objectNames(command: String, parameter: String) -> [String] {
        parameter == "VMName" ? ["Server2016", "Lab VM"] : []
    }
}

final class CompleterTests: XCTestCase {
    private var completer = Completer(catalog: FixedCatalog(), pathExecutables: { ["ip", "iptables", "ls"] })

    func testCommandNamesByCaseInsensitivePrefix() {
        XCTAssertEqual(completer.complete("get-vmpro"), CompletionResult(replaceLength: 9, candidates: ["Get-VMProcessor"]))
        XCTAssertEqual(completer.complete("Get-VM").candidates, ["Get-VM", "Get-VMProcessor"])
        XCTAssertEqual(completer.complete("$x = 1; Set-VMP").candidates, ["Set-VMProcessor"])
        XCTAssertEqual(completer.complete("Get-VM | Set-VMP").replaceLength, 7)
    }

    func testExecutablesOnPathWhenNoCommandMatches() {
        XCTAssertEqual(completer.complete("ip").candidates, ["ip", "iptables"])
    }

    func testParameterNames() {
        XCTAssertEqual(completer.complete("Set-VMProcessor -Expo"),
                       CompletionResult(replaceLength: 5, candidates: ["-ExposeVirtualizationExtensions"]))
        XCTAssertEqual(completer.complete("Set-VMProcessor -VMName x -").candidates,
                       ["-VMName", "-Count", "-ExposeVirtualizationExtensions", "-Passthru"])
        XCTAssertEqual(completer.complete("Unknown-Thing -x").candidates, [])
    }

    func testEnumValuesAfterAnEnumParameter() {
        XCTAssertEqual(completer.complete("New-VMSwitch -Name a -SwitchType ").candidates, ["Internal", "Private", "External"])
        XCTAssertEqual(completer.complete("New-VMSwitch -SwitchType in").candidates, ["Internal"])
        XCTAssertEqual(completer.complete("New-VMSwitch -switcht p").candidates, ["Private"], "a parameter prefix resolves")
    }

    func testInventoryNamesQuotedWhenNeeded() {
        XCTAssertEqual(completer.complete("Set-VMProcessor -VMName ").candidates, ["Server2016", "'Lab VM'"])
        XCTAssertEqual(completer.complete("Set-VMProcessor -VMName “L").candidates, ["“Lab VM\""])
    }

    func testVariables() {
        XCTAssertEqual(completer.complete("echo $P").candidates, ["$PSVersionTable", "$PWD"])
        XCTAssertEqual(completer.complete("$h").candidates, ["$HOME"])
    }

    func testPathsFromTheFileSystem() throws {
        var template = Array("/tmp/hvsh-complete-XXXXXX".utf8CString)
        guard mkdtemp(&template) != nil else { throw XCTSkip("mkdtemp failed") }
        let root = String(cString: template)
        defer { removeTree(root) }
        mkdir(root + "/labs", 0o755)
        close(open(root + "/lab one.ps1", O_CREAT | O_WRONLY, 0o644))
        close(open(root + "/labs/article-lab.ps1", O_CREAT | O_WRONLY, 0o644))

        XCTAssertEqual(completer.complete("Get-Content \(root)/la").candidates, ["'\(root)/lab one.ps1'", "\(root)/labs/"])
        XCTAssertEqual(completer.complete("Get-Content \(root)/labs/").candidates, ["\(root)/labs/article-lab.ps1"])
        XCTAssertEqual(completer.complete("\(root)/labs/art").candidates, ["\(root)/labs/article-lab.ps1"])
    }

    func testLineScannerFindsTheCommandOfThePipelineElement() {
        let line = CompletionLine(scanning: "Get-VM 'a b' | Set-VMProcessor -Count 2 -Ex")
        XCTAssertEqual(line.previousWords, ["Set-VMProcessor", "-Count", "2"])
        XCTAssertEqual(line.word, "-Ex")
        XCTAssertEqual(CompletionLine(scanning: "Get-VM 'a b").openQuote, "'")
        XCTAssertEqual(CompletionLine(scanning: "Get-VM 'a b' ").previousWords, ["Get-VM", "a b"])
    }
}
