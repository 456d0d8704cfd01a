using DetectionKit.Tooling.Coverage;

namespace DetectionKit.Tooling.Tests.Coverage;

public sealed class ReadingTheAttackMatrix
{
    [Test]
    public void TheElevenCloudTacticsComeInMatrixOrder() =>
        Assert.That(AttackMatrix.Tactics.Select(t => t.Id), Is.EqualTo(new[] { "TA0001", "TA0002", "TA0003", "TA0004", "TA0005", "TA0006", "TA0007", "TA0008", "TA0009", "TA0010", "TA0040" }));

    [Test]
    public void EveryTacticHasTechniquesAndEveryTechniqueATactic()
    {
        Assert.That(AttackMatrix.Tactics.Select(AttackMatrix.TechniquesOf), Has.All.Not.Empty);
        Assert.That(AttackMatrix.All.Where(t => t.Tactics.Count == 0).Select(t => t.Id), Is.Empty);
        Assert.That(AttackMatrix.All.Select(t => t.Id), Is.Unique);
    }

    [Test]
    public void ASubTechniqueServesItsTechniquesTactics()
    {
        var cloudLogs = AttackMatrix.Find("t1562.008")!;

        Assert.That(cloudLogs.Name, Is.EqualTo("Disable or Modify Cloud Logs"));
        Assert.That(cloudLogs.ParentId, Is.EqualTo("T1562"));
        Assert.That(cloudLogs.Tactics.Select(t => t.ShortName), Is.EqualTo(new[] { "defense-evasion" }));
        Assert.That(AttackMatrix.Find("T1078.004")!.Tactics, Has.Count.EqualTo(4));
    }

    [Test]
    public void StratusTacticNamesAreAttackShortNames()
    {
        string[] stratus = ["credential-access", "defense-evasion", "discovery", "execution", "exfiltration", "impact", "initial-access", "lateral-movement", "persistence", "privilege-escalation"];

        Assert.That(stratus.Select(AttackMatrix.TacticByShortName), Has.All.Not.Null);
    }
}
