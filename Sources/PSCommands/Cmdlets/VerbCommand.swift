import PSRuntime

/// Get-Verb: PowerShell's approved verbs (System.Management.Automation.Verbs*), each with its
/// group, the alias prefix its commands' aliases start with and its description, in .NET's order
/// (the groups Common, Communications, Data, Diagnostic, Lifecycle, Other, Security; the verbs of
/// a group as the class declares them).
final class GetVerbCommand: Cmdlet {
    static let groupNames = ["Common", "Communications", "Data", "Diagnostic", "Lifecycle", "Other", "Security"]
    static let verb = Parameter<[String]>("Verb", position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true)
    static let group = Parameter<[String]>("Group", position: 1, valueFromPipelineByPropertyName: true,
                                           validate: [.set(groupNames)])
    static let declaration = CmdletDeclaration(
        "Get-Verb", parameters: [verb, group], outputTypes: ["System.Management.Automation.VerbInfo"],
        synopsis: "Lists the approved verbs for command names.",
        description: "Writes a VerbInfo (Verb, AliasPrefix, Group, Description) for each approved verb, filtered by -Verb (wildcards) and -Group.")

    func process(_ context: CmdletContext) throws {
        let patterns = (context[Self.verb] ?? []).map { WildcardPattern($0) }
        let groups = Set((context[Self.group] ?? []).map { $0.lowercased() })
        for entry in Self.table {
            if !groups.isEmpty && !groups.contains(entry.group.name.lowercased()) { continue }
            if !patterns.isEmpty && !patterns.contains(where: { $0.matches(entry.verb) }) { continue }
            try context.writeObject(.object(Self.verbInfo(entry)))
        }
    }

    static func verbInfo(_ entry: (verb: String, prefix: String, group: VerbGroup, description: String)) -> PSObject {
        let o = PSObject(typeNames: ["System.Management.Automation.VerbInfo", "System.Object"])
        o.addNote("Verb", .string(entry.verb))
        o.addNote("AliasPrefix", .string(entry.prefix))
        o.addNote("Group", .string(entry.group.name))
        o.addNote("Description", .string(entry.description))
        return o
    }

    enum VerbGroup {
        case common, communications, data, diagnostic, lifecycle, other, security
        var name: String { "\(self)".prefix(1).uppercased() + "\(self)".dropFirst() }
    }

