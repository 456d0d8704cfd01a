using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;
using DetectionKit.Tooling.Coverage;

namespace DetectionKit.Tooling.Validation;

/// <summary>
/// Every <c>mitre</c> id is a technique of the ATT&amp;CK cloud matrix the coverage report draws: a
/// mistyped or retired id would otherwise drop the rule off the matrix without a word.
/// </summary>
public sealed class AttackIdValidator : IRuleValidator
{
    public IEnumerable<Diagnostic> Validate(RuleDefinition rule)
    {
        for (var index = 0; index < rule.Mitre.Count; index++)
        {
            var id = rule.Mitre[index];
            if (AttackMatrix.Find(id) is null)
            {
                yield return Diagnostic.Error(DiagnosticCodes.UnknownAttackId, rule.LocationOf($"/mitre/{index}"),
                    $"mitre id '{id}' is not a technique of the ATT&CK cloud matrix (Enterprise v16, IaaS and identity provider) that the coverage report draws; fix the id (T1078, T1078.004), or, for a technique the matrix lacks, add its row to engine/DetectionKit.Tooling/Coverage/AttackMatrix.cs",
                    rule.Id);
            }
        }
    }
}
