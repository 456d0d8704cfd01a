using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Testing;
using DetectionKit.Tooling.Validation;

namespace DetectionKit.Tooling.Tests.Validation;

public sealed class CheckingAttackIds
{
    [Test]
    public void AnIdTheAttackMatrixLacksIsAnErrorAtItsItem()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", extra: "mitre:\n  - T1562.008\n  - T1562.099\n"));
        new RuleTestRunner(rules.Root).Run(accept: true);

        var problem = RuleValidation.Validate(rules.Root).Diagnostics.Single();

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.UnknownAttackId));
        Assert.That(problem.IsError, Is.True);
        Assert.That(problem.Location, Is.EqualTo(new SourceLocation(rules.PathOf("rule.yml"), 8, 5)));
        Assert.That(problem.Message, Does.StartWith("mitre id 'T1562.099' is not a technique of the ATT&CK cloud matrix").And.Contain("AttackMatrix.cs"));
    }

    [Test]
    public void KnownIdsAndSubTechniquesPass()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", extra: "mitre: [T1078, T1078.004, T1562.008]\n"));

        Assert.That(new AttackIdValidator().Validate(rules.Load().Rules.Single()), Is.Empty);
    }
}
