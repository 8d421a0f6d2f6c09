import PSRuntime

extension CoreCommands {
    /// Every cmdlet beyond Out-* and Format-*; each file adds its own.
    static var utilityCmdlets: [any Cmdlet.Type] {
        [WriteOutputCommand.self, WriteHostCommand.self, WriteErrorCommand.self, WriteWarningCommand.self,
         WriteVerboseCommand.self, WriteDebugCommand.self, WriteInformationCommand.self, WriteProgressCommand.self,
         ReadHostCommand.self,
         WhereObjectCommand.self, ForEachObjectCommand.self, SelectObjectCommand.self, TeeObjectCommand.self,
         SortObjectCommand.self, GroupObjectCommand.self, MeasureObjectCommand.self, CompareObjectCommand.self,
         GetUniqueCommand.self,
         GetMemberCommand.self, AddMemberCommand.self, NewObjectCommand.self,
         ConvertToJsonCommand.self, ConvertFromJsonCommand.self, ConvertToCsvCommand.self, ConvertFromCsvCommand.self,
         ExportCsvCommand.self, ImportCsvCommand.self, JoinStringCommand.self, ConvertFromStringDataCommand.self,
         GetCommandCommand.self, GetHelpCommand.self, GetAliasCommand.self, SetAliasCommand.self, NewAliasCommand.self,
         RemoveAliasCommand.self, GetVariableCommand.self, SetVariableCommand.self, NewVariableCommand.self,
         RemoveVariableCommand.self, ClearVariableCommand.self, InvokeExpressionCommand.self, InvokeCommandCommand.self,
         ImportModuleCommand.self, NewModuleCommand.self, GetModuleCommand.self, RemoveModuleCommand.self, ExportModuleMemberCommand.self,
         TestPathCommand.self, GetContentCommand.self, SetContentCommand.self, AddContentCommand.self, ClearContentCommand.self,
         NewItemCommand.self, RemoveItemCommand.self, CopyItemCommand.self, MoveItemCommand.self, GetChildItemCommand.self,
         GetItemCommand.self, JoinPathCommand.self, SplitPathCommand.self, ResolvePathCommand.self, ConvertPathCommand.self, GetLocationCommand.self,
         SetLocationCommand.self, PushLocationCommand.self, PopLocationCommand.self,
         GetPSDriveCommand.self, NewPSDriveCommand.self, RemovePSDriveCommand.self, GetPSProviderCommand.self,
         GetItemPropertyCommand.self, GetItemPropertyValueCommand.self, SetItemPropertyCommand.self, ClearItemPropertyCommand.self,
         InvokeWebRequestCommand.self, InvokeRestMethodCommand.self,
         GetDateCommand.self, NewTimeSpanCommand.self, StartSleepCommand.self, GetRandomCommand.self, GetSecureRandomCommand.self, GetVerbCommand.self, TestJsonCommand.self, SelectXmlCommand.self, ConvertToXmlCommand.self, GetUptimeCommand.self, ImportPowerShellDataFileCommand.self, ExportClixmlCommand.self, ImportClixmlCommand.self, ConvertToCliXmlCommand.self, ConvertFromCliXmlCommand.self, ConvertToHtmlCommand.self, GetPSCallStackCommand.self, SetPSBreakpointCommand.self, GetPSBreakpointCommand.self, RemovePSBreakpointCommand.self, EnablePSBreakpointCommand.self, DisablePSBreakpointCommand.self, NewTemporaryFileCommand.self, NewTemporaryDirectoryCommand.self, UpdateListCommand.self, ImportLocalizedDataCommand.self, GetHostCommand.self, SelectStringCommand.self,
         GetFileHashCommand.self, RenameItemCommand.self, ExportAliasCommand.self, ImportAliasCommand.self,
         FormatHexCommand.self, GetErrorCommand.self, UpdateTypeDataCommand.self, GetTypeDataCommand.self, RemoveTypeDataCommand.self, SetItemCommand.self, ClearItemCommand.self,
         GetProcessCommand.self, StopProcessCommand.self, StartTranscriptCommand.self, StopTranscriptCommand.self,
         ClearHostCommand.self, MeasureCommandCommand.self, NewGuidCommand.self, ConvertToSecureStringCommand.self,
         ConvertFromSecureStringCommand.self, GetCredentialCommand.self, StartProcessCommand.self, SetStrictModeCommand.self, SetPSDebugCommand.self, GetRunspaceDebugCommand.self, EnableRunspaceDebugCommand.self, DisableRunspaceDebugCommand.self, DebugRunspaceCommand.self, WaitDebuggerCommand.self,
         GetCultureCommand.self, GetUICultureCommand.self, AddTypeCommand.self, GetRunspaceCommand.self,
         TraceCommandCommand.self, SetTraceSourceCommand.self, GetTraceSourceCommand.self,
         ConvertFromMarkdownCommand.self, ShowMarkdownCommand.self, GetMarkdownOptionCommand.self, SetMarkdownOptionCommand.self,
         NewEventCommand.self, GetEventCommand.self, RemoveEventCommand.self, WaitEventCommand.self, RegisterEngineEventCommand.self,
         RegisterObjectEventCommand.self, GetEventSubscriberCommand.self, UnregisterEventCommand.self,
         StartJobCommand.self, GetJobCommand.self, WaitJobCommand.self, ReceiveJobCommand.self, StopJobCommand.self, RemoveJobCommand.self,
         GetHistoryCommand.self, AddHistoryCommand.self, ClearHistoryCommand.self, InvokeHistoryCommand.self]
    }
}
