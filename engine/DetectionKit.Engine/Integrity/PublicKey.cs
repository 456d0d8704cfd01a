using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace DetectionKit.Engine.Integrity;

/// <summary>One of CloudTrail's signing keys: its fingerprint, its DER bytes (PKCS#1 RSAPublicKey), and when it signs.</summary>
public sealed record PublicKey(string Fingerprint, byte[] Der, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil)
{
    /// <summary>An RSA key from the DER bytes: PKCS#1 as CloudTrail gives it, or a SubjectPublicKeyInfo around one.</summary>
    public static bool TryImport(byte[] der, [NotNullWhen(true)] out RSA? rsa)
    {
        rsa = RSA.Create();
        try
        {
            rsa.ImportRSAPublicKey(der, out var read);
            if (read == der.Length)
            {
                return true;
            }
        }
        catch (CryptographicException)
        {
        }

        try
        {
            rsa.ImportSubjectPublicKeyInfo(der, out var read);
            if (read == der.Length)
            {
                return true;
            }
        }
        catch (CryptographicException)
        {
        }

        rsa.Dispose();
        rsa = null;
        return false;
    }
}
