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
         ExportCsvCommand.self, ImportCsvCommand.self]
    }
}
