namespace DetectionKit.Cli.Hosting;

/// <summary>The command's exit codes; documented in the README.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failures = 1;
    public const int Usage = 2;

    /// <summary>SIGINT or SIGTERM stopped the command before it had read everything: what was not read is read by the next run.</summary>
    public const int Interrupted = 3;

    /// <summary>The state file cannot be used: damaged, not a state database, locked by another process, unwritable.</summary>
    public const int StateUnusable = 4;

    /// <summary>An input/output error outside the inputs: an alerts file that cannot be written (disk full, no permission), say.</summary>
    public const int InputOutput = 5;

    /// <summary>The process ran out of memory.</summary>
    public const int OutOfMemory = 6;
}
