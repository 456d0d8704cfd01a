using System.Text.Json;

namespace DetectionKit.Engine.Sources;

/// <summary>What an opened envelope holds: its records, each parsed on its own, and what in it could not be read.</summary>
/// <param name="Records">The records, in the envelope's order; the caller disposes them.</param>
/// <param name="Problems">What could not be read, each a sentence for a <c>DK4010</c> diagnostic at the envelope.</param>
internal sealed record EnvelopeContents(IReadOnlyList<JsonDocument> Records, IReadOnlyList<string> Problems)
{
    public static EnvelopeContents Of(IReadOnlyList<JsonDocument> records, IReadOnlyList<string> problems) => new(records, problems);

    public static EnvelopeContents Failed(string problem) => new([], [problem]);
}
