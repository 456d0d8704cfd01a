using DetectionKit.Engine.Loading;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Coverage;

namespace DetectionKit.Rules.Tests;

/// <summary>The coverage report's ATT&amp;CK table knows every technique the shipped rules name, so none drops off the matrix.</summary>
[TestFixture]
public sealed class AttackIds
{
    [Test]
    public void EveryMitreIdOfTheShippedRulesIsInTheAttackMatrix()
    {
        var unknown = RuleLoader.Load(RepositoryPaths.Rules).Rules
            .SelectMany(rule => rule.Mitre.Where(id => AttackMatrix.Find(id) is null).Select(id => $"{id} ({rule.Id})"))
            .ToList();

        Assert.That(unknown, Is.Empty, "add these to engine/DetectionKit.Engine/Coverage/AttackMatrix.cs (or fix the id)");
    }
}
