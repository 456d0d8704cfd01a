using System.Text.Json;
using DetectionKit.Scripting;
using DetectionKit.Tooling.Catalog;
using DetectionKit.Tooling.Generation;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Tests.Generation;

/// <summary>
/// The calls the rules watch that real accounts make every week, checked on the default day
/// (100,000 records, seed 42): each appears, rarely where it is rare, and only in the routine form
/// its actor uses. A change that made one of them look like an attack would fail here, not hide in
/// the benign test's alert counts.
/// </summary>
public sealed class GeneratingRoutineChanges
{
    private static readonly Lazy<IReadOnlyList<CloudTrailEvent>> Day = new(() =>
        [.. new BenignTrafficGenerator().Generate(100_000).Select(r => new CloudTrailEvent(JsonSerializer.SerializeToElement(r)))]);

    private static readonly Lazy<Organization> World = new(() => Organization.Create(new SeededRandom(42), 42));

    private static IReadOnlySet<string> OrganizationAccounts => World.Value.Accounts.Select(a => a.Id).ToHashSet();

    [Test]
    public void EveryCallIsOneCloudTrailRecordsUnderItsApiCatalogName()
    {
        // Agent and service events CloudTrail records but no public API model names.
        (string, string)[] unmodelled =
        [
            ("ssm.amazonaws.com", "UpdateInstanceInformation"), ("ssm.amazonaws.com", "ListInstanceAssociations"),
            ("s3.amazonaws.com", "GetBucketObjectLockConfiguration"), ("secretsmanager.amazonaws.com", "RotationSucceeded"),
        ];
        var unknown = Day.Value.Where(e => !e.IsInsight)
            .Select(e => (e.EventSource!, e.EventName!)).Distinct()
            .Where(call => !ApiCatalog.Default.HasOperation(call.Item1, call.Item2) && !unmodelled.Contains(call))
            .ToList();

        Assert.That(unknown, Is.Empty);
    }

    [Test]
    public void TheRulesCandidateCallsAllHappenAndTheRareOnesRarely()
    {
        var counts = Day.Value.GroupBy(e => e.EventName ?? "insight").ToDictionary(g => g.Key, g => g.Count());
        int Count(string name) => counts.GetValueOrDefault(name);

        Assert.Multiple(() =>
        {
            foreach (var name in new[]
            {
                "UpdateTrail", "PutEventSelectors", "ScheduleKeyDeletion", "DisableKey", "ModifySecurityGroupRules", "ModifyInstanceAttribute", "PutBucketAcl",
                "ModifySnapshotAttribute", "ModifyImageAttribute", "DeactivateMFADevice", "UpdateAssumeRolePolicy", "UpdateDetector", "SendCommand", "StartSession",
                "GetPasswordData", "CreateAccountAssignment", "PutConfigRule", "CreateStack",
            })
            {
                Assert.That(Count(name), Is.InRange(1, 40), name);
            }

            Assert.That(Count("GetPasswordData") + Count("DisableKey") + Count("DeactivateMFADevice") + Count("CreateAccountAssignment") + Count("CreateStack"), Is.LessThanOrEqualTo(20),
                "the rare ones, a few times a day at most");
        });
    }

    [Test]
    public void TrailAndDetectorChangesKeepLoggingAndDetectionOn()
    {
        var trail = Day.Value.Where(e => e.EventName == "UpdateTrail").ToList();
        var selectors = Day.Value.Where(e => e.EventName == "PutEventSelectors").ToList();
        var detector = Day.Value.Where(e => e.EventName == "UpdateDetector").ToList();

        Assert.That(trail.Select(e => (e.RequestParameter("isMultiRegionTrail"), e.RequestParameter("enableLogFileValidation"), e.Has("requestParameters.kmsKeyId"))).Distinct(),
            Is.EqualTo(new[] { ((string?)null, (string?)null, false) }), "only what changed: CloudWatch Logs or the topic");
        Assert.That(trail.All(e => e.ResponseElement("isMultiRegionTrail") == "true" && e.ResponseElement("logFileValidationEnabled") == "true" && e.ResponseElement("kmsKeyId") is { Length: > 0 }));
        Assert.That(selectors.All(e => e.RequestParameterElement("advancedEventSelectors")!.Value.Values()
            .Any(s => s.Values("fieldSelectors").Count() == 1 && s.Get("fieldSelectors.0.field") == "eventCategory" && s.Strings("fieldSelectors.0.equals").Single() == "Management")),
            "every management event still logged");
        Assert.That(detector.Select(e => e.RequestParameter("enable")).Distinct(), Is.EqualTo(new[] { "true" }));
        Assert.That(trail.Concat(selectors).Concat(detector).Select(e => e.UserIdentity.SessionIssuerUserName).Distinct(), Is.EqualTo(new[] { "terraform-apply" }));
    }

