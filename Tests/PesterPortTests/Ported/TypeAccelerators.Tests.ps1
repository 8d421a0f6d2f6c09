# Ported from test/powershell/Language/Parser/TypeAccelerator.Tests.ps1: the built-in accelerators
# PowerShell lists through System.Management.Automation.TypeAccelerators on Unix (a sample, written
# out one by one), their count, and accelerators a script adds and removes; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

$TypeAcceleratorsType = [psobject].Assembly.GetType("System.Management.Automation.TypeAccelerators")

Describe 'Built-in type accelerators' {
    It 'has the accelerators PowerShell has on Unix' {
        $TypeAcceleratorsType::Get.Count | Should -Be 102
    }
    It 'maps each accelerator to its type' {
        $TypeAcceleratorsType::Get['Alias'] | Should -Be ([System.Management.Automation.AliasAttribute])
        $TypeAcceleratorsType::Get['AllowNull'] | Should -Be ([System.Management.Automation.AllowNullAttribute])
        $TypeAcceleratorsType::Get['ArgumentCompleter'] | Should -Be ([System.Management.Automation.ArgumentCompleterAttribute])
        $TypeAcceleratorsType::Get['array'] | Should -Be ([System.Array])
        $TypeAcceleratorsType::Get['bool'] | Should -Be ([System.Boolean])
        $TypeAcceleratorsType::Get['CmdletBinding'] | Should -Be ([System.Management.Automation.CmdletBindingAttribute])
        $TypeAcceleratorsType::Get['datetime'] | Should -Be ([System.DateTime])
        $TypeAcceleratorsType::Get['ExperimentalFeature'] | Should -Be ([System.Management.Automation.ExperimentalFeature])
        $TypeAcceleratorsType::Get['float'] | Should -Be ([System.Single])
        $TypeAcceleratorsType::Get['single'] | Should -Be ([System.Single])
        $TypeAcceleratorsType::Get['hashtable'] | Should -Be ([System.Collections.Hashtable])
        $TypeAcceleratorsType::Get['int32'] | Should -Be ([System.Int32])
        $TypeAcceleratorsType::Get['short'] | Should -Be ([System.Int16])
        $TypeAcceleratorsType::Get['long'] | Should -Be ([System.Int64])
        $TypeAcceleratorsType::Get['ciminstance'] | Should -Be ([Microsoft.Management.Infrastructure.CimInstance])
        $TypeAcceleratorsType::Get['IPEndpoint'] | Should -Be ([System.Net.IPEndPoint])
        $TypeAcceleratorsType::Get['NullString'] | Should -Be ([System.Management.Automation.Language.NullString])
        $TypeAcceleratorsType::Get['OutputType'] | Should -Be ([System.Management.Automation.OutputTypeAttribute])
        $TypeAcceleratorsType::Get['Parameter'] | Should -Be ([System.Management.Automation.ParameterAttribute])
        $TypeAcceleratorsType::Get['pscredential'] | Should -Be ([System.Management.Automation.PSCredential])
        $TypeAcceleratorsType::Get['psobject'] | Should -Be ([System.Management.Automation.PSObject])
        $TypeAcceleratorsType::Get['pscustomobject'] | Should -Be ([System.Management.Automation.PSObject])
        $TypeAcceleratorsType::Get['ref'] | Should -Be ([System.Management.Automation.PSReference])
        $TypeAcceleratorsType::Get['regex'] | Should -Be ([System.Text.RegularExpressions.Regex])
        $TypeAcceleratorsType::Get['switch'] | Should -Be ([System.Management.Automation.SwitchParameter])
        $TypeAcceleratorsType::Get['cultureinfo'] | Should -Be ([System.Globalization.CultureInfo])
        $TypeAcceleratorsType::Get['bigint'] | Should -Be ([System.Numerics.BigInteger])
        $TypeAcceleratorsType::Get['securestring'] | Should -Be ([System.Security.SecureString])
        $TypeAcceleratorsType::Get['ulong'] | Should -Be ([System.Uint64])
        $TypeAcceleratorsType::Get['uri'] | Should -Be ([System.Uri])
        $TypeAcceleratorsType::Get['ValidateNotNullOrEmpty'] | Should -Be ([System.Management.Automation.ValidateNotNullOrEmptyAttribute])
        $TypeAcceleratorsType::Get['ValidateSet'] | Should -Be ([System.Management.Automation.ValidateSetAttribute])
        $TypeAcceleratorsType::Get['version'] | Should -Be ([System.Version])
        $TypeAcceleratorsType::Get['ipaddress'] | Should -Be ([System.Net.IPAddress])
        $TypeAcceleratorsType::Get['WildcardPattern'] | Should -Be ([System.Management.Automation.WildcardPattern])
        $TypeAcceleratorsType::Get['xml'] | Should -Be ([System.Xml.XmlDocument])
        $TypeAcceleratorsType::Get['mailaddress'] | Should -Be ([System.Net.Mail.MailAddress])
        $TypeAcceleratorsType::Get['semver'] | Should -Be ([System.Management.Automation.SemanticVersion])
        $TypeAcceleratorsType::Get['scriptblock'] | Should -Be ([System.Management.Automation.ScriptBlock])
        $TypeAcceleratorsType::Get['type'] | Should -Be ([System.Type])
        $TypeAcceleratorsType::Get['powershell'] | Should -Be ([System.Management.Automation.Powershell])
        $TypeAcceleratorsType::Get['runspace'] | Should -Be ([System.Management.Automation.Runspaces.Runspace])
        $TypeAcceleratorsType::Get['psnoteproperty'] | Should -Be ([System.Management.Automation.PSNoteProperty])
        $TypeAcceleratorsType::Get['pspropertyexpression'] | Should -Be ([Microsoft.PowerShell.Commands.PSPropertyExpression])
        $TypeAcceleratorsType::Get['ordered'] | Should -Be ([System.Collections.Specialized.OrderedDictionary])
        $TypeAcceleratorsType::Get['NoRunspaceAffinity'] | Should -Be ([System.Management.Automation.Language.NoRunspaceAffinityAttribute])
    }
    It 'resolves the attribute accelerators as types' {
        [ValidateSet].FullName | Should -BeExactly 'System.Management.Automation.ValidateSetAttribute'
        [Alias].Name | Should -BeExactly 'AliasAttribute'
    }
}

Describe 'User defined type accelerators' {
    It 'adds, uses and removes an accelerator' {
        $TypeAcceleratorsType::Add('userDefinedAcceleratorType', [int])
        [userDefinedAcceleratorType] | Should -Be ([int])
        [userDefinedAcceleratorType]'41' + 1 | Should -Be 42
        $TypeAcceleratorsType::Get['userDefinedAcceleratorType'] | Should -Be ([int])
        $TypeAcceleratorsType::Remove('userDefinedAcceleratorType') | Should -BeTrue
        $TypeAcceleratorsType::Get['userDefinedAcceleratorType'] | Should -BeNullOrEmpty
        $TypeAcceleratorsType::Remove('userDefinedAcceleratorType') | Should -BeFalse
    }
}

Complete-MiniPester