    // The descriptions are the strings .NET's VerbDescriptions resource gives Get-Verb's output.
    static let table: [(verb: String, prefix: String, group: VerbGroup, description: String)] = [
        ("Add", "a", .common, "Adds a resource to a container, or attaches an item to another item"),
        ("Clear", "cl", .common, "Removes all the resources from a container but does not delete the container"),
        ("Close", "cs", .common, "Changes the state of a resource to make it inaccessible, unavailable, or unusable"),
        ("Copy", "cp", .common, "Copies a resource to another name or to another container"),
        ("Enter", "et", .common, "Specifies an action that allows the user to move into a resource"),
        ("Exit", "ex", .common, "Sets the current environment or context to the most recently used context"),
        ("Find", "fd", .common, "Looks for an object in a container that is unknown, implied, optional, or specified"),
        ("Format", "f", .common, "Arranges objects in a specified form or layout"),
        ("Get", "g", .common, "Specifies an action that retrieves a resource"),
        ("Hide", "h", .common, "Makes a resource undetectable"),
        ("Join", "j", .common, "Combines resources into one resource"),
        ("Lock", "lk", .common, "Secures a resource"),
        ("Move", "m", .common, "Moves a resource from one location to another"),
        ("New", "n", .common, "Creates a resource"),
        ("Open", "op", .common, "Changes the state of a resource to make it accessible, available, or usable"),
        ("Optimize", "om", .common, "Increases the effectiveness of a resource"),
        ("Push", "pu", .common, "Adds an item to the top of a stack"),
        ("Pop", "pop", .common, "Removes an item from the top of a stack"),
        ("Redo", "re", .common, "Resets a resource to the state that was undone"),
        ("Remove", "r", .common, "Deletes a resource from a container"),
        ("Rename", "rn", .common, "Changes the name of a resource"),
        ("Reset", "rs", .common, "Sets a resource back to its original state"),
        ("Resize", "rz", .common, "Changes the size of a resource"),
        ("Search", "sr", .common, "Creates a reference to a resource in a container"),
        ("Select", "sc", .common, "Locates a resource in a container"),
        ("Set", "s", .common, "Replaces data on an existing resource or creates a resource that contains some data"),
        ("Show", "sh", .common, "Makes a resource visible to the user"),
        ("Skip", "sk", .common, "Bypasses one or more resources or points in a sequence"),
        ("Split", "sl", .common, "Separates parts of a resource"),
        ("Step", "st", .common, "Moves to the next point or resource in a sequence"),
        ("Switch", "sw", .common, "Specifies an action that alternates between two resources, such as to change between two locations, responsibilities, or states"),
        ("Undo", "un", .common, "Sets a resource to its previous state"),
        ("Unlock", "uk", .common, "Releases a resource that was locked"),
        ("Watch", "wc", .common, "Continually inspects or monitors a resource for changes"),
        ("Connect", "cc", .communications, "Creates a link between a source and a destination"),
        ("Disconnect", "dc", .communications, "Breaks the link between a source and a destination"),
        ("Read", "rd", .communications, "Acquires information from a source"),
        ("Receive", "rc", .communications, "Accepts information sent from a source"),
        ("Send", "sd", .communications, "Delivers information to a destination"),
        ("Write", "wr", .communications, "Adds information to a target"),
        ("Backup", "ba", .data, "Stores data by replicating it"),
        ("Checkpoint", "ch", .data, "Creates a snapshot of the current state of the data or of its configuration"),
        ("Compare", "cr", .data, "Evaluates the data from one resource against the data from another resource"),
        ("Compress", "cm", .data, "Compacts the data of a resource"),
        ("Convert", "cv", .data, "Changes the data from one representation to another when the cmdlet supports bidirectional conversion or when the cmdlet supports conversion between multiple data types"),
        ("ConvertFrom", "cf", .data, "Converts one primary type of input (the cmdlet noun indicates the input) to one or more supported output types"),
        ("ConvertTo", "ct", .data, "Converts from one or more types of input to a primary output type (the cmdlet noun indicates the output type)"),
        ("Dismount", "dm", .data, "Detaches a named entity from a location"),
        ("Edit", "ed", .data, "Modifies existing data by adding or removing content"),
        ("Expand", "en", .data, "Restores the data of a resource that has been compressed to its original state"),
        ("Export", "ep", .data, "Encapsulates the primary input into a persistent data store, such as a file, or into an interchange format"),
        ("Group", "gp", .data, "Arranges or associates one or more resources"),
        ("Import", "ip", .data, "Creates a resource from data that is stored in a persistent data store (such as a file) or in an interchange format"),
        ("Initialize", "in", .data, "Prepares a resource for use, and sets it to a default state"),
        ("Limit", "l", .data, "Applies constraints to a resource"),
        ("Merge", "mg", .data, "Creates a single resource from multiple resources"),
        ("Mount", "mt", .data, "Attaches a named entity to a location"),
        ("Out", "o", .data, "Sends data out of the environment"),
        ("Publish", "pb", .data, "Makes a resource available to others"),
        ("Restore", "rr", .data, "Sets a resource to a predefined state, such as a state set by Checkpoint"),
        ("Save", "sv", .data, "Preserves data to avoid loss"),
        ("Sync", "sy", .data, "Assures that two or more resources are in the same state"),
        ("Unpublish", "ub", .data, "Makes a resource unavailable to others"),
        ("Update", "ud", .data, "Brings a resource up-to-date to maintain its state, accuracy, conformance, or compliance"),
        ("Debug", "db", .diagnostic, "Examines a resource to diagnose operational problems"),
        ("Measure", "ms", .diagnostic, "Identifies resources that are consumed by a specified operation, or retrieves statistics about a resource"),
        ("Ping", "pi", .diagnostic, "Use the Test verb"),
        ("Repair", "rp", .diagnostic, "Restores a resource to a usable condition"),
        ("Resolve", "rv", .diagnostic, "Maps a shorthand representation of a resource to a more complete representation"),
        ("Test", "t", .diagnostic, "Verifies the operation or consistency of a resource"),
        ("Trace", "tr", .diagnostic, "Tracks the activities of a resource"),
        ("Approve", "ap", .lifecycle, "Confirms or agrees to the status of a resource or process"),
        ("Assert", "as", .lifecycle, "Affirms the state of a resource"),
        ("Build", "bd", .lifecycle, "Creates an artifact (usually a binary or document) out of some set of input files (usually source code or declarative documents)"),
        ("Complete", "cmp", .lifecycle, "Concludes an operation"),
        ("Confirm", "cn", .lifecycle, "Acknowledges, verifies, or validates the state of a resource or process"),
        ("Deny", "dn", .lifecycle, "Refuses, objects, blocks, or opposes the state of a resource or process"),
        ("Deploy", "dp", .lifecycle, "Sends an application, website, or solution to a remote target[s] in such a way that a consumer of that solution can access it after deployment is complete"),
        ("Disable", "d", .lifecycle, "Configures a resource to an unavailable or inactive state"),
        ("Enable", "e", .lifecycle, "Configures a resource to an available or active state"),
        ("Install", "is", .lifecycle, "Places a resource in a location, and optionally initializes it"),
        ("Invoke", "i", .lifecycle, "Performs an action, such as running a command or a method"),
        ("Register", "rg", .lifecycle, "Creates an entry for a resource in a repository such as a database"),
        ("Request", "rq", .lifecycle, "Asks for a resource or asks for permissions"),
        ("Restart", "rt", .lifecycle, "Stops an operation and then starts it again"),
        ("Resume", "ru", .lifecycle, "Starts an operation that has been suspended"),
        ("Start", "sa", .lifecycle, "Initiates an operation"),
        ("Stop", "sp", .lifecycle, "Discontinues an activity"),
        ("Submit", "sb", .lifecycle, "Presents a resource for approval"),
        ("Suspend", "ss", .lifecycle, "Pauses an activity"),
        ("Uninstall", "us", .lifecycle, "Removes a resource from an indicated location"),
        ("Unregister", "ur", .lifecycle, "Removes the entry for a resource from a repository"),
        ("Wait", "w", .lifecycle, "Pauses an operation until a specified event occurs"),
        ("Use", "u", .other, "Uses or includes a resource to do something"),
        ("Block", "bl", .security, "Restricts access to a resource"),
        ("Grant", "gr", .security, "Allows access to a resource"),
        ("Protect", "pt", .security, "Safeguards a resource from attack or loss"),
        ("Revoke", "rk", .security, "Specifies an action that does not allow access to a resource"),
        ("Unblock", "ul", .security, "Removes restrictions to a resource"),
        ("Unprotect", "up", .security, "Removes safeguards from a resource that were added to prevent it from attack or loss"),
    ]
}
