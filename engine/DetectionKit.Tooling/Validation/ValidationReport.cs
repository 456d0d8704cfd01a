using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Tooling.Validation;

/// <summary>Everything <c>validate</c> found, in file order.</summary>
public sealed record ValidationReport(int RuleFiles, int ValidRules, IReadOnlyList<Diagnostic> Diagnostics)
{
    public int Errors => Diagnostics.Count(d => d.IsError);

    public bool Succeeded => Errors == 0;
}
