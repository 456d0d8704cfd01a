using System.Text.Json;
using System.Text.Json.Nodes;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Tooling.Validation;

/// <summary>The verified snapshot has no entry for a case the rule no longer has: <c>test</c> would fail on it.</summary>
public sealed class StaleSnapshotEntryValidator : IRuleValidator
{
    public IEnumerable<Diagnostic> Validate(RuleDefinition rule)
    {
        JsonObject? verified;
        try
        {
            verified = SnapshotFile.Read(rule.VerifiedSnapshotPath);
        }
        catch (JsonException)
        {
            // SnapshotPresenceValidator reports a snapshot that does not read.
            return [];
        }

        return verified is null ? [] : StaleSnapshots.EntriesWithoutCase(rule, verified);
    }
}
