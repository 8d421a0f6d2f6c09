# Ported from test/powershell/Language/Scripting/HashtableToPSCustomObjectConversion.Tests.ps1: a
# hashtable cast to an existing type (ObjectCreationError for a key that is no property or a value of
# the wrong type, as the InnerException's ErrorRecord of Invoke-Expression's error), New-Object
# -Property on a .NET object and on PSCustomObject; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

function Get-InvokeExpressionError([string] $Command) {
    try { Invoke-Expression $Command } catch { $_ }
}

Describe 'Hashtable to object conversion' {
    It 'a key that is no property of the type is an ObjectCreationError' {
        $e = Get-InvokeExpressionError '[System.MAnagement.Automation.Host.Coordinates]@{blah=10;Y=5 }'
        $e.Exception.InnerException.ErrorRecord.FullyQualifiedErrorId | Should -BeExactly 'ObjectCreationError'
        $e.FullyQualifiedErrorId | Should -BeExactly 'ObjectCreationError,Microsoft.PowerShell.Commands.InvokeExpressionCommand'
        $e.Exception | Should -BeOfType System.Management.Automation.CmdletInvocationException
        $e.Exception.InnerException | Should -BeOfType System.Management.Automation.PSInvalidCastException
    }
    It 'a value of the wrong type is an ObjectCreationError' {
        $e = Get-InvokeExpressionError "[System.MAnagement.Automation.Host.Coordinates]@{X='foo';Y=5}"
        $e.Exception.InnerException.ErrorRecord.FullyQualifiedErrorId | Should -BeExactly 'ObjectCreationError'
    }
    It 'New-Object -Property with a member the .NET object lacks is a terminating error' {
        $e = Get-InvokeExpressionError 'New-Object -TypeName System.MAnagement.Automation.Host.Coordinates -Property @{xx=10;y=5}'
        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidOperationException,Microsoft.PowerShell.Commands.NewObjectCommand'
        $e.Exception.Message | Should -BeExactly 'The member "xx" was not found for the specified .NET object.'
    }
    It 'New-Object -Property sets the members a .NET object has' {
        $c = New-Object -TypeName System.Management.Automation.Host.Coordinates -Property @{ X = 3; Y = 4 }
        $c.X + $c.Y | Should -Be 7
    }
    It 'New-Object cannot make the PSCustomObject class itself' {
        $obj = $null
        { $obj = New-Object System.Management.Automation.PSCustomObject -Property @{one=1;two=2} } |
            Should -Throw -ErrorId 'CannotFindAppropriateCtor,Microsoft.PowerShell.Commands.NewObjectCommand'
        $obj | Should -BeNullOrEmpty
    }
    It 'New-Object pscustomobject takes $null or an empty hashtable as -Property' {
        New-Object pscustomobject -Property $null | Should -BeOfType System.Management.Automation.PSObject
        New-Object pscustomobject -Property @{} | Should -BeOfType System.Management.Automation.PSObject
        (New-Object psobject -Property @{ a = 1 }).a | Should -Be 1
    }
    It 'a hashtable of the right keys makes the object' {
        ([System.Management.Automation.Host.Coordinates]@{X=10;Y=33}).X | Should -Be 10
    }
}

Complete-MiniPester
