using System.Diagnostics;
using System.Globalization;
using DetectionKit.Cli.Hosting;
using DetectionKit.Cli.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.Hosting;

/// <summary>
/// What the process says, and with which exit code, when it is stopped by a signal or when the
/// machine around it fails: never "a bug, please report it" with the usage exit code.
/// </summary>
public sealed class SurvivingFaultsAndSignals
{
    private static readonly string StopCapture = Path.Combine(RepositoryPaths.Fixtures, "stratus-red-team", "aws.defense-evasion.cloudtrail-stop.json");

    [Test]
    public async Task SigtermStopsARunWhileARuleIsSlowInBoundedTimeWithTheInterruptedExitCode()
    {
        using var workspace = new RulesWorkspace();
        workspace.AddRule("slow", RuleYaml.Rule("test.slow"), "bool Rule(CloudTrailEvent e)\n{\n    var n = 0L;\n    while (n < long.MaxValue)\n    {\n        n++;\n    }\n\n    return n == 0;\n}\n");

        // No step limit and two minutes of wall clock: without the stop reaching into the call, it runs on.
        var settings = workspace.AddFile("slow.settings.yml", "budget:\n  steps: 0\n  allocationMiB: 0\n  wallClockMs: 120000\n");
        var input = workspace.AddFile("events.jsonl", Some.JsonLines(Some.Record(eventId: "one"), Some.Record(eventId: "two")));
        var state = Path.Combine(workspace.Root, "state.db");
        using var child = Start("run", "--rules", workspace.Rules, "--settings", settings, "--source", input, "--state", state);
        try
        {
            // The state is opened once the rules are compiled, just before the pass starts.
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (!File.Exists(state) && !child.Process.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            Assert.That(child.Process.HasExited, Is.False, child.Error.ToString());
            await Task.Delay(TimeSpan.FromSeconds(2));
            var signalled = Stopwatch.StartNew();
            Signal(child.Process, "TERM");
            await child.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            signalled.Stop();

            Assert.That(child.Process.ExitCode, Is.EqualTo(ExitCodes.Interrupted), child.Error.ToString());
            Assert.That(child.Error.ToString(), Does.Contain("SIGTERM: stopping").And.Contain("interrupted: the run was stopped before every input was read"));
            Assert.That(child.Error.ToString(), Does.Not.Contain("DK5002"), "a call the stop cut short is not a rule error");
        }
        finally
        {
            if (!child.Process.HasExited)
            {
                child.Process.Kill();
            }
        }
    }

    [Test]
    public void ADamagedStateFileEndsTheRunWithItsPathWhatToDoAndTheStateExitCode()
    {
        using var workspace = new RulesWorkspace();
        var state = workspace.AddFile("state.db", "SQLite format 3? no: a log file someone moved here by mistake\n" + new string('x', 4096));
        var before = File.ReadAllBytes(state);

        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", StopCapture, "--state", state);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.StateUnusable), result.ToString);
        Assert.That(result.Error, Does.Contain($"error DK6004: cannot use the state file {state}: it is damaged or is not a DetectionKit state database"));
        Assert.That(result.Error, Does.Contain("move it aside").And.Not.Contain("please report it"));
        Assert.That(result.Out, Is.Empty);
        Assert.That(File.ReadAllBytes(state), Is.EqualTo(before), "the state is never silently recreated");
    }

    [Test]
    public void AnAlertsFileThatCannotBeCreatedIsAnInputOutputError()
    {
        using var workspace = new RulesWorkspace();
        var notAFolder = workspace.AddFile("alerts", "a file where a folder is expected");

        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", StopCapture, "--out", Path.Combine(notAFolder, "alerts.jsonl"));

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InputOutput), result.ToString);
        Assert.That(result.Error, Does.Contain("error DK6005: cannot write the alerts file").And.Contain("nothing was run"));
    }

    [Test]
    public void AFullDiskUnderTheAlertsFileIsAnInputOutputError()
    {
        Assume.That(File.Exists("/dev/full"), "needs Linux's /dev/full");

        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", StopCapture, "--out", "/dev/full");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InputOutput), result.ToString);
        Assert.That(result.Error, Does.Contain("error DK6001: output failed on alert").And.Contain("No space left on device"));
        Assert.That(result.Error, Does.Contain("error DK6005: ").And.Not.Contain("please report it"));
    }

    [TestCase("memory", ExitCodes.OutOfMemory, "error DK6006: out of memory")]
    [TestCase("disk", ExitCodes.InputOutput, "error DK6005: No space left on device (IOException); check the free space and permissions there")]
    public void AFaultOfTheMachineHasItsOwnExitCodeAndSaysWhatToDo(string fault, int exitCode, string message)
    {
        using var workspace = new RulesWorkspace();
        var error = new StringWriter();
        var context = new CliContext(TextWriter.Null, error, () => Stream.Null)
        {
            LoadRules = (_, _, _) => throw (fault == "memory" ? new OutOfMemoryException() : new IOException("No space left on device")),
        };

        var code = CliApp.RunAsync(["run", "--rules", workspace.Rules, "--source", StopCapture], context).GetAwaiter().GetResult();

        Assert.That(code, Is.EqualTo(exitCode), error.ToString());
        Assert.That(error.ToString(), Does.Contain(message).And.Not.Contain("please report it"));
    }

    private static Child Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "detectionkit.dll"), .. args])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var child = new Child(Process.Start(start)!);
        child.Process.OutputDataReceived += (_, _) => { };
        child.Process.ErrorDataReceived += (_, line) =>
        {
            lock (child.Error)
            {
                child.Error.AppendLine(line.Data);
            }
        };
        child.Process.BeginOutputReadLine();
        child.Process.BeginErrorReadLine();
        return child;
    }

    private static void Signal(Process process, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    private sealed record Child(Process Process) : IDisposable
    {
        public System.Text.StringBuilder Error { get; } = new();

        public void Dispose() => Process.Dispose();
    }
}
