using System.Text.Json;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Sources;

/// <summary>
/// The events read from one input object (a file, an S3 object, stdin) and the problems found in it.
/// The batch owns the parsed JSON: events stay valid until it is disposed.
/// </summary>
public sealed class EventBatch : IDisposable
{
    private readonly IReadOnlyList<JsonDocument> documents;

    public EventBatch(string origin, IReadOnlyList<CloudTrailEvent> events, IReadOnlyList<Diagnostic> problems, IReadOnlyList<JsonDocument> documents)
    {
        Origin = origin;
        Events = events;
        Problems = problems;
        this.documents = documents;
    }

    /// <summary>Where the events came from, as the user named it.</summary>
    public string Origin { get; }

    public IReadOnlyList<CloudTrailEvent> Events { get; }

    public IReadOnlyList<Diagnostic> Problems { get; }

    /// <summary>The object key a checkpoint records for this batch (S3 sources); null for files.</summary>
    public string? SourceKey { get; private init; }

    public EventBatch WithSourceKey(string key) => new(Origin, Events, Problems, documents) { SourceKey = key };

    public static EventBatch Failed(string origin, Diagnostic problem) => new(origin, [], [problem], []);

    public void Dispose()
    {
        foreach (var document in documents)
        {
            document.Dispose();
        }
    }
}
