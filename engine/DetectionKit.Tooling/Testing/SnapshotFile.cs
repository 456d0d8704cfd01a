using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DetectionKit.Tooling.Testing;

/// <summary>
/// Reads and writes snapshot files: <c>{"ruleId": ..., "cases": {"case name": {outputs}}}</c>,
/// two-space indented, LF line endings, a final newline, so they diff cleanly in review.
/// </summary>
public static class SnapshotFile
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonObject Create(string ruleId, IEnumerable<(string Name, JsonNode Output)> cases)
    {
        var byName = new JsonObject();
        foreach (var (name, output) in cases)
        {
            byName[name] = output.DeepClone();
        }

        return new JsonObject { ["ruleId"] = ruleId, ["cases"] = byName };
    }

    public static string Serialize(JsonNode snapshot) => snapshot.ToJsonString(WriteOptions) + "\n";

    public static void Write(string path, JsonNode snapshot) => File.WriteAllText(path, Serialize(snapshot));

    /// <summary>The verified snapshot, null when the file does not exist; throws <see cref="JsonException"/> when it is not JSON.</summary>
    /// <summary>Where a JSON file stopped being JSON, as the reader said: its line and column, or the top of the file.</summary>
    public static DetectionKit.Engine.Diagnostics.SourceLocation Where(string path, JsonException fault) =>
        fault.LineNumber is { } line
            ? new(path, (int)line + 1, (int)(fault.BytePositionInLine ?? 0) + 1)
            : new(path, 1, 1);

    public static JsonObject? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        // A merge that keeps both sides of a conflict leaves a case twice: say so, rather than let
        // the duplicate surface later as an exception.
        return JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
            ?? throw new JsonException("a snapshot is a JSON object");
    }

    /// <summary>
    /// Verify's received/verified step: with <paramref name="accept"/> the outputs become the verified
    /// snapshot; otherwise a difference is written as the received file beside it, and a match removes
    /// a stale received file.
    /// </summary>
    public static SnapshotOutcome Settle(string verifiedPath, string receivedPath, JsonObject snapshot, bool accept, bool differs)
    {
        if (accept)
        {
            Write(verifiedPath, snapshot);
            File.Delete(receivedPath);
            return SnapshotOutcome.Accepted;
        }

        if (differs)
        {
            Write(receivedPath, snapshot);
            return SnapshotOutcome.ReceivedWritten;
        }

        File.Delete(receivedPath);
        return SnapshotOutcome.Matched;
    }
}
