using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace DetectionKit.Cli.Tests.S3;

/// <summary>
/// The real command in a child process, stopped mid-run by SIGKILL or SIGTERM, then run again:
/// every alert arrives exactly once.
/// </summary>
public sealed class SurvivingAKill
{
    private const int Objects = 150;

    [TestCase("KILL")]
    [TestCase("TERM")]
    public async Task AProcessStoppedMidRunAndRestartedDeliversNothingTwiceAndMissesNothing(string signal)
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new ScheduleWorkspace(bucket);
        workspace.AddStopRule(dedup: "e.EventId");
        workspace.WriteConfig(parallelism: 1);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < Objects; i++)
        {
            await bucket.PutLogAsync(ScheduleWorkspace.Stops(now.AddMinutes(-100), 1), ScheduleWorkspace.Account, "us-east-1", now.AddMinutes(-90 + (i % 60)));
        }

        long processedAtStop;
        using (var child = StartSchedule(workspace))
        {
            processedAtStop = await WaitForCheckpointsAsync(workspace.StatePath, child, atLeast: 10);
            Signal(child, signal);
            await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.That(processedAtStop, Is.LessThan(Objects), "the process should be stopped mid-run");
            if (signal == "TERM")
            {
                Assert.That(child.ExitCode, Is.EqualTo(3), "SIGTERM stops the run mid-way, and the exit code says so");
            }
        }

        var committed = CheckpointsIn(workspace.StatePath);
        var restarted = workspace.Once();

        // The restart reads exactly the objects the stopped process had not committed.
        Assert.That(committed, Is.GreaterThanOrEqualTo(processedAtStop).And.LessThan(Objects));
        Assert.That(restarted.ExitCode, Is.EqualTo(0), restarted.ToString);
        Assert.That(restarted.Error, Does.Contain($"objects read {Objects - committed}, already processed {committed},"));
        var ids = workspace.DeliveredAlerts().Select(a => a["alertId"]!.GetValue<string>()).ToList();
        Assert.That(ids, Has.Count.EqualTo(Objects).And.Unique);
    }

    private static Process StartSchedule(ScheduleWorkspace workspace)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "detectionkit.dll");
        var start = new ProcessStartInfo("dotnet", [cli, "schedule", "--config", workspace.ConfigPath, "--once"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in MotoFixture.Server.Environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<long> WaitForCheckpointsAsync(string statePath, Process child, int atLeast)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline && !child.HasExited)
        {
            var count = Checkpoints(statePath);
            if (count >= atLeast)
            {
                return count;
            }

            await Task.Delay(5);
        }

        Assert.Fail($"the run ended or stalled before {atLeast} objects were checkpointed");
        return 0;
    }

    private static long CheckpointsIn(string statePath) => Checkpoints(statePath);

    private static long Checkpoints(string statePath)
    {
        if (!File.Exists(statePath))
        {
            return 0;
        }

        try
        {
            using var connection = new SqliteConnection($"Data Source={statePath};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM checkpoints";
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0;
        }
    }

    private static void Signal(Process process, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }
}
