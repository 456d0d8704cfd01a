using System.Globalization;
using DetectionKit.Tooling.Benchmarking;

namespace DetectionKit.Cli.Reporting;

/// <summary>The cells of the benchmark table, formatted once for the text and markdown renderers; empty where a row measured nothing.</summary>
internal static class BenchTable
{
    public static readonly string[] Header =
        ["measurement", "events", "JSON MB", "seconds", "events/s", "MB/s", "alloc B/event", "peak MB", "ratio", "target", "note"];

    /// <summary>Columns whose figures line up on the right.</summary>
    public static bool IsNumeric(int column) => column is >= 1 and <= 8;

    public static string[] Cells(BenchRow row) =>
    [
        row.Name,
        Format(row.Events, "N0"),
        Format(row.JsonBytes / (double?)BenchRow.Megabyte, "N1"),
        Format(row.Elapsed?.TotalSeconds, "N2"),
        Format(row.EventsPerSecond, "N0"),
        Format(row.MegabytesPerSecond, "N1"),
        Format(row.AllocatedBytesPerEvent, "N0"),
        Format(row.PeakBytes / (double?)BenchRow.Megabyte, "N0"),
        Format(row.Ratio, "N2"),
        row.Target is { } target ? $"{target.Goal} {target.Met switch { true => "met", false => "MISSED", null => "n/a" }}" : string.Empty,
        row.Note ?? string.Empty,
    ];

    public static string Title(BenchReport report) =>
        $"detectionkit bench, {report.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC: " +
        $"{report.Machine.Cores} cores, {report.Machine.OperatingSystem}, {report.Machine.Runtime}";

    /// <summary>What the table's sizes and memory figures mean, and what a reader must know to judge them.</summary>
    public static IEnumerable<string> Footnotes(BenchReport report) =>
        new[]
        {
            $"corpus: {report.Corpus}",
            "MB are MiB; alloc B/event counts every thread's managed allocations; ratio: full / floor, all cores / one core (events/s over events/s)",
            $"peak memory: {report.Machine.MemoryProbe}",
        }.Concat(report.Notes);

    private static string Format(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Format(long? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? string.Empty;
}
