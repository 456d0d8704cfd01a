using DetectionKit.Engine.Sources.S3;

namespace DetectionKit.Engine.Tests.Sources.S3;

public sealed class ParsingCloudTrailObjectKeys
{
    [Test]
    public void AnOrganizationTrailKeyNamesTheOrganizationAccountRegionAndDeliveryTime()
    {
        var key = CloudTrailObjectKey.Parse("AWSLogs/o-abc123def4/111122223333/CloudTrail/eu-west-1/2024/08/01/111122223333_CloudTrail_eu-west-1_20240801T1005Z_Ab12Cd34Ef56Gh78.json.gz");

        Assert.That(key, Is.EqualTo(new CloudTrailObjectKey("o-abc123def4", "111122223333", "CloudTrail", "eu-west-1", DateTimeOffset.Parse("2024-08-01T10:05:00Z"))));
        Assert.That(key!.IsDigest, Is.False);
    }

    [Test]
    public void ASingleAccountTrailKeyUnderAKeyPrefixHasNoOrganization()
    {
        var key = CloudTrailObjectKey.Parse("team/trail/AWSLogs/111122223333/CloudTrail/us-east-1/2024/08/01/111122223333_CloudTrail_us-east-1_20240801T2355Z_x.json.gz");

        Assert.That(key, Is.EqualTo(new CloudTrailObjectKey(null, "111122223333", "CloudTrail", "us-east-1", DateTimeOffset.Parse("2024-08-01T23:55:00Z"))));
    }

    [Test]
    public void AnInsightsKeyIsAReadableObject()
    {
        var key = CloudTrailObjectKey.Parse("AWSLogs/111122223333/CloudTrail-Insight/us-east-1/2024/08/01/111122223333_CloudTrail-Insight_us-east-1_20240801T1215Z_Ab12Cd34Ef56Gh78.json.gz");

        Assert.That(key?.Kind, Is.EqualTo("CloudTrail-Insight"));
        Assert.That(key!.IsDigest, Is.False);
        Assert.That(key.DeliveredAt, Is.EqualTo(DateTimeOffset.Parse("2024-08-01T12:15:00Z")));
    }

    [TestCase("AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2017/12/22/111122223333_CloudTrail-Digest_us-east-2_awscloudtrail-example_us-east-2_20171222T173000Z.json.gz", "2017-12-22T17:30:00Z")]
    [TestCase("AWSLogs/o-abc123/111122223333/CloudTrail-Digest/eu-west-1/2024/08/01/111122223333_CloudTrail-Digest_eu-west-1_Org_Trail.v2_us-east-1_20240801T110045Z.json.gz", "2024-08-01T11:00:45Z")]
    public void ADigestNameWithATrailNameAndSecondsIsADigest(string name, string deliveredAt)
    {
        var key = CloudTrailObjectKey.Parse(name);

        Assert.That(key?.IsDigest, Is.True);
        Assert.That(key!.DeliveredAt, Is.EqualTo(DateTimeOffset.Parse(deliveredAt)));
    }

    [TestCase("AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/27/111122223333_CloudTrail_us-east-1_20261127T2460Z_abc.json.gz", TestName = "an hour of 24")]
    [TestCase("AWSLogs/111122223333/CloudTrail/us-east-1/2026/02/30/111122223333_CloudTrail_us-east-1_20260230T1000Z_abc.json.gz", TestName = "the 30th of February")]
    [TestCase("AWSLogs/111122223333/CloudTrail/us-east-1/2024/08/01/notes.txt", TestName = "not a log name")]
    [TestCase("AWSLogs/1111-2222-3333/CloudTrail/us-east-1/2024/08/01/111122223333_CloudTrail_us-east-1_20240801T1000Z_abc.json.gz", TestName = "an account with dashes")]
    [TestCase("AWSLogs/111122223333/vpcflowlogs/us-east-1/2024/08/01/111122223333_vpcflowlogs_us-east-1_fl-1_20240801T1000Z_abc.log.gz", TestName = "another service's logs")]
    [TestCase("AWSLogs/111122223333/CloudTrail/us-east-1/2024/08/01/111122223333_CloudTrail_us-east-1_trail_us-east-1_20240801T1000Z_abc.json.gz", TestName = "a trail name in a log name")]
    [TestCase("AWSLogs/111122223333/CloudTrail/us-east-1/2024/08/111122223333_CloudTrail_us-east-1_20240801T1000Z_abc.json.gz", TestName = "no day folder")]
    [TestCase("", TestName = "empty")]
    public void AKeyThatIsNotACloudTrailObjectIsNotParsed(string name)
    {
        Assert.That(CloudTrailObjectKey.Parse(name), Is.Null);
    }
}
