using System.Text.Json.Nodes;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Tooling.Testing;

/// <summary>
/// Snapshot data that belongs to nothing: an entry of a verified snapshot for a case that no longer
/// exists, a <c>.verified.json</c> whose rule is gone. <c>test</c> fails on both and <c>--accept</c>
/// drops them; <c>validate</c> reports them without running a case. Both read them here.
/// </summary>
internal static class StaleSnapshots
{
    private const string VerifiedSuffix = ".verified.json";

    /// <summary>Entries of the rule's verified snapshot for cases the rule no longer has, at each entry's line.</summary>
    public static IEnumerable<Diagnostic> EntriesWithoutCase(RuleDefinition rule, JsonObject verified)
    {
        if (verified["cases"] is not JsonObject cases)
        {
            yield break;
        }

        var names = rule.Tests.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        JsonPositions? positions = null;
        foreach (var (name, _) in cases)
        {
            if (!names.Contains(name))
            {
                positions ??= JsonPositions.Read(rule.VerifiedSnapshotPath);
                yield return Diagnostic.Error(
                    DiagnosticCodes.SnapshotDangling,
                    positions.KeyOf("/cases/" + PositionMap.Escape(name)),
                    $"the verified snapshot has an entry for case '{name}', which no longer exists; run 'detectionkit test --filter {rule.Id} --accept' to drop it",
                    rule.Id);
            }
        }
    }

    /// <summary>The <c>.verified.json</c> files under the rules root with no rule file beside them, in path order.</summary>
    public static IReadOnlyList<string> FilesWithoutRule(string rulesRoot) =>
        [.. Directory.EnumerateFiles(rulesRoot, "*" + VerifiedSuffix, SearchOption.AllDirectories)
            .Where(snapshot => !File.Exists(Stem(snapshot) + ".yml") && !File.Exists(Stem(snapshot) + ".yaml"))
            .Order(StringComparer.Ordinal)];

    public static Diagnostic FileWithoutRule(string snapshot) =>
        Diagnostic.Error(
            DiagnosticCodes.SnapshotDangling,
            new SourceLocation(snapshot, 1, 1),
            $"snapshot belongs to no rule ({Path.GetFileName(Stem(snapshot))}.yml does not exist); delete it, or run 'detectionkit test --accept' to remove it");

    private static string Stem(string snapshot) => snapshot[..^VerifiedSuffix.Length];
}
