using DetectionKit.Engine.Compilation.Caching;
using DetectionKit.Engine.Running;

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

    /// <summary>
    /// Loads and compiles a rules directory with a settings file (or none) for <c>run</c> and <c>schedule</c>.
    /// The process compiles afresh each time; tests that run many commands in one process over rules none
    /// of them change share one compilation through it.
    /// </summary>
    public Func<string, string?, RuleCache?, RuleSelector> LoadRules { get; init; } = RuleSelector.Load;
}
