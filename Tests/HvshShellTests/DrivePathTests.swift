import Foundation
import XCTest

/// Paths as lab scripts write them, through the real `hvsh -File`: the one resolver (`\` and `/`,
/// relative to the current location, stored absolute), the `C:` drive under the inventory root,
/// Get-PSDrive/New-PSDrive/Remove-PSDrive, and Hyper-V cmdlets taking and showing drive paths.
final class DrivePathTests: HvshScriptTestCase {

    /// The inventory root HvshProcess gives hvsh, and so the C: drive's folder.
    private var driveC: String { home.path + "/hvsh-state/C" }

    func testTheCDriveLiesUnderTheInventoryRootAndPrintsAsWindowsDoes() throws {
        let result = try runScript("""
            Set-Location C:\\
            "pwd=$pwd"
            New-Item -ItemType Directory 'Hyper-V\\Virtual Hard Disks' | Out-Null
            Set-Content -Path 'C:\\Hyper-V\\Virtual Hard Disks\\notes.txt' -Value 'hello'
            cd 'Hyper-V'
            "location=$((Get-Location).Path) provider=$((Get-Location).ProviderPath)"
            Get-Content '.\\Virtual Hard Disks\\notes.txt'
            "join=$(Join-Path $pwd 'Virtual Hard Disks/x.vhdx')"
            "parent=$(Split-Path 'C:\\Hyper-V\\Virtual Hard Disks\\x.vhdx')"
            "leaf=$(Split-Path 'C:\\Hyper-V\\Virtual Hard Disks\\x.vhdx' -Leaf)"
            "qualifier=$(Split-Path 'C:\\Hyper-V\\x' -Qualifier) noqualifier=$(Split-Path 'C:\\Hyper-V\\x' -NoQualifier)"
            "root parent=[$(Split-Path 'C:\\' -Parent)] top=$(Split-Path 'C:\\Hyper-V' -Parent)"
            "resolved=$(Resolve-Path 'C:/Hyper-V/Virtual Hard Disks/*.txt')"
            "relative=$(Resolve-Path '.\\Virtual Hard Disks\\notes.txt' -Relative)"
            "test=$(Test-Path 'C:\\Hyper-V\\Virtual Hard Disks\\notes.txt') $(Test-Path 'C:\\nothing\\here')"
            cd ..\\..\\..
            "above root=$pwd"
            cd /tmp
            cd C:
            "back on C: $pwd"
            """)
        XCTAssertEqual(result.stdout, """
            pwd=C:\\
            location=C:\\Hyper-V provider=\(driveC)/Hyper-V
            hello
            join=C:\\Hyper-V\\Virtual Hard Disks\\x.vhdx
            parent=C:\\Hyper-V\\Virtual Hard Disks
            leaf=x.vhdx
            qualifier=C: noqualifier=\\Hyper-V\\x
            root parent=[] top=C:\\
            resolved=C:\\Hyper-V\\Virtual Hard Disks\\notes.txt
            relative=.\\Virtual Hard Disks\\notes.txt
            test=True False
            above root=C:\\
            back on C: C:\\

            """, result.stderr)
        XCTAssertEqual(try String(contentsOfFile: driveC + "/Hyper-V/Virtual Hard Disks/notes.txt", encoding: .utf8), "hello\n")
    }

