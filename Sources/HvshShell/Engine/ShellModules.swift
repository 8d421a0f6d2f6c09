import PSRuntime

/// The modules every hvsh session imports, in order (a later registration of a name wins).
public enum ShellModules {
    public static var all: [PSModule] { [] }
}
