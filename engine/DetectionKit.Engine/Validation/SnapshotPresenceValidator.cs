using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Engine.Validation;

/// <summary>Every rule has its verified snapshot committed beside it.</summary>
public sealed class SnapshotPresenceValidator : IRuleValidator
{
    public IEnumerable<Diagnostic> Validate(RuleDefinition rule)
    {
        if (!File.Exists(rule.VerifiedSnapshotPath))
        {
            yield return Diagnostic.Error(DiagnosticCodes.SnapshotMissing, rule.Location, $"no verified snapshot {Path.GetFileName(rule.VerifiedSnapshotPath)}; run 'detectionkit test --filter {rule.Id} --accept', review it and commit it", rule.Id);
        }
    }
}
