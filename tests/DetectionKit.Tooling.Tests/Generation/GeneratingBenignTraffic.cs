using System.Text.Json;
using DetectionKit.Scripting;
using DetectionKit.Tooling.Generation;
using DetectionKit.Tooling.Generation.World;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Tooling.Tests.Generation;

public sealed class GeneratingBenignTraffic
{
    private const int Sample = 20_000;

    /// <summary>The sample starts in working hours, so people and their pipelines are in it.</summary>
    private static readonly DateTimeOffset WorkingDay = new(2024, 8, 5, 8, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<IReadOnlyList<CloudTrailEvent>> Events = new(() =>
        [.. new BenignTrafficGenerator(new BenignTrafficOptions { Seed = 11, Start = WorkingDay }).Generate(Sample).Select(r => new CloudTrailEvent(JsonSerializer.SerializeToElement(r)))]);

    /// <summary>The organisation the sample happens in: the generator builds it first from the same seed.</summary>
    private static readonly Lazy<Organization> World = new(() => Organization.Create(new SeededRandom(11), 11));

    [Test]
    public void TheSameSeedGivesByteIdenticalOutput()
    {
        foreach (var (format, gzip) in new[] { (CloudTrailFileFormat.JsonLines, false), (CloudTrailFileFormat.Records, true) })
        {
            var first = Write(seed: 7, 3_000, format, gzip);
            var second = Write(seed: 7, 3_000, format, gzip);
            var other = Write(seed: 8, 3_000, format, gzip);

            Assert.That(second, Is.EqualTo(first), $"{format}, gzip {gzip}");
            Assert.That(other, Is.Not.EqualTo(first), $"{format}, gzip {gzip}");
        }
    }

    [Test]
    public void ASmallerRunIsThePrefixOfALargerOne()
    {
        var small = new BenignTrafficGenerator().Generate(500).Select(r => r.ToJsonString());
        var large = new BenignTrafficGenerator().Generate(2_000).Take(500).Select(r => r.ToJsonString());

        Assert.That(large, Is.EqualTo(small));
    }

    [Test]
    public void EveryRecordHasTheFieldsCloudTrailAlwaysWrites()
    {
        string[] required = ["eventVersion", "eventTime", "eventID", "eventSource", "eventName", "userIdentity", "recipientAccountId", "awsRegion", "sourceIPAddress", "userAgent", "eventType", "eventCategory"];
        var incomplete = Events.Value.Where(e => required.Any(field => !e.Has(field))).Take(3).Select(e => e.Json.GetRawText()).ToList();

        Assert.That(incomplete, Is.Empty);
        Assert.That(Events.Value.Select(e => e.RecipientAccountId).Distinct().Count(), Is.InRange(3, 5), "a small organisation");
        Assert.That(Events.Value.All(e => e.RecipientAccountId!.Length == 12 && e.RecipientAccountId.All(char.IsAsciiDigit)), Is.True);
    }

    [Test]
    public void EventIdsAreUniqueAndTimeNeverGoesBack()
    {
        var ids = Events.Value.Select(e => e.EventId).ToList();
        var times = Events.Value.Select(e => e.EventTime!.Value).ToList();

        Assert.That(ids, Is.Unique);
        Assert.That(times.Zip(times.Skip(1)).Count(pair => pair.Second < pair.First), Is.Zero);
        Assert.That(times[0], Is.GreaterThanOrEqualTo(WorkingDay));
        Assert.That(times[^1] - times[0], Is.GreaterThan(TimeSpan.FromHours(2)), "time advances the way a trail does, not all in one second");
    }

    [Test]
    public void TheStartTimeIsTheOneAskedFor()
    {
        var start = new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);
        var first = new BenignTrafficGenerator(new BenignTrafficOptions { Start = start }).Generate(50).Select(r => r["eventTime"]!.GetValue<string>()).ToList();

        Assert.That(first.Order(StringComparer.Ordinal).First(), Does.StartWith("2025-03-03T09:0"));
    }

    [Test]
    public void TheMixSpansManyServices()
    {
        var sources = Events.Value.Select(e => e.EventSource!.Replace(".amazonaws.com", string.Empty, StringComparison.Ordinal)).ToHashSet();

        Assert.That(sources, Is.SupersetOf(new[]
        {
            "ec2", "s3", "iam", "sts", "kms", "lambda", "dynamodb", "monitoring", "logs", "ssm", "secretsmanager",
            "cloudformation", "autoscaling", "elasticloadbalancing", "ecr", "ecs", "rds", "signin", "sso",
        }));
        Assert.That(Events.Value.Count(e => e.IsReadOnly), Is.InRange(Sample / 2, Sample * 95 / 100), "mostly reads, and writes too");
        Assert.That(Events.Value.Any(e => e.EventCategory == "Data"), Is.True, "S3 object-level data events");
    }

