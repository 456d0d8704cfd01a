using System.Text.Json;
using System.Text.Json.Nodes;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tooling.Captures;

namespace DetectionKit.Tooling.Testing;

/// <summary>
/// The verified alerts of a captures folder as <c>&lt;folder&gt;.verified.json</c> records them
/// (<see cref="CaptureSnapshot"/>), with where each entry is written so problems can name the line.
/// </summary>
internal sealed class CaptureExpectations
{
    private readonly JsonObject captures;
    private JsonPositions? positions;

    private CaptureExpectations(string path, JsonObject document, JsonObject captures)
    {
        Path = path;
        Document = document;
        this.captures = captures;
    }

    public string Path { get; }

    /// <summary>The whole file as read.</summary>
    public JsonObject Document { get; }

    /// <summary>The names of the captures it has an entry for, in file order.</summary>
    public IReadOnlyList<string> Names => [.. captures.Select(p => p.Key)];

    public JsonPositions Positions => positions ??= JsonPositions.Read(Path);

    /// <returns>Null when the file does not exist, or when it is not a capture alerts file (with a DK3005 problem).</returns>
    public static CaptureExpectations? Read(CaptureDirectory folder, ICollection<Diagnostic> problems)
    {
        JsonObject? document;
        try
        {
            document = SnapshotFile.Read(folder.VerifiedPath);
        }
        catch (JsonException ex)
        {
            var at = SnapshotFile.Where(folder.VerifiedPath, ex);
            problems.Add(Unreadable(at, $"not valid JSON ({ex.Message})"));
            return null;
        }

        if (document is null)
        {
            return null;
        }

        if (document["captures"] is not JsonObject captures)
        {
            problems.Add(Unreadable(new SourceLocation(folder.VerifiedPath, 1, 1), "not a capture alerts file: it should be {\"captures\": {\"<capture>\": {\"events\": N, \"alerts\": [...]}}}"));
            return null;
        }

        return new CaptureExpectations(folder.VerifiedPath, document, captures);
    }

    /// <summary>The entry recorded for a capture; null when there is none.</summary>
    public JsonObject? EntryOf(string name) => captures[name] as JsonObject;

    public bool Has(string name) => captures.ContainsKey(name);

    /// <summary>Where a value of a capture's entry is written: <c>EntryLocation(name)</c> is the entry's name, <c>EntryLocation(name, "/alerts/0/ruleId")</c> a value in it.</summary>
    public SourceLocation EntryLocation(string name, string pointer = "") =>
        pointer.Length == 0 ? Positions.KeyOf(Pointer(name)) : Positions.ValueOf(Pointer(name) + pointer);

    /// <summary>Entries for captures that are not among <paramref name="names"/> any more.</summary>
    public IEnumerable<Diagnostic> EntriesWithoutCapture(IReadOnlyCollection<string> names)
    {
        var current = names.ToHashSet(StringComparer.Ordinal);
        foreach (var name in Names.Where(n => !current.Contains(n)))
        {
            yield return Diagnostic.Error(DiagnosticCodes.CaptureAlertsDangling, EntryLocation(name), $"verified alerts for capture '{name}', which no longer exists; run 'detectionkit test --accept' to drop them");
        }
    }

    private static string Pointer(string name) => "/captures/" + PositionMap.Escape(name);

    private static Diagnostic Unreadable(SourceLocation at, string problem) =>
        Diagnostic.Error(DiagnosticCodes.SnapshotUnreadable, at, $"the verified capture alerts are {problem}; fix it, or delete it and run 'detectionkit test --accept'");
}
