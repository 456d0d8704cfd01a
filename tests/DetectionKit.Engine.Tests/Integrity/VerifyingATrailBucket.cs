using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using DetectionKit.Engine.Integrity;
using DetectionKit.Engine.Sources.S3;
using DetectionKit.Engine.Tests.Support;

namespace DetectionKit.Engine.Tests.Integrity;

/// <summary>A signed digest chain over real-format log files on moto, damaged one way at a time.</summary>
public sealed class VerifyingATrailBucket
{
    private const int Hours = 4;

    [Test]
    public async Task AnUntouchedTrailVerifiesWithNoFinding()
    {
        using var trail = await SignedTrail.CreateAsync(Moto.Server.Endpoint, Hours);

        var report = await VerifyAsync(trail);

        Assert.That(report.Findings, Is.Empty);
        Assert.That(report.Passed, Is.True);
        Assert.That(report.Counts.Digests, Is.EqualTo(Hours));
        Assert.That(report.Counts.DigestsVerified, Is.EqualTo(Hours));
        Assert.That(report.Counts.LogFilesListed, Is.EqualTo(Hours * 2));
        Assert.That(report.Counts.LogFilesVerified, Is.EqualTo(Hours * 2));
    }

    [Test]
    public async Task ADeletedLogFileIsMissing()
    {
        using var trail = await SignedTrail.CreateAsync(Moto.Server.Endpoint, Hours);
        var deleted = trail.LogKeys[1][0];
        await trail.DeleteAsync(deleted);

        var report = await VerifyAsync(trail);

        Assert.That(Describe(report), Is.EqualTo(new[] { $"LogFileMissing s3://{trail.Bucket}/{deleted}" }));
        Assert.That(report.Counts.Missing, Is.EqualTo(1));
        Assert.That(report.Findings[0].Message, Does.StartWith($"missing: {Name(trail.DigestKeys[1])} lists it"));
    }

    [Test]
    public async Task AnAlteredLogFileIsChanged()
    {
        using var trail = await SignedTrail.CreateAsync(Moto.Server.Endpoint, Hours);
        var altered = trail.LogKeys[2][1];
        await trail.AlterLogAsync(altered);

        var report = await VerifyAsync(trail);

        Assert.That(Describe(report), Is.EqualTo(new[] { $"LogFileChanged s3://{trail.Bucket}/{altered}" }));
        Assert.That(report.Counts.Changed, Is.EqualTo(1));
        Assert.That(report.Counts.LogFilesVerified, Is.EqualTo((Hours * 2) - 1));
    }

    [Test]
    public async Task ALogFileNoDigestListsIsAdded()
    {
        using var trail = await SignedTrail.CreateAsync(Moto.Server.Endpoint, Hours);
        var (added, _) = await trail.PutLogAsync(trail.Start.AddHours(1).AddMinutes(20));

        var report = await VerifyAsync(trail);

        Assert.That(Describe(report), Is.EqualTo(new[] { $"LogFileAdded s3://{trail.Bucket}/{added}" }));
        Assert.That(report.Findings[0].Message, Does.Contain($"{Name(trail.DigestKeys[1])}, whose hour (2024-08-01T11:00:30Z to 2024-08-01T12:00:30Z) holds it, does not list it"));
    }

    [Test]
    public async Task ALogFileDeliveredInTheLastMinuteOfAnHourIsNotAddedWhenNoLaterDigestIsInTheRange()
    {
        using var trail = await SignedTrail.CreateAsync(Moto.Server.Endpoint, Hours);

        // Stamped 14:00 and delivered by 14:00:59: the digest ending at 14:00:30 may not list it; the next one would.
        await trail.PutLogAsync(trail.Start.AddHours(Hours).AddSeconds(-30));

        var report = await VerifyAsync(trail);

        Assert.That(Describe(report), Is.EqualTo(new[] { $"LogFilesNotCovered s3://{trail.Bucket}/AWSLogs/{SignedTrail.Account}/CloudTrail/{SignedTrail.Region}/" }));
        Assert.That(report.Counts.Added, Is.Zero);
    }

