# Ported from test/powershell/engine/ParameterBinding/Splatting.Tests.ps1 (the assertions, in hvsh's
# own code; the [powershell]-API variants are left out): a parameter named on the command line wins
# over the same one in the splatted hashtable, by name, alias or unique prefix.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'Hashtable splatting' {
    function SimpleTest {
        param([Alias('Key')] $Name, $Path)
        "Key: $Name; Path: $Path; Args: $args"
    }
    It 'works on a cmdlet, common parameters included' {
        $hash = @{ Verb = 'Get'; OutVariable = 'zoo' }
        Get-Verb @hash > $null
        $zoo | Should -BeOfType System.Management.Automation.VerbInfo
        $zoo.Verb | Should -BeExactly 'Get'
    }
    It 'works on a simple function' {
        $hash = @{ Name = 'Hello'; Blah = 'World' }
        SimpleTest @hash | Should -BeExactly 'Key: Hello; Path: ; Args: -Blah: World'
        $hash = @{ Name = 'Hello'; Path = 'World' }
        SimpleTest @hash | Should -BeExactly 'Key: Hello; Path: World; Args: '
        $hash = @{ Name = 'Hello' }
        SimpleTest @hash -Path 'Yeah' | Should -BeExactly 'Key: Hello; Path: Yeah; Args: '
        SimpleTest -Path 'Yeah' @hash | Should -BeExactly 'Key: Hello; Path: Yeah; Args: '
        $hash = @{ Key = 'Hello' }
        SimpleTest @hash | Should -BeExactly 'Key: Hello; Path: ; Args: '
    }
    It 'works in a steppable pipeline' {
        $hash = @{ Verb = 'Get'; OutVariable = 'zoo' }
        $sp = { Get-Verb @hash }.GetSteppablePipeline()
        $sp.Begin($false)
        $result = $sp.Process()
        $result | Should -BeOfType System.Management.Automation.VerbInfo
        $result.Verb | Should -BeExactly 'Get'
        $sp.End()
    }
    It 'a parameter named explicitly supersedes the same one in the hashtable' {
        $hash = @{ Verb = 'Get'; OutVariable = 'zoo' }
        Get-Verb @hash -Verb 'Send' > $null
        $zoo.Verb | Should -BeExactly 'Send'
        $zoo = $null
        Get-Verb -Verb 'Send' @hash > $null
        $zoo.Verb | Should -BeExactly 'Send'
        $hash = @{ Name = 'Hello'; Path = 'World' }
        SimpleTest @hash -Path 'Yeah' | Should -BeExactly 'Key: Hello; Path: Yeah; Args: '
        SimpleTest -Path 'Yeah' @hash | Should -BeExactly 'Key: Hello; Path: Yeah; Args: '
        $hash = @{ Name = 'Hello'; Blah = 'World' }
        SimpleTest @hash -Name 'Yeah' | Should -BeExactly 'Key: Yeah; Path: ; Args: -Blah: World'
    }
    It 'by alias' {
        $hash = @{ Verb = 'Get'; ov = 'zoo' }
        Get-Verb @hash -Verb 'Send' -ov 'bar' > $null
        $zoo | Should -BeNullOrEmpty
        $bar.Verb | Should -BeExactly 'Send'
        $hash = @{ key = 'Hello'; Path = 'World' }
        SimpleTest @hash -Key 'Yeah' | Should -BeExactly 'Key: Yeah; Path: World; Args: '
    }
    It 'by name and alias mixed' {
        $hash = @{ Verb = 'Get'; OutVariable = 'zoo' }
        Get-Verb @hash -Verb 'Send' -ov 'bar' > $null
        $zoo | Should -BeNullOrEmpty
        $bar.Verb | Should -BeExactly 'Send'
        $hash = @{ Name = 'Hello'; Path = 'World' }
        SimpleTest @hash -Key 'Yeah' | Should -BeExactly 'Key: Yeah; Path: World; Args: '
    }
    It 'by a unique prefix given explicitly' {
        $hash = @{ Verb = 'Get'; OutVariable = 'zoo' }
        Get-Verb @hash -Verb 'Send' -outv 'bar' > $null
        $zoo | Should -BeNullOrEmpty
        $bar.Verb | Should -BeExactly 'Send'
        $hash = @{ Name = 'Hello'; Path = 'World' }
        SimpleTest @hash -n 'Yeah' | Should -BeExactly 'Key: Yeah; Path: World; Args: '
    }
    It 'by a unique prefix in the hashtable' {
        $hash = @{ Verb = 'Get'; outv = 'zoo' }
        Get-Verb @hash -Verb 'Send' -OutVariable 'bar' > $null
        $zoo | Should -BeNullOrEmpty
        $bar.Verb | Should -BeExactly 'Send'
        $hash = @{ n = 'Hello'; Path = 'World' }
        SimpleTest @hash -Name 'Yeah' | Should -BeExactly 'Key: Yeah; Path: World; Args: '
    }
    It 'by a unique prefix and an alias' {
        $hash = @{ Verb = 'Get'; ov = 'zoo' }
        Get-Verb @hash -Verb 'Send' -outv 'bar' > $null
        $zoo | Should -BeNullOrEmpty
        $bar.Verb | Should -BeExactly 'Send'
    }
}

Complete-MiniPester
