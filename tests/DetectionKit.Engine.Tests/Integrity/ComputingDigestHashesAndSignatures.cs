using System.Security.Cryptography;
using System.Text;
using DetectionKit.Engine.Integrity;
using DetectionKit.Engine.Tests.Support;

namespace DetectionKit.Engine.Tests.Integrity;

public sealed class ComputingDigestHashesAndSignatures
{
    // SHA-256 of the three bytes "abc" (FIPS 180-2, appendix B.1).
    private const string Sha256OfAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private static readonly DigestFile Digest = new()
    {
        AwsAccountId = "111122223333",
        DigestStartTime = "2015-08-17T14:01:31Z",
        DigestEndTime = "2015-08-17T15:01:31Z",
        StartsAt = DateTimeOffset.Parse("2015-08-17T14:01:31Z"),
        EndsAt = DateTimeOffset.Parse("2015-08-17T15:01:31Z"),
        DigestS3Bucket = "trail-bucket",
        DigestS3Object = "AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2015/08/17/111122223333_CloudTrail-Digest_us-east-2_t_us-east-2_20150817T150131Z.json.gz",
        DigestPublicKeyFingerprint = "31e8b5433410dfb61a9dc45cc65b22ff",
        PreviousDigestSignature = "50887ccffad4c002",
        LogFiles = [],
    };

    [Test]
    public void TheSigningStringIsTheEndTimeThePathTheHashAndThePreviousSignatureOnePerLine()
    {
        Assert.That(
            DigestSignature.SigningString(Digest, Sha256OfAbc),
            Is.EqualTo("2015-08-17T15:01:31Z\ntrail-bucket/AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2015/08/17/111122223333_CloudTrail-Digest_us-east-2_t_us-east-2_20150817T150131Z.json.gz\nba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n50887ccffad4c002"));
    }

    [Test]
    public void TheFirstDigestOfAChainSignsNullForThePreviousSignature()
    {
        Assert.That(DigestSignature.SigningString(Digest with { PreviousDigestSignature = null }, Sha256OfAbc), Does.EndWith($"\n{Sha256OfAbc}\nnull"));
    }

    [Test]
    public async Task ALogFileIsHashedOverItsUncompressedContent()
    {
        var gzipped = SignedTrail.Gzip("abc"u8.ToArray());

        Assert.That(DigestSignature.Sha256Hex("abc"u8), Is.EqualTo(Sha256OfAbc));
        Assert.That(await ContentHash.Sha256HexAsync(new MemoryStream(gzipped), 1024, CancellationToken.None), Is.EqualTo(Sha256OfAbc));
        Assert.That(await ContentHash.Sha256HexAsync(new MemoryStream("abc"u8.ToArray()), 1024, CancellationToken.None), Is.EqualTo(Sha256OfAbc));
    }

    [Test]
    public void AContentThatExpandsPastTheLimitIsNotHashed()
    {
        var bomb = SignedTrail.Gzip(new byte[10_000]);

        Assert.ThrowsAsync<InvalidDataException>(() => ContentHash.Sha256HexAsync(new MemoryStream(bomb), 1000, CancellationToken.None));
    }

    [Test]
    public void ASignatureVerifiesWithItsKeyAndNotOnceTheSignedTextChanges()
    {
        using var rsa = RSA.Create(2048);
        var signing = DigestSignature.SigningString(Digest, Sha256OfAbc);
        var signature = Convert.ToHexStringLower(rsa.SignData(Encoding.UTF8.GetBytes(signing), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        var key = new PublicKey(SignedTrail.FingerprintOf(rsa), rsa.ExportRSAPublicKey(), null, null);

        Assert.That(DigestSignature.Verify(key, signing, signature), Is.True);
        Assert.That(DigestSignature.Verify(key, signing.Replace("15:01:31Z\n", "15:01:32Z\n", StringComparison.Ordinal), signature), Is.False);
        Assert.That(DigestSignature.Verify(key, signing, "not hex"), Is.False);
    }

    [Test]
    public void AKeysFileIsReadAsListPublicKeysPrintsIt()
    {
        using var rsa = RSA.Create(2048);
        var der = rsa.ExportRSAPublicKey();
        var json = $$"""{"PublicKeyList":[{"Value":"{{Convert.ToBase64String(der)}}","ValidityStartTime":"2024-07-01T00:00:00+00:00","ValidityEndTime":"2024-09-01T00:00:00+00:00","Fingerprint":"{{Convert.ToHexStringLower(MD5.HashData(der))}}"}]}""";

        Assert.That(PublicKeySet.TryParse(Encoding.UTF8.GetBytes(json), "keys.json", out var keys, out var error), Is.True, error);
        Assert.That(keys!.Find(Convert.ToHexStringLower(MD5.HashData(der)), DateTimeOffset.Parse("2024-08-01T00:00:00Z"), out _), Is.Not.Null);
        Assert.That(keys.Find(Convert.ToHexStringLower(MD5.HashData(der)), DateTimeOffset.Parse("2024-10-01T00:00:00Z"), out var why), Is.Null);
        Assert.That(why, Does.Contain("not at 2024-10-01"));
    }

    [Test]
    public void TheKeysOfSeveralRegionsFilesAreOneSet()
    {
        using var east = RSA.Create(2048);
        using var west = RSA.Create(2048);
        var directory = Directory.CreateTempSubdirectory("detectionkit-keys-");
        try
        {
            var paths = new[] { (Key: east, Name: "us-east-1.json"), (Key: west, Name: "eu-west-1.json") }.Select(k =>
            {
                var der = k.Key.ExportRSAPublicKey();
                var path = Path.Combine(directory.FullName, k.Name);
                File.WriteAllText(path, $$"""{"PublicKeyList":[{"Value":"{{Convert.ToBase64String(der)}}","Fingerprint":"{{Convert.ToHexStringLower(MD5.HashData(der))}}"}]}""");
                return path;
            }).ToList();

            Assert.That(PublicKeySet.TryLoad(paths, out var keys, out var error), Is.True, error);
            Assert.That(keys!.Count, Is.EqualTo(2));
            Assert.That(keys.Find(SignedTrail.FingerprintOf(west), DateTimeOffset.UtcNow, out _), Is.Not.Null);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public void AKeysFileWhoseFingerprintIsNotTheKeysIsRefusedNamingTheKey()
    {
        using var rsa = RSA.Create(2048);
        var json = $$"""{"PublicKeyList":[{"Value":"{{Convert.ToBase64String(rsa.ExportRSAPublicKey())}}","Fingerprint":"00000000000000000000000000000000"}]}""";

        Assert.That(PublicKeySet.TryParse(Encoding.UTF8.GetBytes(json), "keys.json", out _, out var error), Is.False);
        Assert.That(error, Does.StartWith("keys.json: PublicKeyList[0]: Fingerprint 00000000000000000000000000000000 is not the MD5 of the key's bytes"));
    }

    [Test]
    public void ADigestWithoutItsRequiredFieldsSaysWhichAreMissing()
    {
        Assert.That(DigestReader.TryRead("""{"awsAccountId":"111122223333","logFiles":[]}"""u8.ToArray(), out _, out var error), Is.False);
        Assert.That(error, Does.Contain("no digestStartTime").And.Contain("no digestS3Object").And.Contain("no previousDigestSignature"));
        Assert.That(DigestReader.TryRead("{not json"u8.ToArray(), out _, out error), Is.False);
        Assert.That(error, Does.StartWith("not JSON"));
    }
}
