using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DetectionKit.Tooling.Benchmarking;

/// <summary>
/// Runs this tool's <c>run</c> command in a process of its own, as a SOC runs it, and watches its
/// resident-set high-water mark: the peak of a real run (rules from the compiled-rule cache, a
/// temporary alert state, alerts written to a file) that no earlier phase of the benchmark inflates.
/// </summary>
internal static partial class RunProcess
{
    /// <summary>How often the peak is read while the process runs; it only grows, so the last read is the peak but for this last interval.</summary>
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(10);

    public const string ProbeDescription = "the peak resident set (VmHWM) of a separate `run` process, read every 10 ms";

    public static async Task<RunProcessOutcome> RunAsync(IReadOnlyList<string> command, string rulesDirectory, IReadOnlyList<string> files, string work)
    {
        var alerts = Path.Combine(work, $"alerts-{Guid.NewGuid():N}.jsonl");
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1).Concat(["run", "--rules", Path.GetFullPath(rulesDirectory), "--out", alerts]).Concat(files.SelectMany(f => new[] { "--source", Path.GetFullPath(f) })))
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {command[0]}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            try
            {
                process.Refresh();
                peak = Math.Max(peak, process.PeakWorkingSet64);
            }
            catch (InvalidOperationException)
            {
                break; // exited between the two calls
            }

            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(SampleEvery));
        }

        await process.WaitForExitAsync();
        clock.Stop();
        var summary = await error;
        await output;
        File.Delete(alerts);
        if (Summary().Match(summary) is not { Success: true } line)
        {
            throw new InvalidOperationException($"`run` exited with {process.ExitCode} without its summary line:\n{summary}");
        }

        long Count(string name) => long.Parse(line.Groups[name].Value, CultureInfo.InvariantCulture);
        return new RunProcessOutcome(Count("events"), Count("matches"), Count("alerts"), (int)Count("errors"), clock.Elapsed, peak);
    }

    /// <summary>The last line `run` writes to stderr: its counts.</summary>
    [GeneratedRegex(@"^events read: (?<events>\d+),.* matches: (?<matches>\d+),.* alerts: (?<alerts>\d+), errors: (?<errors>\d+)", RegexOptions.Multiline)]
    private static partial Regex Summary();
}
