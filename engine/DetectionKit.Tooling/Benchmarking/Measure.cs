using System.Diagnostics;

namespace DetectionKit.Tooling.Benchmarking;

/// <summary>Times a piece of work and counts what it allocates, starting from a collected heap.</summary>
internal static class Measure
{
    public static async Task<Measured<T>> RunAsync<T>(Func<Task<T>> work)
    {
        // A collection owed by the previous measurement would otherwise be charged to this one.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // Every thread's allocations: the pipeline's awaits resume on pool threads.
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var value = await work();
        clock.Stop();
        return new Measured<T>(value, clock.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
    }

    /// <summary>The faster of two measurements of the same work; <c>default</c> (not yet measured) never wins.</summary>
    public static Measured<T> Faster<T>(Measured<T> best, Measured<T> next) =>
        best.Elapsed == TimeSpan.Zero || next.Elapsed < best.Elapsed ? next : best;

    public static Task<Measured<T>> Run<T>(Func<T> work) => RunAsync(() => Task.FromResult(work()));
}