    func testTheSystemDriveFolderIsConfigurable() throws {
        let elsewhere = home.path + "/elsewhere"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        let result = try runScript("New-Item -ItemType File C:\\marker.txt | Out-Null; (Get-PSDrive C).Root",
                             environment: ["HVSH_SYSTEM_DRIVE": elsewhere])
        XCTAssertEqual(result.stdout, elsewhere + "\n", result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: elsewhere + "/marker.txt"))
    }

    func testBackslashesAndRelativePathsResolveOnTheSlashDrive() throws {
        let result = try runScript("""
            New-Item -ItemType Directory 'lab\\disks' | Out-Null
            Set-Content 'lab\\disks\\a.txt' 'x'
            "$(Test-Path ./lab/disks/a.txt) $(Test-Path lab\\disks\\a.txt)"
            Set-Location lab
            "pwd matches: $($pwd.Path -eq (Join-Path $HOME 'lab'))"
            (Resolve-Path disks\\a.txt).Path -eq "$HOME/lab/disks/a.txt"
            Join-Path 'a\\b' 'c'
            Split-Path '/x/y/z.txt' -Parent
            """)
        XCTAssertEqual(result.stdout, "True True\npwd matches: True\nTrue\na/b/c\n/x/y\n", result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: home.path + "/lab/disks/a.txt"), "no file named with a backslash")
    }

    func testGetPSDrivePrintsPowerShellsTable() throws {
        let result = try runScript("""
            New-Item -ItemType Directory C:\\Labs | Out-Null
            Set-Location C:\\Labs
            Get-PSDrive -Name C, Temp | ForEach-Object { "$($_.Name)|$($_.Root)|$($_.CurrentLocation)|$($_.Provider)|$($null -ne $_.Free)" }
            Get-PSDrive | Select-Object -ExpandProperty Name
            """)
        XCTAssertEqual(result.stdout, """
            C|\(driveC)|Labs|Microsoft.PowerShell.Core\\FileSystem|True
            Temp|/tmp/||Microsoft.PowerShell.Core\\FileSystem|True
            /
            Alias
            C
            Env
            Function
            Temp
            Variable

            """, result.stderr)
        // The default view: PowerShell's `drive` table with its column widths.
        let table = try runScript("Get-PSDrive Temp")
        let lines = table.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.dropFirst().first.map(String.init),
                       "Name           Used (GB)     Free (GB) Provider      Root                                               CurrentLocation")
        XCTAssertTrue(lines.count > 3 && lines[3].hasPrefix("Temp ") && lines[3].contains(" FileSystem    /tmp/"), table.stdout)
    }

    func testNewPSDriveMapsAFolderAndRemovePSDriveRemovesIt() throws {
        let result = try runScript("""
            New-Item -ItemType Directory data | Out-Null
            $d = New-PSDrive -Name Lab -PSProvider FileSystem -Root ./data
            "$($d.Name) $($d.Root -eq "$HOME/data")"
            Set-Content Lab:/f.txt 'on the drive'
            Get-Content "$HOME/data/f.txt"
            Set-Location Lab:
            "pwd=$pwd"
            New-PSDrive -Name Lab -PSProvider FileSystem -Root /tmp -ErrorAction SilentlyContinue -ErrorVariable e | Out-Null
            "again: $($e[0].FullyQualifiedErrorId)"
            New-PSDrive -Name Nope -PSProvider FileSystem -Root ./missing -ErrorVariable e2 -ErrorAction SilentlyContinue
            "missing root: $($e2[0].FullyQualifiedErrorId) | $($e2[0])"
            try { New-PSDrive -Name P -PSProvider FileSystem -Root /tmp -Persist } catch { "persist: $($_.FullyQualifiedErrorId) | $_" }
            try { New-PSDrive -Name R -PSProvider Registry -Root HKLM:\\ } catch { "provider: $($_.FullyQualifiedErrorId)" }
            Remove-PSDrive Lab -ErrorVariable e3 -ErrorAction SilentlyContinue
            "in use: $($e3.Count)"
            Set-Location $HOME
            Remove-PSDrive Lab
            "after: $(Test-Path Lab:/f.txt) $((Get-PSDrive -Name Lab -ErrorAction SilentlyContinue).Count)"
            """)
        XCTAssertEqual(result.stdout, """
            Lab True
            on the drive
            pwd=Lab:/
            again: DriveAlreadyExists,Microsoft.PowerShell.Commands.NewPSDriveCommand
            missing root: DriveRootError,Microsoft.PowerShell.Commands.NewPSDriveCommand | The specified drive root "./missing" either does not exist, or it is not a folder.
            persist: DriveRootNotNetworkPath,Microsoft.PowerShell.Commands.NewPSDriveCommand | When you use the Persist parameter, the root must be a file system location on a remote computer.
            provider: ProviderNotFound,Microsoft.PowerShell.Commands.NewPSDriveCommand
            in use: 1
            after: False 0

            """, result.stderr)
    }

    func testAMissingDriveIsPowerShellsDriveNotFound() throws {
        let result = try runScript("""
            Get-Item HKLM:\\Software\\Microsoft -ErrorAction SilentlyContinue
            "silenced: $($Error.Count)"
            try { Get-ChildItem 'HKLM:\\SOFTWARE' -ErrorAction Stop } catch {
                "$($_.FullyQualifiedErrorId) | $($_.CategoryInfo.Category) | $($_.Exception.GetType().FullName) | $_"
            }
            "test-path: $(Test-Path HKLM:\\Software)"
            try { Set-Location Z:\\ } catch { "cd: $($_.FullyQualifiedErrorId)" }
            try { New-VHD -Path 'Q:\\d.vhdx' -SizeBytes 1MB } catch { "new-vhd: $($_.FullyQualifiedErrorId) | $_" }
            """)
        XCTAssertEqual(result.stdout, """
            silenced: 1
            DriveNotFound,Microsoft.PowerShell.Commands.GetChildItemCommand | ObjectNotFound | System.Management.Automation.DriveNotFoundException | Cannot find drive. A drive with the name 'HKLM' does not exist.
            test-path: False
            cd: DriveNotFound,Microsoft.PowerShell.Commands.SetLocationCommand
            new-vhd: DriveNotFound,Microsoft.Vhd.PowerShell.Cmdlets.NewVHD | Cannot find drive. A drive with the name 'Q' does not exist.

            """, result.stderr)
    }

    func testHyperVCmdletsResolvePathsAndShowThemAsHyperVDoes() throws {
        let result = try runScript("""
            Set-Location C:\\
            New-Item -ItemType Directory 'Labs\\disks' | Out-Null
            Set-Location Labs
            $vhd = New-VHD -Path 'disks\\d.vhdx' -SizeBytes 8MB -Dynamic
            "vhd=$($vhd.Path)"
            Set-Content 'disks\\boot.iso' 'not really an iso'
            $vm = New-VM -Name lab1 -Path .\\VMData -NoVHD -Generation 1
            "vm=$($vm.Path) config=$($vm.ConfigurationLocation)"
            Add-VMHardDiskDrive -VMName lab1 -Path 'disks\\d.vhdx'
            Set-VMDvdDrive -VMName lab1 -Path 'disks\\boot.iso'
            "disk=$((Get-VMHardDiskDrive -VMName lab1).Path)"
            "dvd=$((Get-VMDvdDrive -VMName lab1).Path)"
            "get-vhd=$((Get-VHD -Path C:/Labs/disks/d.vhdx).Path)"
            $h = Get-VMHost
            "host vhd=$($h.VirtualHardDiskPath)"
            "host vm=$($h.VirtualMachinePath)"
            Set-Location /
            "from /: $((Get-VHD -Path 'C:\\Labs\\disks\\d.vhdx').Size)"
            """, sandbox: true)
        XCTAssertEqual(result.stdout, """
            vhd=C:\\Labs\\disks\\d.vhdx
            vm=C:\\Labs\\VMData\\lab1 config=C:\\Labs\\VMData\\lab1
            disk=C:\\Labs\\disks\\d.vhdx
            dvd=C:\\Labs\\disks\\boot.iso
            get-vhd=C:\\Labs\\disks\\d.vhdx
            host vhd=C:\\ProgramData\\Microsoft\\Windows\\Virtual Hard Disks
            host vm=C:\\ProgramData\\Microsoft\\Windows\\Hyper-V
            from /: 8388608

            """, result.stderr)
        // The inventory stores real absolute paths (what the worker opens), never drive or relative forms.
        let state = home.path + "/hvsh-state"
        let documents = (FileManager.default.enumerator(atPath: state)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".json") }
        let texts = documents.compactMap { try? String(contentsOfFile: state + "/" + $0, encoding: .utf8) }
            .map { $0.replacingOccurrences(of: "\\/", with: "/") }
        let vm = texts.first { $0.contains("\"lab1\"") } ?? ""
        XCTAssertTrue(vm.contains(driveC + "/Labs/VMData/lab1"), vm)
        XCTAssertTrue(vm.contains(driveC + "/Labs/disks/d.vhdx") && vm.contains(driveC + "/Labs/disks/boot.iso"), vm)
        XCTAssertFalse(vm.contains("C:\\\\") || vm.contains("disks\\\\"), vm)
    }

    /// A Windows session's variables, for lab scripts that build paths from them: on the C: drive,
    /// the temporary folder there and writable, the computer name as Windows spells it.
    func testWindowsEnvironmentVariablesPointAtTheCDrive() throws {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, buffer.count)
        let host = String(cString: buffer).split(separator: ".").first.map(String.init) ?? ""
        let user = String(cString: getpwuid(geteuid()).pointee.pw_name)
        let result = try runScript("""
            "computer=$env:COMPUTERNAME user=$env:USERNAME drive=$env:SystemDrive data=$env:ProgramData"
            "profile=$env:USERPROFILE x86=${env:ProgramFiles(x86)}"
            "temp=$env:TEMP exists=$(Test-Path $env:TEMP)"
            $file = Join-Path $env:TEMP 'lab.txt'
            Set-Content -Path $file -Value 'x'
            "written=$(Get-Content $file)"
            """, environment: ["TEMP": "", "COMPUTERNAME": "", "USERNAME": "", "USERPROFILE": ""])
        XCTAssertEqual(result.stderr, "")
        XCTAssertEqual(result.stdout, """
            computer=\(host.uppercased()) user=\(user) drive=C: data=C:\\ProgramData
            profile=C:\\Users\\\(user) x86=C:\\Program Files (x86)
            temp=C:\\Users\\\(user)\\AppData\\Local\\Temp exists=True
            written=x

            """)
        XCTAssertTrue(FileManager.default.fileExists(atPath: driveC + "/Users/\(user)/AppData/Local/Temp/lab.txt"))

        // A variable the caller set is theirs: kept as it is, and no folder is made for it.
        let own = try runScript(#""temp=$env:TEMP computer=$env:COMPUTERNAME""#, environment: ["TEMP": "/nonexistent/t", "COMPUTERNAME": "lab-host"])
        XCTAssertEqual(own.stdout, "temp=/nonexistent/t computer=lab-host\n")
    }
}