    [Test]
    public async Task ADeletedDigestBreaksTheChainAndItsLogFilesAreNotCovered()
    {
        using var trail = await SignedTrail.CreateAsync(Moto.Server.Endpoint, Hours);
        await trail.DeleteAsync(trail.DigestKeys[1]);

        var report = await VerifyAsync(trail);

        Assert.That(Describe(report), Is.EquivalentTo(new[]
        {
            $"PreviousDigestMissing s3://{trail.Bucket}/{trail.DigestKeys[1]}",
            $"LogFilesNotCovered s3://{trail.Bucket}/AWSLogs/{SignedTrail.Account}/CloudTrail/{SignedTrail.Region}/",
        }));
        Assert.That(report.Counts.ChainGaps, Is.EqualTo(1));
        Assert.That(report.Counts.NotCovered, Is.EqualTo(2));
    }

    [Test]
    public async Task AnAlteredPreviousSignatureBreaksTheChain()
    {
        using var trail = await SignedTrail.CreateAsync(Moto.Server.Endpoint, Hours);

        // Re-signed, so the digest itself verifies: only the link to the previous digest gives it away.
        await trail.RewriteDigestAsync(2, digest => digest["previousDigestSignature"] = new string('0', 512));

        var report = await VerifyAsync(trail);

        Assert.That(Describe(report), Does.Contain($"PreviousDigestMismatch s3://{trail.Bucket}/{trail.DigestKeys[2]}"));
        Assert.That(report.Findings.Single(f => f.Object.EndsWith(trail.DigestKeys[2], StringComparison.Ordinal)).Message, Does.Contain("previousDigestSignature is not the signature of its previous digest"));
    }

    [Test]
    public async Task AChainThatStartsAgainIsAGap()
    {
        using var trail = await SignedTrail.CreateAsync(Moto.Server.Endpoint, Hours);
        await trail.RewriteDigestAsync(2, digest =>
        {
            foreach (var field in new[] { "previousDigestS3Bucket", "previousDigestS3Object", "previousDigestHashValue", "previousDigestHashAlgorithm", "previousDigestSignature" })
            {
                digest[field] = null;
            }
        });

        var report = await VerifyAsync(trail);

        Assert.That(Describe(report), Does.Contain($"ChainGap s3://{trail.Bucket}/{trail.DigestKeys[2]}"));
        Assert.That(report.Passed, Is.False);
    }

    [Test]
    public async Task ATamperedSignatureIsReported()
    {
        using var trail = await SignedTrail.CreateAsync(Moto.Server.Endpoint, Hours);
        await trail.TamperSignatureAsync(1);

        var report = await VerifyAsync(trail);

        Assert.That(Describe(report), Does.Contain($"DigestSignatureInvalid s3://{trail.Bucket}/{trail.DigestKeys[1]}"));
        Assert.That(report.Counts.BadSignatures, Is.EqualTo(1));
        Assert.That(report.Counts.DigestsVerified, Is.EqualTo(Hours - 1));
    }

    [Test]
    public async Task ADigestSignedWithAKeyTheKeysFileDoesNotHoldIsReported()
    {
        using var trail = await SignedTrail.CreateAsync(Moto.Server.Endpoint, Hours);
        using var other = System.Security.Cryptography.RSA.Create(2048);
        await trail.RewriteDigestAsync(3, _ => { }, other);

        var report = await VerifyAsync(trail);

        Assert.That(Describe(report), Is.EqualTo(new[] { $"DigestUnknownKey s3://{trail.Bucket}/{trail.DigestKeys[3]}" }));
        Assert.That(report.Findings[0].Message, Does.Contain($"holds no key with fingerprint {SignedTrail.FingerprintOf(other)}"));
    }

