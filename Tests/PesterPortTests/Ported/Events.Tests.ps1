# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/New-Event, Get-Event, Remove-Event,
# Wait-Event, Register-EngineEvent, Register-ObjectEvent, Get-EventSubscriber and Eventing.Tests.ps1:
# the event queue (PSEventArgs), subscriptions (PSEventSubscriber), an action's PSEventJob, and the
# errors for identifiers that match nothing (EventingStrings, EventingResources).
. "$PSScriptRoot/MiniPester.ps1"

Describe 'New-Event and the event queue' {
    It 'writes a PSEventArgs that Get-Event finds by source identifier' {
        New-Event -SourceIdentifier a | Should -BeOfType System.Management.Automation.PSEventArgs
        $null = New-Event -SourceIdentifier PesterTimer -Sender Windows.timer -MessageData PesterTestMessage
        (Get-Event -SourceIdentifier PesterTimer).MessageData | Should -BeExactly 'PesterTestMessage'
        (Get-Event -SourceIdentifier PesterTimer).Sender | Should -Be 'Windows.timer'
        Get-Event -SourceIdentifier PesterTimer | Should -BeOfType System.Management.Automation.PSEventArgs
        (Get-Event -SourceIdentifier Pester*).SourceIdentifier | Should -BeExactly 'PesterTimer'
        Remove-Event -SourceIdentifier PesterTimer
        Remove-Event -SourceIdentifier a
        Get-Event | Should -BeNullOrEmpty
    }
    It 'numbers events and keeps -EventArguments as SourceArgs' {
        $one = New-Event -SourceIdentifier n1 -EventArguments 1, 2
        $two = New-Event -SourceIdentifier n2
        $two.EventIdentifier | Should -Be ($one.EventIdentifier + 1)
        $one.SourceArgs.Count | Should -Be 2
        $two.SourceArgs.Count | Should -Be 0
        (Get-Event -EventIdentifier $two.EventIdentifier).SourceIdentifier | Should -BeExactly 'n2'
        Get-Event | Remove-Event
        (Get-Event).Count | Should -Be 0
    }
    It 'removes by identifier, leaves the event under -WhatIf, and reports what matches nothing' {
        $e = New-Event -SourceIdentifier r1
        Remove-Event -SourceIdentifier r1 -WhatIf
        (Get-Event -SourceIdentifier r1).EventIdentifier | Should -Be $e.EventIdentifier
        Remove-Event -EventIdentifier $e.EventIdentifier
        { Get-Event -SourceIdentifier r1 -ErrorAction Stop } | Should -Throw -ErrorId 'INVALID_SOURCE_IDENTIFIER,Microsoft.PowerShell.Commands.GetEventCommand'
        { Remove-Event -SourceIdentifier r1 -ErrorAction Stop } | Should -Throw -ErrorId 'INVALID_SOURCE_IDENTIFIER,Microsoft.PowerShell.Commands.RemoveEventCommand'
        { Remove-Event -EventIdentifier 9999 -ErrorAction Stop } | Should -Throw -ErrorId 'INVALID_EVENT_IDENTIFIER,Microsoft.PowerShell.Commands.RemoveEventCommand'
        Get-Event -SourceIdentifier 'r*' | Should -BeNullOrEmpty
    }
    It 'Wait-Event times out when no event arrives, and returns a queued one at once' {
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        Wait-Event -Timeout 1 -SourceIdentifier FakeEvent
        $stopwatch.Stop()
        $stopwatch.ElapsedMilliseconds | Should -BeGreaterThan 500
        $stopwatch.ElapsedMilliseconds | Should -BeLessThan 1500
        $null = New-Event -SourceIdentifier w1 -MessageData waited
        (Wait-Event -SourceIdentifier w1).MessageData | Should -BeExactly 'waited'
        Remove-Event -SourceIdentifier w1
    }
}

