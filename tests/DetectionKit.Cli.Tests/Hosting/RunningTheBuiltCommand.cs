using System.Diagnostics;
using System.Text.Json;
using DetectionKit.Cli.Tests.Support;

namespace DetectionKit.Cli.Tests.Hosting;

/// <summary>
/// The built <c>detectionkit</c> in its own process, for what the in-process tests cannot see: that
/// Program hands the console's streams to the commands (records on stdout, messages on stderr) and
/// that the process ends with the command's exit code. None of these compiles a rule, so each costs
/// a process start only.
/// </summary>
public sealed class RunningTheBuiltCommand
{
    [Test]
    public async Task RecordsGoToStandardOutputAndTheSummaryToStandardErrorWithExitCodeZero()
    {
        var result = await RunAsync("generate", "benign", "--events", "3", "--start", "2025-01-06T09:00:00Z");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.OutLines, Has.Count.EqualTo(3));
        Assert.That(result.OutLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("eventTime").GetString()), Has.All.StartWith("2025-01-06T09:"));
        Assert.That(result.Error, Does.Contain("wrote 3 records (seed 42)"));
    }

    [Test]
    public async Task AnUnknownOptionEndsTheProcessWithExitCodeTwoAndNothingOnStandardOutput()
    {
        var result = await RunAsync("run", "--no-such-option");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        Assert.That(result.Out, Is.Empty);
        Assert.That(result.Error, Does.Contain("error: unknown option '--no-such-option' for 'detectionkit run'").And.Contain("Run 'detectionkit run --help' for usage."));
    }

    [Test]
    public async Task UnreadableInputEndsTheProcessWithExitCodeOne()
    {
        using var workspace = new RulesWorkspace();
        var missing = Path.Combine(workspace.Root, "missing.json");

        var result = await RunAsync("run", "--rules", workspace.Rules, "--source", missing);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Out, Is.Empty);
        Assert.That(result.Error, Does.Contain("missing.json: error DK4001: no such file or directory"));
    }

    private static async Task<CliResult> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "detectionkit.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new CliResult(process.ExitCode, (await output).ReplaceLineEndings("\n"), (await error).ReplaceLineEndings("\n"));
    }
}
