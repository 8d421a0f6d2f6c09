# Helper functions for nested-lab-setup.ps1, dot-sourced by it (. .\nested-lab-helper.ps1).
# Every function is safe to run again: it checks before it changes anything.

function Write-LabStep {
    param([Parameter(Mandatory)][string]$Message)
    Write-Host "[lab] $Message"
}

function Initialize-LabNatSwitch {
    <#
    .SYNOPSIS
    Makes sure an internal switch with a gateway address and a NAT for its prefix exist.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)][string]$SwitchName,
        [Parameter(Mandatory)][string]$NatName,
        [Parameter(Mandatory)][string]$Prefix,
        [Parameter(Mandatory)][string]$GatewayAddress
    )
    $length = [int]($Prefix.Split('/')[1])
    if (-not (Get-VMSwitch -Name $SwitchName -ErrorAction SilentlyContinue)) {
        if ($PSCmdlet.ShouldProcess($SwitchName, 'Create internal switch')) {
            New-VMSwitch -Name $SwitchName -SwitchType Internal | Out-Null
            Write-LabStep "switch $SwitchName created"
        }
    } else {
        Write-LabStep "switch $SwitchName exists"
    }
    $alias = "vEthernet ($SwitchName)"
    $present = Get-NetIPAddress -InterfaceAlias $alias -AddressFamily IPv4 -ErrorAction SilentlyContinue |
        Where-Object IPAddress -eq $GatewayAddress
    if ($present) {
        Write-LabStep "gateway $GatewayAddress on $alias exists"
    } elseif ($PSCmdlet.ShouldProcess($alias, "Assign $GatewayAddress/$length")) {
        New-NetIPAddress -IPAddress $GatewayAddress -PrefixLength $length -InterfaceAlias $alias | Out-Null
        Write-LabStep "gateway $GatewayAddress/$length on $alias"
    }
    if (-not (Get-NetNat -Name $NatName -ErrorAction SilentlyContinue)) {
        if ($PSCmdlet.ShouldProcess($NatName, "Create NAT for $Prefix")) {
            New-NetNat -Name $NatName -InternalIPInterfaceAddressPrefix $Prefix | Out-Null
            Write-LabStep "NAT $NatName for $Prefix created"
        }
    } else {
        Write-LabStep "NAT $NatName exists"
    }
}

function Enable-LabNesting {
    <#
    .SYNOPSIS
    Prepares a VM (turned off) to run Hyper-V inside: virtualization extensions, static memory,
    MAC address spoofing.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory)][string]$Name)
    $vm = Get-VM -Name $Name
    if ($vm.State -ne 'Off') {
        throw "VM '$Name' is $($vm.State); turn it off before enabling nested virtualization."
    }
    if ($PSCmdlet.ShouldProcess($Name, 'Enable nested virtualization')) {
        $processor = @{ VMName = $Name; ExposeVirtualizationExtensions = $true; Count = 2 }
        Set-VMProcessor @processor
        Set-VMMemory -VMName $Name -DynamicMemoryEnabled $false
        Get-VMNetworkAdapter -VMName $Name | Set-VMNetworkAdapter -MacAddressSpoofing On
    }
}
