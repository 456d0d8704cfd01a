using System.Text;
using DetectionKit.Cli.Hosting;
using DetectionKit.Cli.Tests.Support;

namespace DetectionKit.Cli.Tests.Commands;

/// <summary>
/// <c>test --watch</c> for real: the command runs in-process on a temporary copy of two rules, the test
/// saves files as an editor would and waits (polling, with generous limits) for what the watch prints.
/// </summary>
public sealed class WatchingRules
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Test]
    public async Task ABrokenCaseFailsOnSaveAndPassesOnceFixedUntilCtrlCEndsTheWatchWithZero()
    {
        using var workspace = TestCommandTests.AuthorsWorkspace();
        Shell.Run("test", "--rules", workspace.Rules, "--accept");
        await using var watch = Watch.Start("test", "--watch", "--rules", workspace.Rules);
        await watch.UntilAsync(o => o.Contains("watching ", StringComparison.Ordinal), "the first run");
        Assert.That(watch.Out, Does.Contain("5 passed, 0 failed"));

        var script = Path.Combine(workspace.Rules, "aws", "stop-logging.csx");
        var original = File.ReadAllText(script);
        File.WriteAllText(script, original.Replace("stopped", "halted", StringComparison.Ordinal));
        var failed = await watch.UntilAsync(o => o.Contains("FAIL sample.stop-logging / stratus capture", StringComparison.Ordinal) && o.EndsWith("Ctrl-C to stop\n", StringComparison.Ordinal), "the failing run");

        // Saved the way many editors save: a temporary file renamed over the original.
        File.WriteAllText(script + ".tmp", original);
        File.Move(script + ".tmp", script, overwrite: true);
        var fixedRun = await watch.UntilAsync(o => o.Length > failed.Length && o[failed.Length..].Contains(" passed, 0 failed", StringComparison.Ordinal), "the passing run");

        var exitCode = await watch.StopAsync();

        Assert.That(exitCode, Is.EqualTo(0), watch.ToString);
        var cycle = fixedRun[failed.Length..];
        Assert.That(cycle, Does.Contain("changed: " + Path.GetRelativePath(Environment.CurrentDirectory, script) + "; re-running the rules they concern"));
        Assert.That(cycle, Does.Contain("tested 1 rule (2 cases) and 1 capture in "), "only the rule whose script changed ran again");
        Assert.That(cycle, Does.Contain("3 passed, 0 failed"));
    }

    [Test]
    public async Task ABrokenYamlIsADiagnosticAndALibraryChangeRerunsTheRulesThatLoadIt()
    {
        using var workspace = TestCommandTests.AuthorsWorkspace();
        workspace.AddFile("rules/_lib/names.csx", "static string Halted(string name) => $\"Trail {name} stopped\";\n");
        var script = Path.Combine(workspace.Rules, "aws", "stop-logging.csx");
        File.WriteAllText(script, "#load \"../_lib/names.csx\"\n" + File.ReadAllText(script).Replace("$\"Trail {e.Get(\"requestParameters.name\")} stopped\"", "Halted(e.Get(\"requestParameters.name\"))", StringComparison.Ordinal));
        var accepted = Shell.Run("test", "--rules", workspace.Rules, "--accept");
        Assert.That(accepted.ExitCode, Is.EqualTo(0), accepted.ToString);
        await using var watch = Watch.Start("test", "--watch", "--rules", workspace.Rules);
        var first = await watch.UntilAsync(o => o.Contains("watching ", StringComparison.Ordinal), "the first run");

        var yaml = Path.Combine(workspace.Rules, "aws", "insight.yml");
        var insight = File.ReadAllText(yaml);
        File.WriteAllText(yaml, insight.Replace("severity: medium", "severity: [medium", StringComparison.Ordinal));
        var broken = await watch.UntilAsync(o => o.Length > first.Length && o[first.Length..].Contains("Ctrl-C to stop\n", StringComparison.Ordinal), "the run of the broken YAML");
        File.WriteAllText(yaml, insight);
        var repaired = await watch.UntilAsync(o => o.Length > broken.Length && o[broken.Length..].Contains("Ctrl-C to stop\n", StringComparison.Ordinal), "the run of the repaired YAML");
        File.AppendAllText(Path.Combine(workspace.Rules, "_lib", "names.csx"), "// a comment\n");
        var library = await watch.UntilAsync(o => o.Length > repaired.Length && o[repaired.Length..].Contains("Ctrl-C to stop\n", StringComparison.Ordinal), "the run after the library changed");

        Assert.That(await watch.StopAsync(), Is.EqualTo(0), watch.ToString);
        Assert.That(broken[first.Length..], Does.Contain("insight.yml:").And.Contain("error DK1001").And.Contain("0 passed, 1 failed"));
        Assert.That(repaired[broken.Length..], Does.Contain("tested 1 rule (2 cases) and 1 capture").And.Contain("3 passed, 0 failed"));
        Assert.That(library[repaired.Length..], Does.Contain("_lib/names.csx; re-running the rules they concern").And.Contain("tested 1 rule (2 cases) and 1 capture"), "only the rule that loads the library");
    }

    /// <summary>The CLI running in-process on its own thread, with what it prints so far.</summary>
    private sealed class Watch : IAsyncDisposable
    {
        private readonly StringWriter output = new() { NewLine = "\n" };
        private readonly StringWriter error = new() { NewLine = "\n" };
        private readonly TextWriter syncOutput;
        private readonly TextWriter syncError;
        private readonly CancellationTokenSource stop = new();
        private Task<int> running = Task.FromResult(-1);

        private Watch()
        {
            syncOutput = TextWriter.Synchronized(output);
            syncError = TextWriter.Synchronized(error);
        }

        public string Out
        {
            get
            {
                lock (syncOutput)
                {
                    return output.ToString();
                }
            }
        }

        public static Watch Start(params string[] args)
        {
            var watch = new Watch();
            var context = new CliContext(watch.syncOutput, watch.syncError, () => new MemoryStream());
            watch.running = Task.Run(() => CliApp.RunAsync(args, context, watch.stop.Token));
            return watch;
        }

        /// <returns>The output at the moment it satisfied the condition.</returns>
        public async Task<string> UntilAsync(Func<string, bool> condition, string what)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (DateTime.UtcNow < deadline)
            {
                var text = Out;
                if (condition(text))
                {
                    return text;
                }

                if (running.IsCompleted)
                {
                    Assert.Fail($"the watch ended before {what}:\n{this}");
                }

                await Task.Delay(100);
            }

            Assert.Fail($"no {what} within {Patience.TotalSeconds} s:\n{this}");
            return string.Empty;
        }

        /// <summary>What Ctrl-C does: cancels the command; returns its exit code.</summary>
        public async Task<int> StopAsync()
        {
            await stop.CancelAsync();
            return await running.WaitAsync(Patience);
        }

        public override string ToString()
        {
            string errors;
            lock (syncError)
            {
                errors = error.ToString();
            }

            return new StringBuilder().Append("stdout:\n").Append(Out).Append("stderr:\n").Append(errors).ToString();
        }

        public async ValueTask DisposeAsync()
        {
            if (!running.IsCompleted)
            {
                await stop.CancelAsync();
                await running.WaitAsync(Patience).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            stop.Dispose();
        }
    }
}
