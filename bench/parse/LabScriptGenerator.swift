/// Builds a large, realistic Hyper-V lab script: functions with param blocks and attributes,
/// splatting, pipelines of Hyper-V and networking cmdlets, here-strings, loops, try/catch,
/// comments, CRLF-free ASCII plus the typographic quotes and dashes blog posts contain.
struct LabScriptGenerator {
    /// One lab section; `i` varies names, addresses and sizes so no two sections are identical.
    static func section(_ i: Int) -> String {
        let vm = "lab-vm\(i)"
        let sw = "LabSwitch\(i % 17)"
        let octet = i % 250 + 1
        return """
        #region Lab \(i): \(vm)
        <# Builds \(vm) on switch \(sw).
           Generated section \(i) of the parse benchmark. #>
        function New-LabMachine\(i) {
            [CmdletBinding(SupportsShouldProcess)]
            param(
                [Parameter(Mandatory, ValueFromPipelineByPropertyName)]
                [ValidateNotNullOrEmpty()]
                [string]$Name = '\(vm)',
                [ValidateSet('Internal', 'External', 'Private')]
                [string]$SwitchType = 'Internal',
                [ValidateRange(1, 64)] [int]$ProcessorCount = \(i % 8 + 1),
                [long]$Memory = \(i % 8 + 1)GB,
                [switch]$Nested
            )
            begin { $created = [System.Collections.Generic.List[string]]::new() }
            process {
                if (-not (Get-VMSwitch -Name \(sw) -ErrorAction SilentlyContinue)) {
                    New-VMSwitch -Name “\(sw)” -SwitchType $SwitchType | Out-Null
                    New-NetIPAddress -IPAddress 192.168.\(octet).1 -PrefixLength 24 -InterfaceAlias "vEthernet (\(sw))"
                    New-NetNat -Name “nat\(i)” -InternalIPInterfaceAddressPrefix ‘192.168.\(octet).0/24’
                }
                $params = @{
                    Name               = $Name
                    MemoryStartupBytes = $Memory
                    Generation         = 2
                    NewVHDPath         = "C:\\VMs\\$Name\\disk\(i).vhdx"
                    NewVHDSizeBytes    = \(40 + i % 100)GB
                    SwitchName         = '\(sw)'
                }
                try {
                    $vm = New-VM @params -ErrorAction Stop
                    Set-VMProcessor -VMName $Name -Count $ProcessorCount –ExposeVirtualizationExtensions $Nested.IsPresent
                    Get-VMNetworkAdapter -VMName $Name | Set-VMNetworkAdapter -MacAddressSpoofing On
                    Set-VMMemory -VMName $Name -DynamicMemoryEnabled $false
                    $created.Add($vm.Name)
                } catch [System.InvalidOperationException] {
                    Write-Warning "Could not create $($Name): $($_.Exception.Message)"
                } finally {
                    Write-Verbose ("Section {0} done at {1:HH:mm:ss}" -f \(i), (Get-Date))
                }
            }
            end { $created }
        }

        $machines\(i) = foreach ($n in 1..\(i % 5 + 2)) {
            [pscustomobject]@{ Name = "\(vm)-$n"; Memory = $n * 512MB; Ip = "192.168.\(octet).$($n + 10)" }
        }
        $machines\(i) | Where-Object { $_.Memory -ge 1GB -and $_.Name -like 'lab-*' } |
            ForEach-Object { New-LabMachine\(i) -Name $_.Name -Memory $_.Memory -Nested } |
            Format-Table -AutoSize
        $report = @"
        Lab \(i) report for $env:COMPUTERNAME
        Switch: \(sw)   VMs: $($machines\(i).Count)
        "@
        switch -Wildcard ($report) { '*\(sw)*' { $found++ } default { $missing += 1 } }
        for ($k = 0; $k -lt $machines\(i).Count; $k++) { $total += $machines\(i)[$k].Memory / 1MB }
        Get-VM -Name 'lab-vm\(i)*' | Stop-VM -Force -TurnOff 2>&1 | Out-Null
        $state = (Get-VM -Name \(vm) -ErrorAction Ignore)?.State ?? 'Absent'
        #endregion


        """
    }

    /// A script of at least `minBytes` bytes.
    static func script(minBytes: Int) -> String {
        var out = "#Requires -Version 7.0\nSet-StrictMode -Version Latest\n$ErrorActionPreference = 'Stop'\n\n"
        var i = 0
        while out.utf8.count < minBytes {
            out += section(i)
            i += 1
        }
        return out
    }
}
