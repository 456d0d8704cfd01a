using System.Diagnostics;
using System.Globalization;

namespace DetectionKit.Tooling.Benchmarking;

/// <summary>
/// The process's resident-set high-water mark, reset between measurements. On Linux it is VmHWM from
/// <c>/proc/self/status</c>, reset by writing <c>5</c> to <c>/proc/self/clear_refs</c> after a full
/// compacting collection, so each phase reports its own peak rather than the largest so far. Elsewhere
/// it falls back to <see cref="Process.PeakWorkingSet64"/>, which cannot be reset.
/// </summary>
public sealed class PeakMemoryProbe
{
    private const string StatusPath = "/proc/self/status";
    private const string ClearRefsPath = "/proc/self/clear_refs";

    private PeakMemoryProbe(bool resettable) => Resettable = resettable;

    /// <summary>Whether <see cref="Reset"/> starts a new high-water mark (Linux); otherwise peaks are since the process started.</summary>
    public bool Resettable { get; }

    public string Description => Resettable
        ? "VmHWM from /proc/self/status, reset through /proc/self/clear_refs after an aggressive (decommitting) GC"
        : "Process.PeakWorkingSet64 (peak since the process started: not reset between phases)";

    public static PeakMemoryProbe ForThisProcess()
    {
        var resettable = File.Exists(StatusPath) && File.Exists(ClearRefsPath) && Kilobytes(File.ReadAllText(StatusPath), "VmHWM") is not null;
        return new PeakMemoryProbe(resettable);
    }

    /// <summary>Frees what the collector can and starts a new high-water mark at the resident set left.</summary>
    /// <returns>The resident set the new mark starts from, in bytes.</returns>
    public long Reset()
    {
        // Aggressive also gives the freed memory back to the system: a merely collected heap keeps it
        // resident, and the previous phase's garbage would count in the next phase's peak.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (!Resettable)
        {
            using var process = Process.GetCurrentProcess();
            return process.WorkingSet64;
        }

        try
        {
            File.WriteAllText(ClearRefsPath, "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"cannot reset the peak resident set through {ClearRefsPath}: {ex.Message}", ex);
        }

        return Kilobytes(File.ReadAllText(StatusPath), "VmRSS") * 1024 ?? 0;
    }

    /// <summary>The high-water mark since the last <see cref="Reset"/>, in bytes.</summary>
    public long Peak()
    {
        if (Resettable && Kilobytes(File.ReadAllText(StatusPath), "VmHWM") is { } kilobytes)
        {
            return kilobytes * 1024;
        }

        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    /// <summary>A <c>Name:   1234 kB</c> field of a <c>/proc/PID/status</c> text; null when it is absent or not in kB.</summary>
    public static long? Kilobytes(string status, string field)
    {
        foreach (var line in status.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !line.AsSpan(0, colon).SequenceEqual(field))
            {
                continue;
            }

            var parts = line[(colon + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            return parts is [var number, "kB"] && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        }

        return null;
    }
}