    [Test]
    public void ThePrincipalsAreUsersRoleSessionsServicesAndFederatedPeople()
    {
        var types = Events.Value.Select(e => e.UserIdentity.Type).OfType<string>().ToHashSet();

        Assert.That(types, Is.SupersetOf(new[] { "IAMUser", "AssumedRole", "AWSService", "AWSAccount", "IdentityCenterUser", "WebIdentityUser", "SAMLUser" }));
        Assert.That(Events.Value.Any(e => e.UserIdentity.SessionIssuerUserName?.StartsWith("AWSReservedSSO_", StringComparison.Ordinal) == true), Is.True, "Identity Center sessions");
        Assert.That(Events.Value.Any(e => e.UserIdentity.Type == "AssumedRole" && e.UserIdentity.MfaAuthenticated), Is.True, "MFA-authenticated role sessions");
        Assert.That(Events.Value.Select(e => e.UserIdentity.InvokedBy).OfType<string>().ToHashSet(),
            Is.SupersetOf(new[] { "cloudformation.amazonaws.com", "autoscaling.amazonaws.com", "config.amazonaws.com", "lambda.amazonaws.com", "secretsmanager.amazonaws.com" }));
        Assert.That(Events.Value.Count(e => e.IsAwsServiceCall), Is.GreaterThan(Sample / 100));
    }

    [Test]
    public void CodeInPrivateSubnetsCallsThroughTheVpcEndpointsOrTheNatGateway()
    {
        var inVpc = Events.Value.Where(e => e.UserIdentity.Type == "AssumedRole" && !e.IsAwsServiceCall && IsPrivate(e.SourceIPAddress) || e.Has("vpcEndpointId")).ToList();
        var accounts = World.Value.Accounts.ToDictionary(a => a.Id);

        Assert.That(inVpc, Is.Not.Empty);
        Assert.That(inVpc.Where(e => !e.Has("vpcEndpointId") || !accounts[e.RecipientAccountId!].EndpointServices.Contains(e.EventSource!.Split('.')[0])), Is.Empty,
            "a private address only through an endpoint the VPC has");
        foreach (var account in World.Value.Workloads)
        {
            var viaNat = Events.Value.Where(e => e.RecipientAccountId == account.Id && account.NatIps.Contains(e.SourceIPAddress)).ToList();
            Assert.That(viaNat.Where(e => e.Has("vpcEndpointId") || account.EndpointServices.Contains(e.EventSource!.Split('.')[0])), Is.Empty, account.Environment);
            Assert.That(viaNat.Select(e => e.SourceIPAddress).Distinct().Count(), Is.EqualTo(account.Environment == "prod" ? 0 : account.NatIps.Count),
                $"{account.Environment}: every address of its NAT gateway in use, none in production, which has endpoints for every API its code calls");
        }

        var throughNat = Events.Value.Where(e => World.Value.Account("dev").NatIps.Contains(e.SourceIPAddress)).ToList();
        Assert.That(throughNat.Select(e => e.UserIdentity.SessionIssuerUserName).Distinct(), Is.SupersetOf(new[] { "web-fleet-instance-role", "orders-api-task", "nightly-report-role", "ecsTaskExecutionRole" }),
            "instances, ECS tasks and a Lambda function attached to the VPC all leave through the NAT gateway");
    }

    [Test]
    public void AnInstancesCallsShareItsCurrentInstanceProfileCredentials()
    {
        var instanceCalls = Events.Value.Where(e => e.Has("userIdentity.sessionContext.ec2RoleDelivery")).ToList();
        var byKey = instanceCalls.GroupBy(e => e.UserIdentity.AccessKeyId).ToList();

        Assert.That(byKey.Where(g => g.Select(e => e.UserIdentity.Arn).Distinct().Count() > 1), Is.Empty, "a key belongs to one instance");
        Assert.That(byKey.Where(g => g.Select(e => e.Get("userIdentity.sessionContext.attributes.creationDate")).Distinct().Count() > 1), Is.Empty, "and was issued once");
        Assert.That(instanceCalls.Where(e => e.EventTime - Issued(e) is var age && (age < TimeSpan.Zero || age >= TimeSpan.FromHours(6))), Is.Empty, "used while valid");
        Assert.That(byKey.Where(g => g.Min(e => e.EventTime) - Issued(g.First()) >= TimeSpan.FromHours(1)), Is.Empty, "the metadata service hands out new ones every hour");
        Assert.That(byKey.Count(g => g.Count() > 1), Is.GreaterThan(byKey.Count / 2), "an instance's agent and applications use the same credentials");
    }

    [Test]
    public void PublicSubnetHostsCallFromTheirElasticIps()
    {
        foreach (var host in World.Value.Workloads.SelectMany(a => a.Hosts.Where(h => h.ElasticIp is not null).Select(h => (Account: a, Host: h))))
        {
            var calls = Events.Value.Where(e => e.UserIdentity.Arn?.EndsWith("/" + host.Host.InstanceId, StringComparison.Ordinal) == true).ToList();

            Assert.That(calls, Is.Not.Empty, host.Host.Name);
            Assert.That(calls.Select(e => e.SourceIPAddress).Distinct(), Is.EqualTo(new[] { host.Host.ElasticIp }), host.Host.Name);
            Assert.That(calls.Where(e => e.Has("vpcEndpointId")), Is.Empty, host.Host.Name);
        }
    }

