using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Rules;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.State;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Rules.Tests;

/// <summary>
/// Proof on real captures: every Stratus Red Team technique capture in fixtures/ raises the alerts
/// the shipped pack promises for it, and the OTRF EC2-proxy capture raises the credential-theft and
/// exfiltration alerts, through the whole pipeline (dedup windows and thresholds apply: a burst rule
/// whose threshold a capture does not reach does not alert). The expected map is exact, so a rule that stops firing on a technique, or
/// starts firing on a capture it has nothing to do with, fails here and says which.
/// </summary>
[TestFixture]
public sealed class AttackCaptures
{
    private const string UnauthorizedCalls = "aws.iam.unauthorized-api-calls";

    /// <summary>Technique capture (file name without .json) → every rule id that fires on it.</summary>
    private static readonly Dictionary<string, string[]> ExpectedByTechnique = new()
    {
        ["aws.credential-access.ec2-get-password-data"] = ["aws.ec2.password-data-retrieved", UnauthorizedCalls],
        // The stolen session is used from the operator's own address with a Linux client: only correlation
        // across events (the address a person's session uses) shows it, and the engine keeps none yet.
        ["aws.credential-access.ec2-steal-instance-credentials"] = ["aws.ssm.send-command"],
        ["aws.credential-access.secretsmanager-batch-retrieve-secrets"] = ["aws.secretsmanager.batch-secret-retrieval"],
        ["aws.credential-access.secretsmanager-retrieve-secrets"] = ["aws.secretsmanager.secret-value-retrieval-burst"],
        ["aws.credential-access.ssm-retrieve-securestring-parameters"] = ["aws.ssm.parameters-decrypted-in-bulk"],
        ["aws.defense-evasion.cloudtrail-delete"] = ["aws.cloudtrail.trail-deleted"],
        ["aws.defense-evasion.cloudtrail-event-selectors"] = ["aws.cloudtrail.event-selectors-changed"],
        ["aws.defense-evasion.cloudtrail-stop"] = ["aws.cloudtrail.logging-stopped"],
        ["aws.defense-evasion.dns-delete-logs"] = ["aws.route53resolver.query-logging-deleted"],
        ["aws.defense-evasion.organizations-leave"] = ["aws.organizations.leave-organization"],
        ["aws.defense-evasion.vpc-remove-flow-logs"] = ["aws.vpc.flow-logs-deleted"],
        ["aws.discovery.ec2-download-user-data"] = ["aws.ec2.user-data-read", UnauthorizedCalls],
        ["aws.execution.ec2-launch-unusual-instances"] = ["aws.ec2.gpu-instances-launched"],
        ["aws.execution.ec2-user-data"] = ["aws.ec2.user-data-modified"],
        ["aws.execution.ssm-send-command"] = ["aws.ssm.send-command"],
        ["aws.execution.ssm-start-session"] = ["aws.ssm.start-session"],
        ["aws.exfiltration.ec2-security-group-open-port-22-ingress"] = ["aws.vpc.security-group-open-to-internet", "aws.vpc.security-group-changed"],
        ["aws.exfiltration.ec2-share-ami"] = ["aws.ec2.ami-shared"],
        ["aws.exfiltration.ec2-share-ebs-snapshot"] = ["aws.ec2.snapshot-shared"],
        ["aws.exfiltration.rds-share-snapshot"] = ["aws.rds.snapshot-shared"],
        ["aws.impact.bedrock-invoke-model"] = ["aws.bedrock.model-access-enabled", "aws.bedrock.model-invoked"],
        ["aws.initial-access.console-login-without-mfa"] = ["aws.iam.console-login-without-mfa"],
        ["aws.lateral-movement.ec2-instance-connect"] = ["aws.ec2-instance-connect.ssh-public-key-sent"],
        ["aws.lateral-movement.ec2-serial-console-send-ssh-public-key"] = ["aws.ec2.serial-console-access-enabled", "aws.ec2-instance-connect.serial-console-ssh-key-sent"],
        ["aws.persistence.iam-backdoor-role"] = ["aws.iam.role-trust-opened-to-external-principal"],
        ["aws.persistence.iam-backdoor-user"] = ["aws.iam.access-key-created-for-another-user"],
        ["aws.persistence.iam-create-admin-user"] = ["aws.iam.admin-policy-attached", "aws.iam.access-key-created-for-another-user", "aws.iam.user-created", "aws.iam.policy-changed"],
        ["aws.persistence.iam-create-backdoor-role"] = ["aws.iam.admin-policy-attached", "aws.iam.role-created-with-external-trust", "aws.iam.policy-changed"],
        ["aws.persistence.iam-create-user-login-profile"] = ["aws.iam.login-profile-created-for-another-user"],
        ["aws.persistence.lambda-backdoor-function"] = ["aws.lambda.permission-granted-to-external-principal"],
        ["aws.persistence.lambda-layer-extension"] = ["aws.lambda.layer-added"],
        ["aws.persistence.lambda-overwrite-code"] = ["aws.lambda.code-updated"],
        ["aws.persistence.rolesanywhere-create-trust-anchor"] = ["aws.rolesanywhere.trust-anchor-created"],
        ["aws.persistence.sts-federation-token"] = ["aws.sts.federation-token-issued"],
        ["aws.privilege-escalation.iam-update-user-login-profile"] = ["aws.iam.login-profile-updated-for-another-user"],
    };

