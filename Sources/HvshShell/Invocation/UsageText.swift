/// The text of `hvsh -Help` and the banner. Written for hvsh; the switches mirror pwsh's.
public enum UsageText {
    public static let version = "0.1.0"

    public static var versionLine: String { "hvsh \(version)" }

    public static let banner = """
    hvsh \(version): PowerShell-compatible shell for Hyper-V labs on Linux.
    Type 'Get-Help' for help, 'exit' or Ctrl-D to leave.
    """

    public static let usage = """
    Usage: hvsh [-NoProfile] [-NoLogo] [-NoExit] [-NonInteractive] [-Sandbox]
                [-WorkingDirectory <dir>] [-ExecutionPolicy <policy>]
                [[-File] <script.ps1> [<arguments>...] | -Command <text> | -Command - |
                 -CommandWithArgs <text> [<arguments>...] | -EncodedCommand <base64> |
                 -DumpAst <file>|- | -Version | -Help]

    Runs PowerShell lab scripts and Hyper-V commands on Linux. With no script and no
    command, hvsh reads commands at a prompt, or from standard input when it is piped.

    Switch names may be written in any case and shortened, as with pwsh: -nop, -c, -f, -wd.

      -File <script.ps1> [args]   Run a script. Words after it go to its param() block as
                                  -Name value, -Name:value or -Switch; the rest land in $args.
                                  The script's path may also be given without -File.
      -File -                     Read commands from standard input, one at a time.
      -Command <text> (-c)        Run the text (every word after -Command is part of it).
                                  The exit code is 0 if the last command succeeded, else 1,
                                  unless the text calls 'exit N'.
      -Command -                  Run the script piped to standard input.
      -CommandWithArgs <text> [args] (-cwa)
                                  Run the text with the remaining words in $args.
      -EncodedCommand <base64> (-e)
                                  Run text given as Base64 of UTF-16LE.
      -NoProfile (-nop)           Skip the profile, ~/.config/hvsh/profile.ps1.
      -NoLogo (-nol)              Skip the banner of the interactive shell.
      -NoExit (-noe)              Stay at the prompt after -File or -Command.
      -NonInteractive (-noni)     Never prompt; Read-Host fails instead of waiting.
      -WorkingDirectory <dir> (-wd)
                                  Start in this directory.
      -ExecutionPolicy <policy> (-ep)
                                  Accepted for Windows scripts and ignored.
      -Sandbox (-sa)              Run in a new, empty network namespace (and a new user
                                  namespace when not root) with a scratch HVSH_HOME, so
                                  labs cannot change this machine's network.
      -DumpAst <file>|- (-d)      Print the syntax tree of a script instead of running it.
      -Version (-v)               Print the version.
      -Help (-h, -?)              Print this text.

    Exit codes: the value of 'exit N'; 1 after an error that stopped the script or a
    parse error; 64 for a command line hvsh cannot use.

    Environment: HVSH_HOME (where labs keep their state), HVSH_SYSTEM_DRIVE (the folder
    of the C: drive, else C under HVSH_HOME), NO_COLOR (no colours).
    """
}
