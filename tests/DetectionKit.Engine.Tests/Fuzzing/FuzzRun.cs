using System.Diagnostics;
using System.Globalization;

namespace DetectionKit.Engine.Tests.Fuzzing;

/// <summary>
/// Runs the cases of one fuzz target, each from its own generator seeded by (run seed, case index),
/// so any case can be replayed alone. A case fails on an exception, a broken property (its
/// target checks allocation against <see cref="AllocationLimit"/>), or running past <see cref="CaseTimeout"/> (a
/// watchdog on the test thread notices a hang the case's own thread cannot report).
/// </summary>
/// <remarks>
/// <c>DETECTIONKIT_FUZZ_CASES</c> scales every target's count (its CI count times CASES / 3260),
/// <c>DETECTIONKIT_FUZZ_SEED</c> picks another run and <c>DETECTIONKIT_FUZZ_CASE</c> runs one case.
/// </remarks>
internal static class FuzzRun
{
    /// <summary>The total of the CI counts of all targets; DETECTIONKIT_FUZZ_CASES scales them to its value.</summary>
    public const int CiCases = 3260;

    public const long AllocationLimit = 64L * 1024 * 1024;

    private const int DefaultSeed = 20240509;

    /// <summary>Seconds where a case takes milliseconds: a loaded CI machine must not fail a case for being slow.</summary>
    public static TimeSpan CaseTimeout { get; } = TimeSpan.FromSeconds(20);

    public static int Seed { get; } = Number("DETECTIONKIT_FUZZ_SEED") ?? DefaultSeed;

    private static int? OnlyCase { get; } = Number("DETECTIONKIT_FUZZ_CASE");

    private static double Scale { get; } = (Number("DETECTIONKIT_FUZZ_CASES") ?? CiCases) / (double)CiCases;

    /// <summary>The generator of one case: the same for the same run seed, target and index.</summary>
    public static Random CaseRandom(string target, int index) =>
        new(unchecked((int)(((uint)Seed * 2654435761u) ^ ((uint)StableHash(target) * 40503u) ^ ((uint)index * 2246822519u))) & int.MaxValue);

    /// <summary>
    /// Runs <paramref name="ciCases"/> cases (scaled by DETECTIONKIT_FUZZ_CASES); <paramref name="runCase"/>
    /// returns null when every property held, or what broke. Fails listing the first few broken cases
    /// with the command that replays each.
    /// </summary>
    public static void Cases(string target, int ciCases, Func<int, Random, FuzzCase> runCase)
    {
        var count = Math.Max(1, (int)Math.Round(ciCases * Scale));
        var indices = OnlyCase is { } only ? [only] : Enumerable.Range(0, count).ToArray();
        var failures = new List<string>();
        var current = -1;
        var started = Stopwatch.GetTimestamp();
        var marker = Path.Combine(Path.GetTempPath(), $"detectionkit-fuzz-{target}.case");
        Exception? harnessFault = null;
        var worker = new Thread(() =>
        {
            try
            {
                foreach (var index in indices)
                {
                    // If the test host itself dies (a stack overflow), this file names the case it was running.
                    File.WriteAllText(marker, Replay(target, index));
                    Volatile.Write(ref started, Stopwatch.GetTimestamp());
                    Volatile.Write(ref current, index);
                    var problem = RunOne(target, index, runCase);
                    if (problem is not null)
                    {
                        lock (failures)
                        {
                            failures.Add(problem);
                        }

                        if (failures.Count >= 5)
                        {
                            return;
                        }
                    }
                }
            }
            catch (Exception ex)
            {
                harnessFault = ex;
            }
        })
        { IsBackground = true, Name = "fuzz " + target };
        worker.Start();
        while (!worker.Join(50))
        {
            var elapsed = Stopwatch.GetElapsedTime(Volatile.Read(ref started));
            if (elapsed > CaseTimeout)
            {
                var index = Volatile.Read(ref current);
                Assert.Fail($"fuzz {target}: case {index} still running after {elapsed.TotalSeconds:0} s (a hang); {Replay(target, index)}");
            }
        }

        File.Delete(marker);
        if (harnessFault is not null)
        {
            throw harnessFault;
        }

        lock (failures)
        {
            Assert.That(failures, Is.Empty, $"fuzz {target}: {failures.Count} broken case(s) of {indices.Length}:\n" + string.Join("\n", failures));
        }

        TestContext.Out.WriteLine($"fuzz {target}: {indices.Length} cases, seed {Seed}");
    }

    public static string Replay(string target, int index) =>
        $"replay with DETECTIONKIT_FUZZ_SEED={Seed} DETECTIONKIT_FUZZ_CASE={index} dotnet test tests/DetectionKit.Engine.Tests --filter \"FullyQualifiedName~Fuzzing&Name~{target}\"";

    /// <summary>What broke in the allocation of one call under test, or null when it stayed under the limit.</summary>
    public static string? Allocation(long allocated, long limit = AllocationLimit) =>
        allocated > limit ? $"allocated {allocated / (1024 * 1024):N0} MiB reading it (limit {limit / (1024 * 1024)} MiB)" : null;

    /// <summary>One case is being replayed (DETECTIONKIT_FUZZ_CASE): targets keep its input in the temporary folder.</summary>
    public static bool Replaying => OnlyCase is not null;

    private static string? RunOne(string target, int index, Func<int, Random, FuzzCase> runCase)
    {
        FuzzCase result;
        try
        {
            result = runCase(index, CaseRandom(target, index));
        }
        catch (Exception ex)
        {
            return $"case {index}: unhandled {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}\n  {Replay(target, index)}";
        }

        return result.Problem is null ? null : $"case {index} ({result.Description}): {result.Problem}\n  {Replay(target, index)}";
    }

    private static int? Number(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
