using DetectionKit.Engine.Scheduling;

namespace DetectionKit.Engine.Tests.Scheduling;

public sealed class ReadingTimeExpressions
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2024-08-01T12:00:00Z");

    [TestCase("30s", 0, 0, 30)]
    [TestCase("15m", 0, 15, 0)]
    [TestCase("90m", 1, 30, 0)]
    [TestCase("2h", 2, 0, 0)]
    [TestCase(" 2 h ", 2, 0, 0)]
    [TestCase("7d", 168, 0, 0)]
    [TestCase("1w", 168, 0, 0)]
    [TestCase("0m", 0, 0, 0)]
    public void ADurationIsANumberAndAUnit(string text, int hours, int minutes, int seconds)
    {
        Assert.That(TimeExpression.TryParseDuration(text, out var duration), Is.True);
        Assert.That(duration, Is.EqualTo(new TimeSpan(hours, minutes, seconds)));
    }

    [TestCase("")]
    [TestCase("2")]
    [TestCase("h")]
    [TestCase("2H")]
    [TestCase("-2h")]
    [TestCase("1.5h")]
    [TestCase("2h30m")]
    [TestCase("2 hours")]
    [TestCase("99999999999d")]
    [TestCase("2147483647w")]
    public void AnythingElseIsNotADuration(string text)
    {
        Assert.That(TimeExpression.TryParseDuration(text, out _), Is.False);
    }

    [TestCase("2h", "2024-08-01T10:00:00Z")]
    [TestCase("90m", "2024-08-01T10:30:00Z")]
    [TestCase("7d", "2024-07-25T12:00:00Z")]
    public void ADurationAsAnInstantIsThatLongBeforeNow(string text, string expected)
    {
        Assert.That(TimeExpression.TryParseInstant(text, Now, out var instant), Is.True);
        Assert.That(instant, Is.EqualTo(DateTimeOffset.Parse(expected)));
    }

    [TestCase("2024-07-31T23:15:00Z", "2024-07-31T23:15:00Z")]
    [TestCase("2024-08-01T02:00:00+02:00", "2024-08-01T00:00:00Z")]
    [TestCase("2024-07-31T23:15", "2024-07-31T23:15:00Z")]
    [TestCase("2024-07-31", "2024-07-31T00:00:00Z")]
    [TestCase("2024-07-31T23:15:00.500Z", "2024-07-31T23:15:00.500Z")]
    public void AnIsoTimeIsUtcUnlessItSaysOtherwise(string text, string expected)
    {
        Assert.That(TimeExpression.TryParseInstant(text, Now, out var instant), Is.True);
        Assert.That(instant, Is.EqualTo(DateTimeOffset.Parse(expected)));
        Assert.That(instant.Offset, Is.EqualTo(TimeSpan.Zero));
    }

    [TestCase("")]
    [TestCase("yesterday")]
    [TestCase("2h ago")]
    [TestCase("2024-13-01T00:00:00Z")]
    [TestCase("2024-08-01T25:00:00Z")]
    [TestCase("5000000d")]
    public void AnythingElseIsNotAnInstant(string text)
    {
        Assert.That(TimeExpression.TryParseInstant(text, Now, out _), Is.False);
    }
}
