namespace DetectionKit.Cli.Hosting;

/// <summary>The streams a command writes to; the console in production, strings in tests.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, Func<Stream> OpenStandardInput)
{
    public static CliContext Console { get; } = new(System.Console.Out, System.Console.Error, System.Console.OpenStandardInput)
    {
        ErrorIsTerminal = !System.Console.IsErrorRedirected,
        HandlesSignals = true,
    };

    /// <summary>Progress lines are only worth printing to a person watching.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>SIGINT/SIGTERM stop long commands gracefully; only for the real process, not tests.</summary>
    public bool HandlesSignals { get; init; }
}
