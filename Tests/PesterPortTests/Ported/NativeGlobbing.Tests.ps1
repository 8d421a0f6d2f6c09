# Ported from test/powershell/Language/Scripting/NativeExecution/NativeUnixGlobbing.Tests.ps1: unquoted
# native command arguments are expanded against the file system (`*`, `?`, character classes, values of
# variables and members too), quoted ones are not, a pattern that matches nothing or is not a valid
# wildcard is passed as written, non-file-system drives are left alone, and `~` is the home folder; the
# assertions, in hvsh's own code (a scratch folder for $TestDrive).
. "$PSScriptRoot/MiniPester.ps1"

$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("glob-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory -Path $scratch
"" > "$scratch/abc.txt"
"" > "$scratch/bbb.txt"
"" > "$scratch/cbb.txt"

Describe 'native UNIX globbing' {
    It 'expands * to every match' {
        (/bin/ls $scratch/*.txt).Length | Should -Be 3
        (/bin/ls $scratch/*b.txt).Length | Should -Be 2
    }
    It 'expands character classes and ?' {
        (/bin/ls $scratch/[ab]*.txt).Length | Should -Be 2
        /bin/ls $scratch/[cde]b?.* | Should -Match 'cbb.txt'
        /bin/ls $scratch/abc.* | Should -Match 'abc.txt'
    }
    It 'expands the values of unquoted expressions' {
        $v = "$scratch/abc*"
        /bin/ls $v | Should -Match 'abc.txt'
        $h = [pscustomobject]@{ P = $v }
        /bin/ls $h.P | Should -Match 'abc.txt'
        $a = $v, $v
        /bin/ls $a[1] | Should -Match 'abc.txt'
    }
    It 'keeps absolute patterns absolute and relative ones relative' {
        $m = /bin/echo /etc/*
        $m.Substring(0, 5) | Should -Be '/etc/'
        Push-Location $scratch
        try { /bin/echo *.txt | Should -BeExactly 'abc.txt bbb.txt cbb.txt' } finally { Pop-Location }
    }
    It 'does not expand quoted strings' {
        $v = "$scratch/abc*"
        /bin/echo "$v" | Should -BeExactly $v
        /bin/echo '$v' | Should -BeExactly '$v'
        Invoke-Expression '/bin/echo "*"' | Should -BeExactly '*'
        Invoke-Expression "/bin/echo '*'" | Should -BeExactly '*'
    }
    It 'passes a pattern that matches nothing as written' {
        /bin/echo /nOSuCH*file | Should -BeExactly '/nOSuCH*file'
        /bin/echo /bin/nOSuCHdir/* | Should -BeExactly '/bin/nOSuCHdir/*'
        /bin/echo -NosUch*fIle | Should -BeExactly '-NosUch*fIle'
        /bin/echo -nOsuChdRive:nosUch*fIle | Should -BeExactly '-nOsuChdRive:nosUch*fIle'
        /bin/echo /no[suchFilE | Should -BeExactly '/no[suchFilE'
        /bin/echo [] | Should -BeExactly '[]'
    }
    It 'does not expand patterns on other providers'' drives' {
        /bin/echo env:ps* | Should -BeExactly 'env:ps*'
    }
    It 'passes names with spaces as single arguments' {
        "" > "$scratch/foo bar.txt"
        "" > "$scratch/foo baz.txt"
        (/bin/ls $scratch/foo*.txt).Length | Should -Be 2
    }
    It 'replaces an unquoted ~ by the home folder' {
        /bin/echo ~ | Should -BeExactly $HOME
        /bin/echo ~/foo | Should -BeExactly "$HOME/foo"
        /bin/echo '~' | Should -BeExactly '~'
        /bin/echo "~/foo" | Should -BeExactly '~/foo'
    }
}

Remove-Item -Recurse -Force $scratch
Complete-MiniPester