    [Test]
    public void KeysAreScheduledForDeletionOrDisabledOnlyByCloudFormation()
    {
        var keys = Day.Value.Where(e => e.EventName is "ScheduleKeyDeletion" or "DisableKey").ToList();

        Assert.That(keys.Select(e => e.UserIdentity.InvokedBy).Distinct(), Is.EqualTo(new[] { "cloudformation.amazonaws.com" }));
        Assert.That(keys.Where(e => e.EventName == "ScheduleKeyDeletion").Select(e => e.RequestParameter("pendingWindowInDays")).Distinct(), Is.EqualTo(new[] { "7" }), "preview stacks");
        Assert.That(Day.Value.Where(e => e.EventName == "DeleteStack").Select(e => e.RequestParameter("stackName")), Has.All.StartsWith("preview-pr-"));
    }

    [Test]
    public void NetworkAndBucketChangesAreTheRoutineOnes()
    {
        var egress = Day.Value.Where(e => e.EventName == "ModifySecurityGroupRules").ToList();
        var open = Day.Value.Where(e => e.EventName == "AuthorizeSecurityGroupIngress" && (e.Get("requestParameters.ipPermissions.items.0.ipRanges.items.0.cidrIp") ?? e.Get("requestParameters.ipPermissions.items.0.ipv6Ranges.items.0.cidrIpv6")) is "0.0.0.0/0" or "::/0").ToList();
        var acls = Day.Value.Where(e => e.EventName == "PutBucketAcl").ToList();

        Assert.That(egress.Select(e => (e.RequestParameter("ModifySecurityGroupRulesRequest.SecurityGroupRule.SecurityGroupRule.IpProtocol"), e.RequestParameter("ModifySecurityGroupRulesRequest.SecurityGroupRule.SecurityGroupRule.Description"))).Distinct(),
            Is.EqualTo(new[] { ("-1", "Allow all outbound traffic") }), "the default egress rule, edited by Terraform");
        Assert.That(open, Is.Not.Empty);
        Assert.That(open.Select(e => e.Get("requestParameters.ipPermissions.items.0.fromPort")).Distinct(), Is.EqualTo(new[] { "443" }), "only HTTPS faces the internet");
        Assert.That(acls.Select(e => (e.RequestParameterElement("x-amz-acl").Strings().Single(), e.RequestParameter("bucketName")!.Contains("-access-logs-", StringComparison.Ordinal))).Distinct().Order(),
            Is.SubsetOf(new[] { ("log-delivery-write", true), ("private", false), ("private", true) }));
    }

    [Test]
    public void ImagesAndSnapshotsAreSharedOnlyWithinTheOrganization()
    {
        var shares = Day.Value.Where(e => e.EventName is "ModifyImageAttribute" or "ModifySnapshotAttribute").ToList();
        var grantees = shares.SelectMany(e => e.Element("requestParameters.launchPermission.add.items").Values().Concat(e.Element("requestParameters.createVolumePermission.add.items").Values())).ToList();

        Assert.That(grantees.Select(g => g.Get("userId")), Is.Not.Empty.And.All.Matches<string?>(id => id is not null && OrganizationAccounts.Contains(id)));
        Assert.That(grantees.Where(g => g.Has("group")), Is.Empty, "never public");
        Assert.That(shares.Select(e => e.UserIdentity.InvokedBy ?? e.UserIdentity.SessionIssuerUserName).Distinct().Order(), Is.EqualTo(new[] { "backup.amazonaws.com", "github-actions-image-build" }));
    }

    [Test]
    public void TrustPoliciesNameOrganizationAccountsOrAVendorWithAnExternalId()
    {
        var trusts = Day.Value.Where(e => e.EventName == "UpdateAssumeRolePolicy" || e.EventName == "CreateRole")
            .SelectMany(e => PolicyDocument.Parse(e.RequestParameter("policyDocument") ?? e.RequestParameter("assumeRolePolicyDocument")).Statements.Select(s => (Event: e, Statement: s)))
            .Where(t => t.Statement.Principal?.Aws.Count > 0)
            .ToList();
        string[] vendors = [Organization.VendorAccountId, Organization.SecurityVendorAccountId];

        Assert.That(trusts, Is.Not.Empty);
        foreach (var (e, statement) in trusts)
        {
            var account = Arn.Parse(statement.Principal!.Aws.Single())!.Account;
            var external = statement.Conditions.Any(c => c.Key.Equals("sts:ExternalId", StringComparison.OrdinalIgnoreCase));
            Assert.That(OrganizationAccounts.Contains(account!) || account == Organization.ManagementAccountId || (vendors.Contains(account) && external), Is.True, e.ToString());
            Assert.That(e.EventName == "UpdateAssumeRolePolicy" || e.UserIdentity.InvokedBy == "cloudformation.amazonaws.com", Is.True, "roles trusting another account come from templates");
        }
    }

