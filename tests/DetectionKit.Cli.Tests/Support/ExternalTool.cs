using System.Diagnostics;

namespace DetectionKit.Cli.Tests.Support;

/// <summary>
/// A command-line tool the tests run as a user would (cfn-lint, the AWS CLI). Outside CI a tool that is
/// not installed skips the test; under <c>CI=true</c> it fails it, so CI never passes by not checking.
/// </summary>
internal static class ExternalTool
{
    /// <summary>The tool's path on PATH; ignores the test (or, under CI, fails it) when it is not there.</summary>
    public static string Require(string name, string install)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
        if (found is not null)
        {
            return found;
        }

        var message = $"{name} is not on PATH; install it with '{install}'";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"{message} (CI=true: the check it makes must run)");
        }

        Assert.Ignore(message);
        return name;
    }

    /// <summary>Runs the tool to its end; its exit code and what it printed.</summary>
    public static ToolResult Run(string path, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(path, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{path} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(path)} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s");
        }

        return new ToolResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }
}

internal sealed record ToolResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
