using System.Text.Json.Nodes;
using DetectionKit.Cli.Tests.Support;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.S3;

/// <summary><c>verify</c> and <c>run --verify-digests</c> over a signed trail on moto, as a SOC runs them.</summary>
public sealed class VerifyingLogFileIntegrity
{
    private const string Since = "2024-08-01T10:00:30Z";
    private const string Until = "2024-08-01T15:00:30Z";

    [Test]
    public async Task AnUntouchedTrailVerifiesAndExitsZero()
    {
        using var trail = await SignedTrail.CreateAsync(MotoFixture.Server.Endpoint, 5);
        using var workspace = new RulesWorkspace();

        var result = Shell.Run("verify", trail.Location, "--since", Since, "--until", Until, "--public-keys", KeysFile(trail, workspace));

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.OutLines, Is.EqualTo(new[] { $"{trail.Location} from 2024-08-01T10:00:30Z to 2024-08-01T15:00:30Z: verified; digests verified: 5/5, log files verified: 10/10, missing: 0, changed: 0, added: 0, unsigned: 0, bad signatures: 0, unknown keys: 0, unreadable digests: 0, chain gaps: 0, not covered: 0, not checked: 0, not yet digested: 0" }));
    }

    [Test]
    public async Task ADeletedAnAlteredAndAnAddedLogFileAndADeletedDigestAreEachALine()
    {
        using var trail = await SignedTrail.CreateAsync(MotoFixture.Server.Endpoint, 5);
        using var workspace = new RulesWorkspace();
        await trail.DeleteAsync(trail.LogKeys[0][0]);
        await trail.AlterLogAsync(trail.LogKeys[1][1]);
        var (added, _) = await trail.PutLogAsync(trail.Start.AddHours(2).AddMinutes(30));
        await trail.DeleteAsync(trail.DigestKeys[3]);

        var result = Shell.Run("verify", trail.Location, "--since", Since, "--until", Until, "--public-keys", KeysFile(trail, workspace));

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        var at = $"s3://{trail.Bucket}/";
        Assert.That(result.OutLines, Has.Some.StartsWith($"{at}{trail.LogKeys[0][0]}: error DK8028: missing: "));
        Assert.That(result.OutLines, Has.Some.StartsWith($"{at}{trail.LogKeys[1][1]}: error DK8029: changed: the SHA-256 of its content is "));
        Assert.That(result.OutLines, Has.Some.StartsWith($"{at}{added}: error DK8030: added: delivered at 2024-08-01T12:30:00Z"));
        Assert.That(result.OutLines, Has.Some.StartsWith($"{at}{trail.DigestKeys[3]}: error DK8025: missing digest: "));
        Assert.That(result.OutLines, Has.Some.StartsWith($"{at}AWSLogs/{SignedTrail.Account}/CloudTrail/{SignedTrail.Region}/: error DK8031: not covered: 2 log files"));
        Assert.That(result.OutLines[^1], Does.Contain(": FAILED; digests verified: 4/4, log files verified: 6/8, missing: 1, changed: 1, added: 1, ").And.Contain("chain gaps: 1, not covered: 2"));
    }

    [Test]
    public async Task JsonGivesEveryFindingWithItsCode()
    {
        using var trail = await SignedTrail.CreateAsync(MotoFixture.Server.Endpoint, 2);
        using var workspace = new RulesWorkspace();
        await trail.TamperSignatureAsync(1);

        var result = Shell.Run("verify", trail.Location, "--since", Since, "--until", "2024-08-01T12:00:30Z", "--public-keys", KeysFile(trail, workspace), "--format", "json");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        var report = JsonNode.Parse(result.Out)!;
        Assert.That(report["passed"]!.GetValue<bool>(), Is.False);
        var finding = report["locations"]![0]!["findings"]![0]!;
        Assert.That(finding["code"]!.GetValue<string>(), Is.EqualTo("DK8023"));
        Assert.That(finding["kind"]!.GetValue<string>(), Is.EqualTo("digestSignatureInvalid"));
        Assert.That(finding["object"]!.GetValue<string>(), Is.EqualTo($"s3://{trail.Bucket}/{trail.DigestKeys[1]}"));
        Assert.That(report["locations"]![0]!["counts"]!["badSignatures"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task RunWithVerifyDigestsReportsAChangedFileAndStillEvaluatesIt()
    {
        using var trail = await SignedTrail.CreateAsync(MotoFixture.Server.Endpoint, 5);
        using var workspace = new RulesWorkspace();
        var keys = KeysFile(trail, workspace);

        var clean = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", trail.Location, "--since", Since, "--until", Until, "--verify-digests", "--public-keys", keys);
        await trail.AlterLogAsync(trail.LogKeys[4][0]);
        var altered = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", trail.Location, "--since", Since, "--until", Until, "--verify-digests", "--public-keys", keys);

        Assert.That(clean.ExitCode, Is.EqualTo(0), clean.ToString);
        Assert.That(clean.Error, Does.Contain($"integrity of {trail.Location}: verified; digests verified: 5/5, log files verified: 10/10"));
        Assert.That(clean.OutLines, Is.Not.Empty);
        Assert.That(altered.ExitCode, Is.EqualTo(1), altered.ToString);
        Assert.That(altered.Error, Does.Contain($"s3://{trail.Bucket}/{trail.LogKeys[4][0]}: error DK8029: changed: "));
        Assert.That(altered.Error, Does.Contain($"integrity of {trail.Location}: FAILED, 1 problem; the objects named are evaluated all the same, and the run fails"));
        Assert.That(altered.Error, Does.Contain("s3 objects read: 10"));
    }

    [Test]
    public void VerifyDigestsWithoutKeysAndKeysWithoutVerifyDigestsAreUsageErrors()
    {
        var noKeys = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", "s3://some-bucket", "--verify-digests");
        var noVerify = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", "s3://some-bucket", "--public-keys", "keys.json");

        Assert.That(noKeys.ExitCode, Is.EqualTo(2));
        Assert.That(noKeys.Error, Does.StartWith("error: --verify-digests needs --public-keys FILE"));
        Assert.That(noVerify.ExitCode, Is.EqualTo(2));
        Assert.That(noVerify.Error, Does.StartWith("error: --public-keys is read only with --verify-digests"));
    }

    [Test]
    public void AKeysFileThatIsNotListPublicKeysOutputIsNamed()
    {
        using var workspace = new RulesWorkspace();
        var keys = workspace.AddFile("keys.json", """{"Keys":[]}""");

        var result = Shell.Run("verify", "s3://some-bucket", "--public-keys", keys);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.StartWith($"{keys}: error DK8032: no PublicKeyList list; write it with: aws cloudtrail list-public-keys"));
    }

    private static string KeysFile(SignedTrail trail, RulesWorkspace workspace) => workspace.AddFile("keys.json", trail.KeysJson());
}
