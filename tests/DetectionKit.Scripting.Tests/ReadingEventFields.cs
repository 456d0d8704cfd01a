using System.Text.Json.Nodes;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Scripting.Tests;

public sealed class ReadingEventFields
{
    [Test]
    public void TheTopLevelFieldsAreExposedAsProperties()
    {
        var e = Some.Event(Some.Record(errorCode: "AccessDenied"));

        Assert.Multiple(() =>
        {
            Assert.That(e.EventName, Is.EqualTo("StopLogging"));
            Assert.That(e.EventSource, Is.EqualTo("cloudtrail.amazonaws.com"));
            Assert.That(e.AwsRegion, Is.EqualTo("us-east-1"));
            Assert.That(e.SourceIPAddress, Is.EqualTo("203.0.113.7"));
            Assert.That(e.UserAgent, Is.EqualTo("aws-cli/2.15.0"));
            Assert.That(e.ErrorCode, Is.EqualTo("AccessDenied"));
            Assert.That(e.ErrorMessage, Does.Contain("not authorized"));
            Assert.That(e.RecipientAccountId, Is.EqualTo(Some.AccountId));
            Assert.That(e.EventType, Is.EqualTo("AwsApiCall"));
            Assert.That(e.EventCategory, Is.EqualTo("Management"));
            Assert.That(e.EventId, Is.EqualTo("00000000-0000-4000-8000-000000000001"));
            Assert.That(e.RequestId, Is.EqualTo("5f8a3c1e-0000-4000-8000-000000000002"));
            Assert.That(e.IsReadOnly, Is.False);
            Assert.That(e.IsInsight, Is.False);
        });
    }

    [Test]
    public void EventTimeIsParsedAsUtc()
    {
        var e = Some.Event(Some.Record());

        Assert.That(e.EventTime, Is.EqualTo(new DateTimeOffset(2024, 7, 31, 13, 6, 24, TimeSpan.Zero)));
    }

    [Test]
    public void EventTimeFallsBackToTheLogstashTimestamp()
    {
        var record = Some.Record();
        record.Remove("eventTime");
        record["@timestamp"] = "2020-09-14T22:45:03.412Z";

        var e = Some.Event(record);

        Assert.That(e.EventTime, Is.EqualTo(new DateTimeOffset(2020, 9, 14, 22, 45, 3, 412, TimeSpan.Zero)));
    }

    [TestCase("05/08/2024 10:00")]
    [TestCase("Aug 5, 2024 10:00")]
    [TestCase("2024-08-05 10:00:00")]
    [TestCase("1722852000")]
    [TestCase("2024-02-30T10:00:00Z")]
    [TestCase("2024-08-05T24:00:00Z")]
    [TestCase("2024-13-05T10:00:00Z")]
    [TestCase("2024-08-05t10:00:00Z")]
    [TestCase("2024-08-05T10:00:0xZ")]
    public void ATimeThatIsNotIso8601IsNotGuessedAt(string text)
    {
        var record = Some.Record();
        record["eventTime"] = text;

        Assert.That(Some.Event(record).EventTime, Is.Null);
    }

    [Test]
    public void ANumericEventTimeIsNotATime()
    {
        var record = Some.Record();
        record["eventTime"] = 1722852000;

        Assert.That(Some.Event(record).EventTime, Is.Null);
    }

