using DetectionKit.Cli.Hosting;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Integrity;
using DetectionKit.Engine.Sources.S3;

namespace DetectionKit.Cli.Commands;

/// <summary>What <c>verify</c> and <c>run --verify-digests</c> share: the public keys file, and verifying each trail location with its own client.</summary>
internal static class DigestVerification
{
    /// <summary>The keys, or null after printing what is wrong with the file (a usage error).</summary>
    public static PublicKeySet? LoadKeys(CliContext context, string path)
    {
        if (!File.Exists(path))
        {
            context.Error.WriteLine($"{path}: error {DiagnosticCodes.PublicKeysInvalid}: the public keys file does not exist; write it with: aws cloudtrail list-public-keys --start-time ... --end-time ... > {path}");
            return null;
        }

        if (!PublicKeySet.TryLoad(path, out var keys, out var error))
        {
            var message = error.StartsWith($"{path}: ", StringComparison.Ordinal) ? error[(path.Length + 2)..] : error;
            context.Error.WriteLine($"{path}: error {DiagnosticCodes.PublicKeysInvalid}: {message}");
            return null;
        }

        return keys;
    }

    public static async Task<IReadOnlyList<IntegrityReport>> VerifyAsync(IEnumerable<S3SourceOptions> locations, string? endpointUrl, PublicKeySet keys, CancellationToken cancellationToken)
    {
        var reports = new List<IntegrityReport>();
        foreach (var options in locations)
        {
            using var client = S3ClientFactory.Create(endpointUrl);
            reports.Add(await new IntegrityVerifier(client, options, keys).VerifyAsync(cancellationToken));
        }

        return reports;
    }
}
