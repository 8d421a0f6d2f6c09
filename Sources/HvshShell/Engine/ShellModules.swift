import HostNetworking
import HyperV
import PSCommands
import PSRuntime

/// The modules every hvsh session imports, in order (a later registration of a name wins):
/// core cmdlets and formatting, host networking, Hyper-V.
public enum ShellModules {
    public static var all: [PSModule] {
        [CoreCommands.module, HostNetworkingModule.module, HyperVModule.module]
    }
}
