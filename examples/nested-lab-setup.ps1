<#
.SYNOPSIS
Prepares lab VMs for nested virtualization behind a NAT switch.

.DESCRIPTION
Creates (or reuses) an internal switch with a gateway address and a NAT, then makes sure each named
VM exists on that switch with its own disk under the lab folder, boots from that disk first, and can run Hyper-V inside:
virtualization extensions exposed, two processors, static memory, MAC address spoofing on.
Running it again changes nothing that is already right. Run it on hvsh as it is:
    hvsh -Sandbox -File examples/nested-lab-setup.ps1 -VMName lab-hv1, lab-hv2

.PARAMETER VMName
The VMs to prepare; taken from the pipeline too.

.PARAMETER SwitchName
The internal switch the VMs are connected to.

.PARAMETER NatPrefix
The NAT's internal prefix; the first address in it becomes the host's gateway address.

.PARAMETER MemoryStartupBytes
Startup memory of VMs this script creates.

.PARAMETER LabPath
The folder the lab's VMs and their disks go to (one folder per VM, as New-VM -Path makes it).

.EXAMPLE
'lab-hv1', 'lab-hv2' | .\nested-lab-setup.ps1 -Verbose

.EXAMPLE
.\nested-lab-setup.ps1 -VMName lab-hv1 -SwitchName LabNAT -NatPrefix 10.10.0.0/24 -WhatIf
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory, ValueFromPipeline)]
    [string[]]$VMName,
    [string]$SwitchName = 'NAT-Switch',
    [string]$NatPrefix = '192.168.2.0/24',
    [long]$MemoryStartupBytes = 2GB,
    [string]$LabPath = 'C:\Hyper-V\Lab'
)

begin {
    $ErrorActionPreference = 'Stop'
    Set-Location -Path $PSScriptRoot
    . .\nested-lab-helper.ps1

    try {
        $network, $length = $NatPrefix.Split('/')
        $octets = [int[]]$network.Split('.')
        if ($octets.Count -ne 4 -or [int]$length -lt 8 -or [int]$length -gt 30) { throw "NatPrefix '$NatPrefix' is not an IPv4 prefix such as 192.168.2.0/24." }
        $octets[3] = $octets[3] + 1
        $gateway = $octets -join '.'

        $natParameters = @{
            SwitchName     = $SwitchName
            NatName        = "$SwitchName-NAT"
            Prefix         = $NatPrefix
            GatewayAddress = $gateway
        }
        Initialize-LabNatSwitch @natParameters
        if (-not (Test-Path -Path $LabPath -PathType Container)) {
            New-Item -ItemType Directory -Path $LabPath | Out-Null
            Write-LabStep "folder $LabPath created"
        }
        $vmHost = Get-VMHost
        Write-Verbose "VMs go to $($vmHost.VirtualMachinePath), disks to $($vmHost.VirtualHardDiskPath)"
    }
    catch {
        Write-Error "Lab network setup failed: $_" -ErrorAction Continue
        exit 1
    }
    $prepared = [System.Collections.Generic.List[string]]::new()
}

process {
    foreach ($name in $VMName) {
        try {
            if (-not (Get-VM -Name $name -ErrorAction SilentlyContinue)) {
                $newVM = @{
                    Name               = $name
                    Generation         = 2
                    MemoryStartupBytes = $MemoryStartupBytes
                    SwitchName         = $SwitchName
                    Path               = $LabPath
                    NewVHDPath         = "$LabPath\$name\Virtual Hard Disks\$name.vhdx"
                    NewVHDSizeBytes    = 1GB
                }
                if ($PSCmdlet.ShouldProcess($name, 'Create VM')) {
                    New-VM @newVM | Out-Null
                    Write-LabStep "VM $name created"
                }
            } else {
                Write-LabStep "VM $name exists"
            }
            if ($WhatIfPreference) { continue }
            $disk = Get-VMHardDiskDrive -VMName $name | Select-Object -First 1
            if ($disk -and (Get-VMFirmware -VMName $name).BootOrder[0].BootType -ne 'Drive') {
                Set-VMFirmware -VMName $name -FirstBootDevice $disk
            }
            Enable-LabNesting -Name $name
            $prepared.Add($name)
        }
        catch {
            Write-Error "Preparing $name failed: $_" -ErrorAction Continue
            exit 1
        }
    }
}

end {
    Write-LabStep "$($prepared.Count) VM(s) ready for nested virtualization on $SwitchName ($NatPrefix via $gateway)"
    if ($prepared.Count) {
        Get-VMProcessor -VMName $prepared | Select-Object VMName, Count, ExposeVirtualizationExtensions | Format-Table -AutoSize
    }
}
