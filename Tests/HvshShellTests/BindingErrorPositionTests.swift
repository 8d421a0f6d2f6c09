import Foundation
import XCTest

/// A parameter binding error points at what it is about, as PowerShell's ParameterBindingException
/// does: an unknown parameter name, a value that does not convert; an argument no position takes
/// has no place of its own and points at the whole command. Through the real `hvsh -File`.
final class BindingErrorPositionTests: HvshScriptTestCase {
    override var scriptName: String { "lab.ps1" }
    override var scriptColumns: Int? { 120 }

    func testPositionMessagesUnderlineTheOffendingArgument() throws {
        let result = try runScript("""
            function f([int]$n) { $n }
            function g { [CmdletBinding()] param([string]$a) $a }
            function pm($e) { $e.InvocationInfo.PositionMessage }
            try { f -n abc } catch { pm $_ }
            try { Get-Item -Path a -Bogus x } catch { pm $_ }
            try { f abc } catch { pm $_ }
            try { g x y } catch { pm $_ }
            """)
        let file = home.path + "/lab.ps1"
        XCTAssertEqual(result.stdout, """
            At \(file):4 char:12
            + try { f -n abc } catch { pm $_ }
            +            ~~~
            At \(file):5 char:24
            + try { Get-Item -Path a -Bogus x } catch { pm $_ }
            +                        ~~~~~~
            At \(file):6 char:9
            + try { f abc } catch { pm $_ }
            +         ~~~
            At \(file):7 char:7
            + try { g x y } catch { pm $_ }
            +       ~~~~~

            """, "binding errors should point at the argument (the whole command for an unplaced one); stderr: \(result.stderr)")
    }
}
