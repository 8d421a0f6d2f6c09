import Foundation
import XCTest

/// -Include, -Exclude and -Filter of Remove-Item, Copy-Item and Get-ChildItem with PowerShell's
/// meaning, through the real `hvsh -File`: what is deleted and, above all, what is kept.
final class ItemFilterTests: XCTestCase {
    private var home: ScratchDirectory!

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        home = HvshProcess.makeHome()
    }

    override func tearDown() { home?.remove() }

    /// A tree: lab/{a.vhdx, b.vhdx, notes.txt, sub/{c.vhdx, keep.txt}}; the script runs, then every file
    /// still there is listed.
    private func runOnTree(_ script: String) throws -> (listing: String, result: HvshProcess.Result) {
        let file = home.write("main.ps1", """
            New-Item -ItemType Directory lab/sub -Force | Out-Null
            foreach ($f in 'lab/a.vhdx', 'lab/b.vhdx', 'lab/notes.txt', 'lab/sub/c.vhdx', 'lab/sub/keep.txt') { Set-Content $f 'x' }
            \(script)
            "--"
            if (Test-Path lab) { Get-ChildItem lab -Recurse -Name | Sort-Object } else { 'lab gone' }
            """)
        let result = try HvshProcess.run(["-NoProfile", "-File", file], home: home.path, directory: home.path)
        let listing = result.stdout.components(separatedBy: "--\n").last ?? ""
        return (listing, result)
    }

    func testRemoveItemWithIncludeOnAWildcardPathRemovesOnlyMatches() throws {
        let (listing, result) = try runOnTree("Remove-Item lab\\* -Include *.vhdx")
        XCTAssertEqual(listing, "notes.txt\nsub\nsub/c.vhdx\nsub/keep.txt\n", result.stderr)
    }

    func testRemoveItemWithExcludeKeepsTheExcluded() throws {
        let (listing, result) = try runOnTree("Remove-Item lab/* -Exclude *.txt, sub")
        XCTAssertEqual(listing, "notes.txt\nsub\nsub/c.vhdx\nsub/keep.txt\n", result.stderr)
    }

    func testRemoveItemRecurseWithIncludeSearchesTheTreeAndKeepsTheRest() throws {
        let (listing, result) = try runOnTree("Remove-Item lab -Recurse -Include *.vhdx")
        XCTAssertEqual(listing, "notes.txt\nsub\nsub/keep.txt\n", result.stderr)
    }

    func testRemoveItemRecurseWithExcludeKeepsExcludedFoldersAndSearchesThem() throws {
        let (listing, result) = try runOnTree("Remove-Item lab -Recurse -Exclude sub")
        // `sub` is excluded, so it stays and its own items are judged in turn; `lab` still holds it.
        XCTAssertEqual(listing, "sub\n", result.stderr)
    }

    func testRemoveItemRecurseWithExcludeJudgesNamesNotWhatAMatchingFolderHolds() throws {
        // PowerShell deletes a matching folder whole: the excluded name inside it does not save it
        // (its documented -Recurse/-Exclude caveat), and then `lab` is empty and matches too.
        let (listing, result) = try runOnTree("Remove-Item lab -Recurse -Exclude keep.txt")
        XCTAssertEqual(listing, "lab gone\n", result.stderr)
    }

    func testRemoveItemRecurseWithFilterRemovesMatchingFilesAndReportsWhatIsNotEmpty() throws {
        let (listing, result) = try runOnTree("Remove-Item lab -Recurse -Filter *.vhdx -ErrorVariable e -ErrorAction SilentlyContinue; \"errors: $($e.Count) $($e[0].FullyQualifiedErrorId)\"")
        XCTAssertEqual(listing, "notes.txt\nsub\nsub/keep.txt\n", result.stderr)
        XCTAssertTrue(result.stdout.contains("errors: 2 DirectoryNotEmpty,Microsoft.PowerShell.Commands.RemoveItemCommand"), result.stdout)
    }

    func testRemoveItemOnAPathThatDoesNotMatchTheIncludeRemovesNothing() throws {
        let (listing, result) = try runOnTree("Remove-Item lab/notes.txt -Include *.vhdx; Remove-Item lab/a.vhdx -Exclude *.vhdx")
        XCTAssertEqual(listing, "a.vhdx\nb.vhdx\nnotes.txt\nsub\nsub/c.vhdx\nsub/keep.txt\n", result.stderr)
    }

    func testCopyItemAndGetChildItemHonourTheFilters() throws {
        let (listing, result) = try runOnTree("""
            Copy-Item lab/* -Destination . -Include *.txt
            Copy-Item lab -Destination copy -Recurse -Exclude *.vhdx
            "copied: $((Get-ChildItem copy -Recurse -File -Name | Sort-Object) -join ',') top: $(Test-Path notes.txt) $(Test-Path a.vhdx)"
            "gci: $((Get-ChildItem lab -Recurse -Include *.vhdx -Name | Sort-Object) -join ',')"
            "gci filter: $((Get-ChildItem lab -Filter *.txt -Name) -join ',')"
            """)
        XCTAssertTrue(result.stdout.contains("copied: notes.txt,sub/keep.txt top: True False\n"), result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("gci: a.vhdx,b.vhdx,sub/c.vhdx\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("gci filter: notes.txt\n"), result.stdout)
        XCTAssertEqual(listing, "a.vhdx\nb.vhdx\nnotes.txt\nsub\nsub/c.vhdx\nsub/keep.txt\n")
    }
}
