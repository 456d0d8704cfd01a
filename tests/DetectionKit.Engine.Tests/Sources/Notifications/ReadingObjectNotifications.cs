using DetectionKit.Engine.Sources.Notifications;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Sources.Notifications;

/// <summary>
/// Every shape in which a trail bucket's new objects reach a queue, from real-format samples (see
/// Samples/): each names the same delivered log file, whose key carries a prefix with a character S3
/// URL-encodes in its own notifications and nowhere else.
/// </summary>
public sealed class ReadingObjectNotifications
{
    private const string Bucket = "org-trail-logs";
    private const string Key = "logs=prod/AWSLogs/o-abc123def4/111122223333/CloudTrail/us-east-1/2024/08/01/111122223333_CloudTrail_us-east-1_20240801T1215Z_Ab12Cd34Ef56Gh78.json.gz";

    [TestCase("s3-event.json", NotificationShape.S3Event, false)]
    [TestCase("s3-event-via-sns.json", NotificationShape.S3Event, true)]
    [TestCase("cloudtrail-via-sns.json", NotificationShape.CloudTrail, true)]
    [TestCase("eventbridge-object-created.json", NotificationShape.EventBridgeObjectCreated, false)]
    public void EachShapeNamesTheDeliveredLogFile(string sample, NotificationShape shape, bool viaSns)
    {
        var notification = ObjectNotificationReader.Read(Sample(sample));

        Assert.That(notification.Problem, Is.Null);
        Assert.That((notification.Shape, notification.ViaSns), Is.EqualTo((shape, viaSns)));
        Assert.That(notification.Objects.Select(o => (o.Bucket, o.Key)), Is.EqualTo(new[] { (Bucket, Key) }));
        Assert.That(notification.CanBeDeleted, Is.True);
    }

    [Test]
    public void TheSizeAndETagAreKeptWhenTheNotificationGivesThem()
    {
        var announced = ObjectNotificationReader.Read(Sample("s3-event.json")).Objects.Single();

        Assert.That((announced.Size, announced.ETag), Is.EqualTo(((long?)18342, "0f343b0931126a20f133d67c2b018a3b")));
    }

    [Test]
    public void AnS3KeyIsDecodedAsAFormWouldBe()
    {
        var body = """{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:CompleteMultipartUpload","s3":{"bucket":{"name":"b"},"object":{"key":"trail+logs/caf%C3%A9%2B1.json.gz"}}}]}""";

        Assert.That(ObjectNotificationReader.Read(body).Objects.Single().Key, Is.EqualTo("trail logs/café+1.json.gz"));
    }

    [TestCase("s3-test-event.json", NotificationShape.TestEvent, "s3:TestEvent")]
    [TestCase("sns-subscription-confirmation.json", NotificationShape.SubscriptionConfirmation, "ConfirmSubscription")]
    public void MessagesThatAnnounceNothingAreSaidAndCanBeDeleted(string sample, NotificationShape shape, string said)
    {
        var notification = ObjectNotificationReader.Read(Sample(sample));

        Assert.That(notification.Shape, Is.EqualTo(shape));
        Assert.That(notification.Objects, Is.Empty);
        Assert.That(notification.PassedOver.Single(), Does.Contain(said));
        Assert.That(notification.CanBeDeleted, Is.True);
    }

    [Test]
    public void RecordsThatAreNotObjectsCreatedArePassedOverWithWhy()
    {
        var body = """
            {"Records":[
              {"eventSource":"aws:s3","eventName":"ObjectRemoved:Delete","s3":{"bucket":{"name":"b"},"object":{"key":"k1"}}},
              {"eventSource":"aws:s3","eventName":"ObjectCreated:Copy","s3":{"bucket":{"name":"b"},"object":{"key":"k2"}}},
              {"eventSource":"aws:sqs","eventName":"x"}]}
            """;

        var notification = ObjectNotificationReader.Read(body);

        Assert.That(notification.Objects.Select(o => o.Key), Is.EqualTo(new[] { "k2" }));
        Assert.That(notification.PassedOver, Is.EqualTo(new[] { "Records[0] is ObjectRemoved:Delete, not an object created", "Records[2] is not an S3 event (eventSource aws:sqs)" }));
    }

    [TestCase("not json at all", "not a JSON object")]
    [TestCase("[1,2]", "not a JSON object")]
    [TestCase("""{"hello":"world"}""", "not a notification of new objects")]
    [TestCase("""{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{}}]}""", "no s3.bucket.name or s3.object.key")]
    [TestCase("""{"s3Bucket":"b","s3ObjectKey":"k"}""", "not a list of keys")]
    [TestCase("""{"Type":"Notification","TopicArn":"arn:aws:sns:us-east-1:1:t","Message":"oops"}""", "whose Message is not a JSON object")]
    [TestCase("""{"version":"0","detail-type":"Object Created","source":"aws.s3","detail":{}}""", "without detail.bucket.name")]
    public void AMalformedMessageIsAProblemAndIsNotDeleted(string body, string problem)
    {
        var notification = ObjectNotificationReader.Read(body);

        Assert.That(notification.Problem, Does.Contain(problem));
        Assert.That(notification.Objects, Is.Empty);
        Assert.That(notification.CanBeDeleted, Is.False, "left for the queue's redrive policy to move to its dead-letter queue");
    }

    [TestCase("eventbridge-api-call.json")]
    [TestCase("cloudwatch-logs-lambda.json")]
    public void AMessageThatCarriesCloudTrailRecordsIsRecognisedAndItsTextKept(string envelope)
    {
        var body = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "DetectionKit.Engine.Tests", "Sources", "Envelopes", envelope));

        var direct = ObjectNotificationReader.Read(body);
        var viaSns = ObjectNotificationReader.Read(new System.Text.Json.Nodes.JsonObject { ["Type"] = "Notification", ["TopicArn"] = "arn:aws:sns:us-east-1:1:t", ["Message"] = body }.ToJsonString());

        Assert.That((direct.Shape, direct.Records, direct.CanBeDeleted), Is.EqualTo((NotificationShape.Records, body, true)));
        Assert.That(viaSns.RecordsId, Is.EqualTo(direct.RecordsId), "the same records delivered twice, another way, are known as the same");
        Assert.That(direct.RecordsId, Does.StartWith(envelope.StartsWith("eventbridge", StringComparison.Ordinal) ? "eventbridge:6f0b6c4e" : "sha256:"));
        Assert.That((viaSns.Shape, viaSns.ViaSns, viaSns.Records), Is.EqualTo((NotificationShape.Records, true, body)));
    }

    [Test]
    public void AnotherEventBridgeEventOfS3IsPassedOver()
    {
        var body = """{"version":"0","detail-type":"Object Deleted","source":"aws.s3","detail":{"bucket":{"name":"b"},"object":{"key":"k"}}}""";

        var notification = ObjectNotificationReader.Read(body);

        Assert.That((notification.Objects.Count, notification.Problem), Is.EqualTo((0, (string?)null)));
        Assert.That(notification.PassedOver.Single(), Does.Contain("Object Deleted"));
    }

    private static string Sample(string name) => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "DetectionKit.Engine.Tests", "Sources", "Notifications", "Samples", name));
}
