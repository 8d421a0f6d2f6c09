import Foundation
import XCTest

/// `$ErrorView`: NormalView and CategoryView for people who want Windows PowerShell 5.1's layout,
/// ConciseView (PowerShell 7's) by default; through the real `hvsh -File` on a 120-column console.
final class ErrorViewTests: HvshScriptTestCase {
    override var scriptName: String { "lab.ps1" }
    override var scriptColumns: Int? { 120 }

    func testNormalViewIsWindowsPowerShellsLayout() throws {
        let result = try runScript("""
            $ErrorView = 'NormalView'
            Get-Item /no/such/disk.vhdx
            gci /no/such/dir
            1/0
            Get-LabThing -Name x
            'still running'
            """)
        let file = home.path + "/lab.ps1"
        XCTAssertEqual(result.stdout, "still running\n")
        XCTAssertEqual(result.stderr, """
            Get-Item : Cannot find path '/no/such/disk.vhdx' because it does not exist.
            At \(file):2 char:1
            + Get-Item /no/such/disk.vhdx
            + ~~~~~~~~~~~~~~~~~~~~~~~~~~~
                + CategoryInfo          : ObjectNotFound: (/no/such/disk.vhdx:String) [Get-Item], ItemNotFoundException
                + FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand
             
            gci : Cannot find path '/no/such/dir' because it does not exist.
            At \(file):3 char:1
            + gci /no/such/dir
            + ~~~~~~~~~~~~~~~~
                + CategoryInfo          : ObjectNotFound: (/no/such/dir:String) [Get-ChildItem], ItemNotFoundException
                + FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.GetChildItemCommand
             
            Attempted to divide by zero.
            At \(file):4 char:1
            + 1/0
            + ~~~
                + CategoryInfo          : NotSpecified: (:) [], RuntimeException
                + FullyQualifiedErrorId : RuntimeException
             
            Get-LabThing : The term 'Get-LabThing' is not recognized as a name of a cmdlet, function, script file, or executable program.
            Check the spelling of the name, or if a path was included, verify that the path is correct and try again.
            At \(file):5 char:1
            + Get-LabThing -Name x
            + ~~~~~~~~~~~~
                + CategoryInfo          : ObjectNotFound: (Get-LabThing:String) [], CommandNotFoundException
                + FullyQualifiedErrorId : CommandNotFoundException
             

            """)
    }

    func testNormalViewCutsCategoryLinesAtTheConsoleWidthLessSix() throws {
        let result = try runScript("$ErrorView = 'NormalView'\nGet-Item /no/such/disk.vhdx", columns: 60)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let category = "+ CategoryInfo          : ObjectNotFound: (/no/such/disk.vhdx:String) [Get-Item], ItemNotFoundException"
        let chunks = stride(from: 0, to: category.count, by: 54).map { i -> String in
            let start = category.index(category.startIndex, offsetBy: i)
            return "    " + category[start..<category.index(start, offsetBy: min(54, category.count - i))]
        }
        XCTAssertEqual(chunks.count, 2)
        XCTAssertEqual(lines[4], chunks.joined(), result.stderr)
    }

    func testCategoryViewIsOneLinePerError() throws {
        let result = try runScript("""
            $ErrorView = 'CategoryView'
            Get-Item /no/such/disk.vhdx
            Write-Error 'lab failed' -Category ResourceUnavailable -TargetObject 'NAT'
            Get-Item /a/path/that/is/longer/than/forty/characters/x.vhdx
            """)
        XCTAssertEqual(result.stderr, """
            ObjectNotFound: (/no/such/disk.vhdx:String) [Get-Item], ItemNotFoundException
            ResourceUnavailable: (NAT:String) [Write-Error], WriteErrorException
            ObjectNotFound: (/a/path/that/is/lon…y/characters/x.vhdx:String) [Get-Item], ItemNotFoundException

            """)
    }

    func testConciseViewStaysTheDefaultAndErrorViewIsAnEnum() throws {
        let result = try runScript("""
            "$ErrorView $($ErrorView.GetType().FullName)"
            Get-Item /no/such/disk.vhdx
            """)
        XCTAssertEqual(result.stdout, "ConciseView System.Management.Automation.ErrorView\n")
        XCTAssertEqual(result.stderr, """
            Get-Item: \(home.path)/lab.ps1:2
            Line |
               2 |  Get-Item /no/such/disk.vhdx
                 |  ~~~~~~~~~~~~~~~~~~~~~~~~~~~
                 | Cannot find path '/no/such/disk.vhdx' because it does not exist.

            """)
        // The global variable converts to the enum, so a misspelt view is refused there.
        let global = try HvshProcess.run(["-NoProfile", "-Command", "$ErrorView = 'NoSuchView'; \"$ErrorView\""], home: home.path)
        XCTAssertEqual(global.stdout, "ConciseView\n")
        XCTAssertTrue(global.stderr.contains("Cannot convert value \"NoSuchView\" to type \"System.Management.Automation.ErrorView\""),
                      global.stderr)
    }

    func testAnyOtherViewNameInAScriptIsNormalView() throws {
        // A script's own $ErrorView is a new variable without the global one's type, and PowerShell's
        // error view falls back to NormalView for a name it does not know.
        let result = try runScript("$ErrorView = 'Windows'\n1/0")
        XCTAssertTrue(result.stderr.hasPrefix("Attempted to divide by zero.\nAt "), result.stderr)
    }

    func testParseErrorsInNormalView() throws {
        let result = try HvshProcess.run(["-NoProfile"], stdin: "$ErrorView = 'NormalView'\nif (\n",
                                         home: home.path, environment: ["COLUMNS": "120"])
        XCTAssertTrue(result.stderr.hasPrefix("""
            At line:1 char:5
            + if (
            +     ~
            Missing condition in if statement after 'if ('.
            """), result.stderr)
        XCTAssertTrue(result.stderr.contains("""
                + CategoryInfo          : ParserError: (:) [], ParentContainsErrorRecordException
                + FullyQualifiedErrorId : IfStatementMissingCondition
            """), result.stderr)
    }
}
