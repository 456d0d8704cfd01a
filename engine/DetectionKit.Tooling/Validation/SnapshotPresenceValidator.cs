using System.Text.Json;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Tooling.Validation;

/// <summary>Every rule with cases has its verified snapshot committed beside it, and it reads.</summary>
public sealed class SnapshotPresenceValidator : IRuleValidator
{
    public IEnumerable<Diagnostic> Validate(RuleDefinition rule)
    {
        if (rule.Tests.Count == 0 && !File.Exists(rule.VerifiedSnapshotPath))
        {
            // Nothing to record yet: the case gate says what is missing.
            yield break;
        }

        if (!File.Exists(rule.VerifiedSnapshotPath))
        {
            yield return Diagnostic.Error(DiagnosticCodes.SnapshotMissing, rule.Location, $"no verified snapshot {Path.GetFileName(rule.VerifiedSnapshotPath)}; run 'detectionkit test --filter {rule.Id} --accept', review it and commit it", rule.Id);
            yield break;
        }

        string? problem = null;
        try
        {
            SnapshotFile.Read(rule.VerifiedSnapshotPath);
        }
        catch (JsonException ex)
        {
            problem = ex.Message;
        }

        if (problem is not null)
        {
            yield return Diagnostic.Error(DiagnosticCodes.SnapshotUnreadable, new SourceLocation(rule.VerifiedSnapshotPath), $"the verified snapshot is not valid ({problem}); fix it, or delete it and run 'detectionkit test --filter {rule.Id} --accept'", rule.Id);
        }
    }
}
