using System.Text;
using DetectionKit.Cli.Hosting;

namespace DetectionKit.Cli.Tests.Support;

/// <summary>Runs the real command line in-process and captures what it prints; the shipped rules are compiled once (<see cref="ShippedPack"/>).</summary>
internal static class Shell
{
    public static CliResult Run(params string[] args) => RunWithInput(null, args);

    public static CliResult RunWithInput(byte[]? stdin, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var context = new CliContext(output, error, () => new MemoryStream(stdin ?? [])) { LoadRules = ShippedPack.LoadRules };
        var exitCode = CliApp.RunAsync(args, context).GetAwaiter().GetResult();
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public IReadOnlyList<string> OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => new StringBuilder()
        .Append("exit ").Append(ExitCode).Append('\n')
        .Append("stdout:\n").Append(Out)
        .Append("stderr:\n").Append(Error)
        .ToString();
}