Describe 'Event subscriptions' {
    It 'Register-EngineEvent -Action writes a PSEventJob and the action runs for New-Event' {
        Set-Variable incomingGlobal -Scope global -Value globVarValue
        $job = Register-EngineEvent -SourceIdentifier foo -Action { Set-Variable -Scope global -Name aglobalvariable -Value $incomingGlobal; "$($Event.SourceIdentifier) $($Event.MessageData) $args" }
        $job | Should -BeOfType System.Management.Automation.PSEventJob
        $job.Name | Should -BeExactly 'foo'
        "$($job.State)" | Should -BeExactly 'NotStarted'
        $null = New-Event foo -MessageData md -EventArguments 1, 2
        (Get-Variable aglobalvariable -Scope global).Value | Should -Be globVarValue
        Receive-Job $job | Should -BeExactly 'foo md 1 2'
        Get-Event -SourceIdentifier foo -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Unregister-Event foo
        "$($job.State)" | Should -BeExactly 'Stopped'
        Get-EventSubscriber | Should -BeNullOrEmpty
    }
    It 'Register-EngineEvent without -Action is ACTION_MANDATORY_FOR_LOCAL' {
        { Register-EngineEvent -SourceIdentifier x } | Should -Throw -ErrorId 'ACTION_MANDATORY_FOR_LOCAL,Microsoft.PowerShell.Commands.RegisterEngineEventCommand'
    }
    It 'Register-ObjectEvent records a PSEventSubscriber for an event the object declares' {
        $pesterobject = New-Object System.Collections.ObjectModel.ObservableCollection[object]
        Register-ObjectEvent -InputObject $pesterobject -EventName CollectionChanged -SourceIdentifier PesterTestRegister
        Get-EventSubscriber -SourceIdentifier PesterTestRegister | Should -BeOfType System.Management.Automation.PSEventSubscriber
        (Get-EventSubscriber -SourceIdentifier PesterTestRegister).SourceIdentifier | Should -BeExactly 'PesterTestRegister'
        (Get-EventSubscriber -SourceIdentifier PesterTestRegister).SubscriptionId | Should -BeGreaterThan 0
        (Get-EventSubscriber -SourceIdentifier PesterTestRegister).EventName | Should -BeExactly 'CollectionChanged'
        { Register-ObjectEvent -InputObject $pesterobject -EventName CollectionChanged -SourceIdentifier PesterTestRegister -ErrorAction Stop } |
            Should -Throw -ErrorId 'SUBSCRIBER_EXISTS,Microsoft.PowerShell.Commands.RegisterObjectEventCommand'
        { Register-ObjectEvent -InputObject $pesterobject -EventName NoSuchEvent -ErrorAction Stop } |
            Should -Throw -ErrorId 'INVALID_REGISTRATION,Microsoft.PowerShell.Commands.RegisterObjectEventCommand'
        Unregister-Event -SourceIdentifier PesterTestRegister
        { Unregister-Event -SourceIdentifier PesterTestRegister -ErrorAction Stop } | Should -Throw -ErrorId 'INVALID_SOURCE_IDENTIFIER,Microsoft.PowerShell.Commands.UnregisterEventCommand'
        { Get-EventSubscriber -SourceIdentifier PesterTestRegister -ErrorAction Stop } | Should -Throw -ErrorId 'INVALID_SOURCE_IDENTIFIER,Microsoft.PowerShell.Commands.GetEventSubscriberCommand'
    }
    It 'a subscriber without an action leaves the event queued; -MaxTriggerCount ends the subscription' {
        $c = New-Object System.Collections.ObjectModel.ObservableCollection[int]
        Register-ObjectEvent $c CollectionChanged -SourceIdentifier counted -MaxTriggerCount 1
        $null = New-Event counted
        (Get-Event counted).SourceIdentifier | Should -BeExactly 'counted'
        Get-EventSubscriber -SourceIdentifier counted -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Remove-Event counted
    }
    It 'Get-EventSubscriber | Unregister-Event removes every subscription' {
        $null = Register-EngineEvent -SourceIdentifier s1 -Action { }
        $null = Register-EngineEvent -SourceIdentifier s2 -Action { }
        (Get-EventSubscriber).Count | Should -Be 2
        Get-EventSubscriber | Unregister-Event
        Get-EventSubscriber | Should -BeNullOrEmpty
    }
}

Complete-MiniPester
