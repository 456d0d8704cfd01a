using System.Security.Cryptography;
using System.Text;

namespace DetectionKit.Engine.Integrity;

/// <summary>
/// How CloudTrail signs a digest file (SHA256withRSA, PKCS#1 v1.5): over the digest's end time as
/// written, <c>bucket/key</c> of the digest, the hex SHA-256 of the digest file's uncompressed bytes and
/// the previous digest's signature (hex, or <c>null</c> for the first digest of a chain), one per line.
/// The signature itself is hex, in the digest object's <c>x-amz-meta-signature</c> metadata.
/// </summary>
public static class DigestSignature
{
    public const string Algorithm = "SHA256withRSA";

    /// <summary>The text that was signed.</summary>
    public static string SigningString(DigestFile digest, string digestSha256Hex) =>
        $"{digest.DigestEndTime}\n{digest.DigestS3Bucket}/{digest.DigestS3Object}\n{digestSha256Hex}\n{digest.PreviousDigestSignature ?? "null"}";

    /// <summary>The hex SHA-256 of bytes, lowercase as CloudTrail writes hashes.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Whether <paramref name="signatureHex"/> is the key's signature of the signing string; false for a signature that is not hex.</summary>
    public static bool Verify(PublicKey key, string signingString, string signatureHex)
    {
        byte[] signature;
        try
        {
            signature = Convert.FromHexString(signatureHex);
        }
        catch (FormatException)
        {
            return false;
        }

        if (!PublicKey.TryImport(key.Der, out var rsa))
        {
            return false;
        }

        using (rsa)
        {
            return rsa.VerifyData(Encoding.UTF8.GetBytes(signingString), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
    }
}