    [Test]
    public void AdministratorAccessIsAttachedOnlyByIdentityCenterAndControlTower()
    {
        var attached = Day.Value.Where(e => e.RequestParameter("policyArn") == "arn:aws:iam::aws:policy/AdministratorAccess" && e.EventName!.StartsWith("Attach", StringComparison.Ordinal)).ToList();

        Assert.That(attached.Select(e => (e.UserIdentity.SessionIssuerUserName, e.UserIdentity.InvokedBy, e.RequestParameter("roleName")!.Split('_')[0])).Distinct().Order(),
            Is.SubsetOf(new[] { ("AWSControlTowerExecution", "cloudformation.amazonaws.com", "aws-controltower-AdministratorExecutionRole"), ("AWSServiceRoleForSSO", "sso.amazonaws.com", "AWSReservedSSO") }));
        Assert.That(attached.Select(e => e.UserIdentity.SessionIssuerUserName), Has.Member("AWSServiceRoleForSSO"));
        Assert.That(Day.Value.Where(e => e.EventName == "DeleteAccountAssignment"), Is.Not.Empty, "elevated access is taken away again");
    }

    [Test]
    public void PeopleChangeTheirOwnMfaAndAdministerTheirOwnInstances()
    {
        var deactivated = Day.Value.Where(e => e.EventName == "DeactivateMFADevice").ToList();
        var commands = Day.Value.Where(e => e.EventName is "SendCommand" or "StartSession" or "GetPasswordData" or "ModifyInstanceAttribute").ToList();
        var instances = World.Value.Accounts.SelectMany(a => a.Instances.Concat(a.Hosts)).ToDictionary(i => i.InstanceId);

        Assert.That(deactivated.Where(e => e.RequestParameter("userName") != e.UserIdentity.UserName), Is.Empty, "the user's own device");
        Assert.That(deactivated.Where(e => !Day.Value.Any(enable => enable.EventName == "EnableMFADevice" && enable.RequestParameter("serialNumber") == e.RequestParameter("serialNumber")
            && enable.EventTime > e.EventTime && enable.EventTime - e.EventTime < TimeSpan.FromMinutes(10))), Is.Empty, "replaced within minutes");
        Assert.That(commands.Where(e => e.IsAwsServiceCall || e.Has("userIdentity.sessionContext.ec2RoleDelivery")), Is.Empty, "by people");
        var targets = commands.SelectMany(e => e.Element("requestParameters.instanceIds").Strings().Append(e.RequestParameter("target") ?? e.RequestParameter("instanceId"))).OfType<string>().ToList();
        Assert.That(targets.Where(id => !instances.ContainsKey(id)), Is.Empty, "instances of the organisation");
        Assert.That(Day.Value.Where(e => e.EventName == "GetPasswordData").Select(e => instances[e.RequestParameter("instanceId")!].Platform).Distinct(), Is.EqualTo(new[] { "Windows" }));
        Assert.That(Day.Value.Where(e => e.EventName == "ModifyInstanceAttribute").Where(e => !Day.Value.Any(stop => stop.EventName == "StopInstances"
            && stop.Get("requestParameters.instancesSet.items.0.instanceId") == e.RequestParameter("instanceId") && stop.EventTime <= e.EventTime && e.EventTime - stop.EventTime < TimeSpan.FromMinutes(5))),
            Is.Empty, "user data is changed on a stopped instance");
    }

    [Test]
    public void InsightsComeAsStartAndEndPairsOfBothTypes()
    {
        var insights = Day.Value.Where(e => e.IsInsight).ToList();
        var episodes = insights.GroupBy(e => e.Get("sharedEventID")).ToList();

        Assert.That(insights.Select(e => e.Get("insightDetails.insightType")).Distinct().Order(), Is.EqualTo(new[] { "ApiCallRateInsight", "ApiErrorRateInsight" }));
        Assert.That(episodes.Select(g => string.Join(",", g.Select(e => e.Get("insightDetails.state")))).Distinct(), Is.EqualTo(new[] { "Start,End" }));
        Assert.That(insights.All(e => e.EventCategory == "Insight" && !e.Has("userIdentity") && !e.Has("eventName")), Is.True, "no caller and no top-level event name");
        Assert.That(insights.Where(e => e.Get("insightDetails.insightType") == "ApiErrorRateInsight").All(e => e.Has("insightDetails.errorCode")), Is.True);
        Assert.That(episodes.Count, Is.InRange(1, 10), "a few a day");
    }
}
