namespace DetectionKit.Scripting.Tests;

public sealed class SteppingSeverities
{
    [TestCase(AlertSeverity.High, 1, AlertSeverity.Medium)]
    [TestCase(AlertSeverity.High, 2, AlertSeverity.Low)]
    [TestCase(AlertSeverity.Low, 3, AlertSeverity.Info)]
    [TestCase(AlertSeverity.Medium, -5, AlertSeverity.Critical)]
    public void LowerStaysOnTheLadder(AlertSeverity from, int steps, AlertSeverity expected) =>
        Assert.That(from.Lower(steps), Is.EqualTo(expected));

    [Test]
    public void LowerWhenStepsDownOnlyWhenTheConditionHolds()
    {
        Assert.That(AlertSeverity.High.LowerWhen(true), Is.EqualTo(AlertSeverity.Medium));
        Assert.That(AlertSeverity.High.LowerWhen(false), Is.EqualTo(AlertSeverity.High));
    }

    [Test]
    public void HigherAndAtLeast()
    {
        Assert.That(AlertSeverity.Critical.Higher(), Is.EqualTo(AlertSeverity.Critical));
        Assert.That(AlertSeverity.Low.Higher(2), Is.EqualTo(AlertSeverity.High));
        Assert.That(AlertSeverity.Low.AtLeast(AlertSeverity.Medium), Is.EqualTo(AlertSeverity.Medium));
        Assert.That(AlertSeverity.High.AtLeast(AlertSeverity.Medium), Is.EqualTo(AlertSeverity.High));
    }
}
