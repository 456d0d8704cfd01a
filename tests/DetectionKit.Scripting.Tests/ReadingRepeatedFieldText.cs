using System.Text.Json;

namespace DetectionKit.Scripting.Tests;

public class ReadingRepeatedFieldText
{
    [Test]
    public void TheSameValueInTwoRecordsIsOneString()
    {
        // The pool is per thread and stops growing when full: a thread of its own starts it empty.
        var (first, second) = OnFreshThread(() => (Event("""{"eventName":"StopLogging","awsRegion":"eu-west-1"}"""), Event("""{"eventName":"StopLogging","awsRegion":"eu-west-1"}""")));

        Assert.That(first.EventName, Is.EqualTo("StopLogging"));
        Assert.That(ReferenceEquals(first.EventName, second.EventName), Is.True);
        Assert.That(ReferenceEquals(first.AwsRegion, second.AwsRegion), Is.True);
    }

    [TestCase("""{"eventName":"Stop\u004cogging"}""", "StopLogging")]
    [TestCase("""{"eventName":"a\"quoted\"name"}""", "a\"quoted\"name")]
    [TestCase("""{"eventName":"café"}""", "café")]
    [TestCase("""{"eventName":""}""", "")]
    [TestCase("""{"eventName":12}""", "12")]
    [TestCase("""{"eventName":null}""", null)]
    public void EscapesNonAsciiTextAndOtherKindsReadAsTheyAlwaysDid(string json, string? expected)
    {
        Assert.That(Event(json).EventName, Is.EqualTo(expected));
    }

    [Test]
    public void ValuesLongerThanThePoolKeepsAreStillReadWhole()
    {
        var agent = new string('a', 5000);

        Assert.That(Event($$"""{"userAgent":"{{agent}}"}""").UserAgent, Is.EqualTo(agent));
    }

    [Test]
    public void ManyDistinctValuesAreAllReadCorrectly()
    {
        var names = Enumerable.Range(0, 20_000).Select(i => $"Operation{i}").ToList();

        var read = OnFreshThread(() => names.Select(name => Event($$"""{"eventName":"{{name}}"}""").EventName).ToList());

        Assert.That(read, Is.EqualTo(names));
    }

    private static T OnFreshThread<T>(Func<T> read)
    {
        T result = default!;
        var thread = new Thread(() => result = read());
        thread.Start();
        thread.Join();
        return result;
    }

    private static CloudTrailEvent Event(string json) => new(JsonDocument.Parse(json).RootElement);
}
