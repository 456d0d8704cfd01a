using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Loading;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Tooling.Validation;

/// <summary>A <c>.verified.json</c> under the rules root whose rule file is gone: <c>test</c> would fail on it.</summary>
public sealed class OrphanSnapshotValidator(string rulesRoot) : IRuleSetValidator
{
    public IEnumerable<Diagnostic> Validate(RuleLoadResult loaded) =>
        StaleSnapshots.FilesWithoutRule(rulesRoot).Select(StaleSnapshots.FileWithoutRule);
}
