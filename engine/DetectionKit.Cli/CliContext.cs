namespace DetectionKit.Cli;

/// <summary>The streams a command writes to; the console in production, strings in tests.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, Func<Stream> OpenStandardInput)
{
    public static CliContext Console { get; } = new(System.Console.Out, System.Console.Error, System.Console.OpenStandardInput);
}