    // One compilation for the fixture; the shipped rules keep no state between events.
    private static readonly Lazy<LoadedRules> Loaded = new(() => RuleSetBuilder.Build(RepositoryPaths.Rules));

    private static string StratusDirectory => Path.Combine(RepositoryPaths.Fixtures, "stratus-red-team");

    public static IEnumerable<TestCaseData> Techniques() =>
        ExpectedByTechnique.Keys.Order(StringComparer.Ordinal).Select(t => new TestCaseData(t).SetName($"stratus {t}"));

    [Test]
    public void ShippedRulesLoadWithoutErrors()
    {
        var errors = Loaded.Value.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()).ToList();
        Assert.That(errors, Is.Empty, () => string.Join("\n", errors));
    }

    [Test]
    public void EveryCaptureHasAnExpectation()
    {
        var captures = Directory.EnumerateFiles(StratusDirectory, "aws.*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();
        Assert.That(captures, Has.Count.EqualTo(35), "the Stratus Red Team fixture set has 35 AWS technique captures");
        Assert.That(ExpectedByTechnique.Keys.Order(StringComparer.Ordinal), Is.EqualTo(captures));
    }

    [TestCaseSource(nameof(Techniques))]
    public void TechniqueRaisesItsAlerts(string technique)
    {
        var alerts = Replay(Path.Combine(StratusDirectory, technique + ".json"));
        var fired = alerts.Select(a => a.RuleId).Distinct().Order(StringComparer.Ordinal).ToList();
        TestContext.Out.WriteLine($"{technique}: {alerts.Count} alerts from {string.Join(", ", fired.Select(r => $"{r} x{alerts.Count(a => a.RuleId == r)}"))}");

        var expected = ExpectedByTechnique[technique].Order(StringComparer.Ordinal).ToList();
        Assert.That(alerts, Is.Not.Empty, $"{technique} raised no alert");
        Assert.That(fired, Is.EqualTo(expected),
            $"{technique}: fired [{string.Join(", ", fired)}]; missing [{string.Join(", ", expected.Except(fired))}]; unexpected [{string.Join(", ", fired.Except(expected))}]");
    }

    [Test]
    public void OtrfEc2ProxyCaptureRaisesCredentialTheftAndExfiltration()
    {
        var alerts = Replay(Path.Combine(RepositoryPaths.Fixtures, "otrf-ec2-proxy-s3-exfiltration", "events.jsonl"));
        foreach (var group in alerts.GroupBy(a => a.RuleId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            TestContext.Out.WriteLine($"{group.Key} x{group.Count()}: {string.Join(", ", group.Select(a => a.EventName).Distinct())} ({string.Join("/", group.Select(a => a.Severity).Distinct())})");
        }

        Assert.That(alerts.Select(a => a.RuleId).Distinct().Order(StringComparer.Ordinal), Is.EqualTo(new[]
        {
            "aws.ec2.instance-credentials-used-outside-instance",
            "aws.s3.buckets-listed-with-instance-credentials",
            "aws.s3.objects-read-with-instance-credentials-from-workstation",
        }));

        // Credential theft: every call made with the stolen instance-profile session (11), and
        // nothing the console user did, at medium: a macOS client using EC2 instance credentials from a
        // public address, which an EC2 Mac host calling from its Elastic IP also is until the pack is
        // told the organisation's own addresses.
        var theft = alerts.Where(a => a.RuleId == "aws.ec2.instance-credentials-used-outside-instance").ToList();
        Assert.That(theft.Sum(a => a.EventCount), Is.EqualTo(11));
        Assert.That(theft.All(a => a.Severity == "medium"));

        // Exfiltration: the bucket listing, then the sync's listings and object reads (7 + 2) of one bucket.
        Assert.That(alerts.Where(a => a.RuleId == "aws.s3.buckets-listed-with-instance-credentials").Sum(a => a.EventCount), Is.EqualTo(2));
        var sync = alerts.Single(a => a.RuleId == "aws.s3.objects-read-with-instance-credentials-from-workstation");
        Assert.That((sync.Severity, sync.EventCount), Is.EqualTo(("medium", 9)));
        Assert.That(sync.DedupKey, Is.EqualTo("123456789123:ASIA5FLZVX4OPVKKVBMX:mordors3stack-s3bucket-llp2yingx64a"));
    }

    private sealed record Fired(string RuleId, string Severity, string DedupKey, string? EventName, int EventCount);

    /// <summary>The capture through the whole pipeline, as <c>run</c> does it: dedup windows and thresholds apply.</summary>
    private static List<Fired> Replay(string path)
    {
        var loaded = Loaded.Value;
        using var state = SqliteAlertStateStore.InMemory();
        var summary = new DetectionRunner(loaded.RuleSet, state).RunAsync(new FileEventSource([path])).GetAwaiter().GetResult();
        Assert.That(summary.InputProblems, Is.Empty, () => string.Join("\n", summary.InputProblems));
        Assert.That(summary.RuleErrors, Is.Empty, () => string.Join("\n", summary.RuleErrors.Select(r => r.ToDiagnostic().ToString())));
        return state.Undelivered("run", "test", loaded.RuleSet.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal))
            .Select(a => new Fired(a.RuleId, a.Severity.ToName(), a.DedupKey, a.EventName, a.EventCount))
            .ToList();
    }
}
