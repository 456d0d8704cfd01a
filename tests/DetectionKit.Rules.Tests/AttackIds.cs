using DetectionKit.Engine.Loading;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Validation;

namespace DetectionKit.Rules.Tests;

/// <summary>
/// The coverage report's ATT&amp;CK table knows every technique the shipped rules name, so none drops off
/// the matrix. It is <see cref="AttackIdValidator"/>, which <c>detectionkit validate</c> runs (DK1040).
/// </summary>
[TestFixture]
public sealed class AttackIds
{
    [Test]
    public void EveryMitreIdOfTheShippedRulesIsInTheAttackMatrix()
    {
        var validator = new AttackIdValidator();
        var unknown = RuleLoader.Load(RepositoryPaths.Rules).Rules.SelectMany(validator.Validate).Select(d => d.ToString()).ToList();

        Assert.That(unknown, Is.Empty, () => string.Join("\n", unknown));
    }
}