    [TestCase("2024-08-05T10:00:00Z", "2024-08-05T10:00:00Z")]
    [TestCase("2024-08-05T10:00:00.123Z", "2024-08-05T10:00:00.123Z")]
    [TestCase("2024-08-05T12:00:00+02:00", "2024-08-05T10:00:00Z")]
    [TestCase("2024-08-05T10:00:00", "2024-08-05T10:00:00Z")]
    [TestCase("2024-02-29T23:59:59Z", "2024-02-29T23:59:59Z")]
    [TestCase("2024-08-05T10:00Z", "2024-08-05T10:00:00Z")]
    public void Iso8601TimesAreReadInUtc(string text, string utc)
    {
        var record = Some.Record();
        record["eventTime"] = text;

        Assert.That(Some.Event(record).EventTime, Is.EqualTo(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void AnUnreadableEventTimeIsNull()
    {
        var record = Some.Record();
        record["eventTime"] = "yesterday-ish";

        Assert.That(Some.Event(record).EventTime, Is.Null);
    }

    [Test]
    public void RequestParametersAndResponseElementsAreReadByPath()
    {
        var record = Some.Record();
        record["responseElements"] = new JsonObject { ["trailARN"] = "arn:aws:cloudtrail:us-east-1:111122223333:trail/prod-trail" };

        var e = Some.Event(record);

        Assert.That(e.RequestParameter("name"), Is.EqualTo("prod-trail"));
        Assert.That(e.ResponseElement("trailARN"), Does.EndWith("trail/prod-trail"));
    }

    [Test]
    public void ARequestParameterIsAlsoReadAsAnElement()
    {
        var record = Some.Record();
        record["requestParameters"] = new JsonObject { ["eventSelectors"] = new JsonArray(new JsonObject { ["readWriteType"] = "All" }), ["none"] = null };

        var e = Some.Event(record);

        Assert.That(e.RequestParameterElement("eventSelectors")?.GetArrayLength(), Is.EqualTo(1));
        Assert.That(e.RequestParameterElement("eventSelectors.0.readWriteType")?.GetString(), Is.EqualTo("All"));
        Assert.That(e.RequestParameterElement("none"), Is.Null);
        Assert.That(e.RequestParameterElement("missing"), Is.Null);
    }

    [Test]
    public void RequestParametersAndResponseElementsAreReadAlikeAsElements()
    {
        var record = Some.Record();
        record["responseElements"] = new JsonObject { ["credentials"] = new JsonObject { ["accessKeyId"] = "ASIAEXAMPLE" }, ["ids"] = new JsonArray("a", "b") };

        var e = Some.Event(record);

        Assert.That(e.RequestParameters.Get("name"), Is.EqualTo("prod-trail"));
        Assert.That(e.ResponseElements.Element("credentials")?.Get("accessKeyId"), Is.EqualTo("ASIAEXAMPLE"));
        Assert.That(e.ResponseElements.Strings("ids"), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(e.ResponseElements.Has("credentials.accessKeyId"), Is.True);
        Assert.That(e.ResponseElements.Values("missing"), Is.Empty);
    }

    [Test]
    public void AMissingRequestOrResponseReadsAsNothing()
    {
        var e = Some.Event(Some.Record(errorCode: "AccessDenied"));

        Assert.That(e.ResponseElements, Is.Null);
        Assert.That(e.ResponseElements.Get("trailARN"), Is.Null);
        Assert.That(e.ResponseElements.Element("credentials"), Is.Null);
        Assert.That(e.ResponseElements.Has("credentials"), Is.False);
        Assert.That(e.ResponseElements.Strings("ids"), Is.Empty);
    }

    [Test]
    public void AnInsightsEventHasNoEventNameButIsAnInsight()
    {
        var e = Some.Event(Some.Insight());

        Assert.Multiple(() =>
        {
            Assert.That(e.EventName, Is.Null);
            Assert.That(e.EventSource, Is.Null);
            Assert.That(e.IsInsight, Is.True);
            Assert.That(e.Get("insightDetails.eventName"), Is.EqualTo("RunInstances"));
            Assert.That(e.UserIdentity.Type, Is.Null);
            Assert.That(e.ActorName, Is.EqualTo("unknown"));
            Assert.That(e.ToString(), Does.Contain("AwsCloudTrailInsight"));
        });
    }

    [Test]
    public void ARecordMustBeAJsonObject()
    {
        Assert.Throws<ArgumentException>(() => Some.Event("[1, 2]"));
    }
}
