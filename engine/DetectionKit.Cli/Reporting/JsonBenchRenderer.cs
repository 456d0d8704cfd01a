using System.Text.Json;
using System.Text.Json.Nodes;
using DetectionKit.Tooling.Benchmarking;

namespace DetectionKit.Cli.Reporting;

/// <summary>The same figures as the table, unrounded, as one JSON document for scripts that compare runs.</summary>
internal sealed class JsonBenchRenderer : IBenchRenderer
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public void Render(BenchReport report, TextWriter output)
    {
        var document = new JsonObject
        {
            ["startedAt"] = report.StartedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["machine"] = new JsonObject
            {
                ["cores"] = report.Machine.Cores,
                ["operatingSystem"] = report.Machine.OperatingSystem,
                ["runtime"] = report.Machine.Runtime,
                ["memoryProbe"] = report.Machine.MemoryProbe,
            },
            ["corpus"] = report.Corpus,
            ["rows"] = new JsonArray(report.Rows.Select(Row).ToArray<JsonNode?>()),
            ["notes"] = new JsonArray(report.Notes.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
        };
        output.WriteLine(document.ToJsonString(Indented));
    }

    private static JsonObject Row(BenchRow row) => new()
    {
        ["phase"] = row.Phase.ToString().ToLowerInvariant(),
        ["name"] = row.Name,
        ["events"] = row.Events,
        ["jsonBytes"] = row.JsonBytes,
        ["seconds"] = row.Elapsed?.TotalSeconds,
        ["eventsPerSecond"] = row.EventsPerSecond,
        ["megabytesPerSecond"] = row.MegabytesPerSecond,
        ["allocatedBytes"] = row.AllocatedBytes,
        ["allocatedBytesPerEvent"] = row.AllocatedBytesPerEvent,
        ["peakBytes"] = row.PeakBytes,
        ["ratio"] = row.Ratio,
        ["target"] = row.Target is { } target ? new JsonObject { ["goal"] = target.Goal, ["met"] = target.Met } : null,
        ["note"] = row.Note,
    };
}