    [Test]
    public void TheMacBuildHostReadsItsCacheWithUserAgentsThatNameMacOs()
    {
        var mac = World.Value.Account("dev").Host("ios-build");
        var calls = Events.Value.Where(e => e.UserIdentity.Arn?.EndsWith("/" + mac.InstanceId, StringComparison.Ordinal) == true).ToList();

        Assert.That(mac.InstanceType, Is.EqualTo("mac2.metal"));
        Assert.That(calls.Where(e => e.EventName is "GetObject" or "ListObjects").Select(e => e.UserAgent).Distinct(), Is.EqualTo(new[] { UserAgents.MacBuildCacheTool }));
        Assert.That(calls.Where(e => e.EventName == "PutObject").Select(e => e.UserAgent!.Split(" md/command#")[0]).Distinct(), Is.SupersetOf(new[] { UserAgents.CliMacBuildHost }));
        Assert.That(calls.Where(e => e.EventName == "UpdateInstanceInformation").Select(e => e.RequestParameter("platformType")).Distinct(), Is.EqualTo(new[] { "MacOS" }));
    }

    [Test]
    public void IamUsersSignInToTheConsoleWithMfa()
    {
        var signIns = Events.Value.Where(e => e.EventName == "ConsoleLogin").ToList();

        Assert.That(signIns.Where(e => e.UserIdentity.Type == "IAMUser" && e.IsSuccess), Is.Not.Empty.And.All.Matches<CloudTrailEvent>(e => e.MfaUsed));
        Assert.That(signIns.Any(e => e.UserIdentity.Type == "AssumedRole"), Is.True, "federated sign-ins");
    }

    [Test]
    public void RoutineErrorsAreThereInSmallNumbers()
    {
        var codes = Events.Value.Select(e => e.ErrorCode).OfType<string>().ToList();

        Assert.That(codes.Count, Is.InRange(Sample / 200, Sample / 10));
        Assert.That(codes, Has.Some.StartsWith("AccessDenied"));
        Assert.That(codes, Has.Some.Contains("Throttl").Or.Some.Contains("RequestLimitExceeded"));
        Assert.That(codes, Has.Some.EqualTo("NoSuchEntity").And.Some.EqualTo("NoSuchBucketPolicy"));
    }

    [Test]
    public void NothingAnAttackPackIsMeantToCatchIsGenerated()
    {
        // The routine forms of the calls the rules watch are checked in GeneratingRoutineChanges; these never happen in a normal day.
        string[] tampering = ["StopLogging", "DeleteTrail", "DeleteDetector", "DeleteBucketPublicAccessBlock", "CreateUser", "CreateLoginProfile", "UpdateLoginProfile", "GetFederationToken", "LeaveOrganization", "ModifyDBSnapshotAttribute", "DeleteFlowLogs", "StopConfigurationRecorder"];

        Assert.Multiple(() =>
        {
            Assert.That(Events.Value.Where(e => e.IsRoot), Is.Empty, "root use");
            Assert.That(Events.Value.Where(e => tampering.Contains(e.EventName)).Select(e => e.EventName).Distinct(), Is.Empty);
            Assert.That(Events.Value.Where(e => e.EventName == "CreateAccessKey" && e.RequestParameter("userName") != e.UserIdentity.UserName), Is.Empty, "keys for other users");
            Assert.That(Events.Value.Where(e => e.EventName == "UpdateDetector" && e.RequestParameter("enable") == "false"), Is.Empty);
            Assert.That(Events.Value.Where(e => e.EventName == "PutBucketPublicAccessBlock" && e.RequestParameter("PublicAccessBlockConfiguration")!.Contains("false", StringComparison.Ordinal)), Is.Empty);
        });
    }

    [Test]
    public void WrittenRecordsReadBackThroughTheEngineInBothLayouts()
    {
        foreach (var (format, gzip) in new[] { (CloudTrailFileFormat.JsonLines, false), (CloudTrailFileFormat.Records, true), (CloudTrailFileFormat.JsonLines, true) })
        {
            using var batch = Batches.Read("generated", Write(seed: 3, 1_000, format, gzip));

            Assert.That(batch.Problems, Is.Empty);
            Assert.That(batch.Events, Has.Count.EqualTo(1_000));
            Assert.That(batch.Events.All(e => e.EventTime is not null), Is.True);
        }
    }

    private static DateTimeOffset Issued(CloudTrailEvent e) =>
        DateTimeOffset.Parse(e.Get("userIdentity.sessionContext.attributes.creationDate")!, System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsPrivate(string? address) => address is not null && SourceAddress.Of(address).IsPrivate;

    private static byte[] Write(long seed, int count, CloudTrailFileFormat format, bool gzip)
    {
        using var output = new MemoryStream();
        CloudTrailRecordWriter.Write(new BenignTrafficGenerator(new BenignTrafficOptions { Seed = seed }).Generate(count), output, format, gzip);
        return output.ToArray();
    }
}