    [Test]
    public async Task AnUnsignedDigestAndAnUnreadableOneAreReportedAndTheRestVerified()
    {
        using var trail = await SignedTrail.CreateAsync(Moto.Server.Endpoint, Hours);
        using var s3 = Client();
        await s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = trail.Bucket, Key = trail.DigestKeys[0], InputStream = new MemoryStream(SignedTrail.Gzip("{\"awsAccountId\": 1"u8.ToArray())) });

        var report = await VerifyAsync(trail);

        Assert.That(Describe(report), Does.Contain($"DigestUnreadable s3://{trail.Bucket}/{trail.DigestKeys[0]}"));
        Assert.That(report.Findings.First(f => f.Kind == IntegrityFindingKind.DigestUnreadable).Message, Does.StartWith("unreadable digest: not JSON"));
        Assert.That(report.Counts.DigestsVerified, Is.EqualTo(Hours - 1));
    }

    [Test]
    public async Task ABackfillDigestIsVerifiedAndTheLateLogFileItListsIsNotAdded()
    {
        using var trail = await SignedTrail.CreateAsync(Moto.Server.Endpoint, Hours);
        var late = await trail.PutBackfillAsync(1);

        var report = await VerifyAsync(trail);

        Assert.That(report.Findings, Is.Empty, () => string.Join('\n', Describe(report)));
        Assert.That(report.Counts.BackfillDigests, Is.EqualTo(1));
        Assert.That(report.Counts.DigestsVerified, Is.EqualTo(Hours + 1));
        Assert.That(report.Counts.LogFilesVerified, Is.EqualTo((Hours * 2) + 1));

        await trail.AlterLogAsync(late);
        Assert.That(Describe(await VerifyAsync(trail)), Is.EqualTo(new[] { $"LogFileChanged s3://{trail.Bucket}/{late}" }));
    }

    [Test]
    public async Task ATrailWithoutDigestsSaysSoAndThatItsLogFilesAreNotCovered()
    {
        using var trail = await SignedTrail.CreateAsync(Moto.Server.Endpoint, 0);
        await trail.PutLogAsync(trail.Start.AddMinutes(5));

        var report = await VerifyAsync(trail);

        Assert.That(report.Findings.Select(f => f.Kind), Is.EquivalentTo(new[] { IntegrityFindingKind.LogFilesNotCovered, IntegrityFindingKind.NoDigests }));
        Assert.That(report.Findings.Single(f => f.Kind == IntegrityFindingKind.NoDigests).Message, Does.Contain("is log file validation on for the trail"));
        Assert.That(report.Passed, Is.False);
    }

    [Test]
    public async Task AnOrganisationTrailUnderAKeyPrefixIsVerifiedPerMemberAccount()
    {
        using var trail = await SignedTrail.CreateAsync(Moto.Server.Endpoint, 2, prefix: "security/", organizationId: "o-abc123def4");
        await trail.DeleteAsync(trail.LogKeys[1][0]);

        var report = await VerifyAsync(trail, "security");

        Assert.That(Describe(report), Is.EqualTo(new[] { $"LogFileMissing s3://{trail.Bucket}/security/AWSLogs/o-abc123def4/{SignedTrail.Account}/CloudTrail/{SignedTrail.Region}/2024/08/01/{Name(trail.LogKeys[1][0])}" }));
        Assert.That(report.Counts.DigestsVerified, Is.EqualTo(2));
    }

    private static async Task<IntegrityReport> VerifyAsync(SignedTrail trail, string prefix = "")
    {
        Assert.That(PublicKeySet.TryParse(Encoding.UTF8.GetBytes(trail.KeysJson()), "keys.json", out var keys, out var error), Is.True, error);
        using var client = Client();
        var options = new S3SourceOptions { Location = new S3Uri(trail.Bucket, prefix), Since = trail.Start, Until = trail.Start.AddHours(Hours) };
        return await new IntegrityVerifier(client, options, keys!).VerifyAsync();
    }

    private static AmazonS3Client Client() =>
        new(new BasicAWSCredentials("testing", "testing"), new AmazonS3Config { ServiceURL = Moto.Server.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    private static string Name(string key) => key[(key.LastIndexOf('/') + 1)..];

    private static List<string> Describe(IntegrityReport report) => report.Findings.Select(f => $"{f.Kind} {f.Object}").ToList();
}
