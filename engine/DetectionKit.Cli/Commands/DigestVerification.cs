using DetectionKit.Cli.Hosting;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Integrity;
using DetectionKit.Engine.Sources.S3;

namespace DetectionKit.Cli.Commands;

/// <summary>What <c>verify</c> and <c>run --verify-digests</c> share: the public keys file, and verifying each trail location with its own client.</summary>
internal static class DigestVerification
{
    /// <summary>The keys of every file, or null after printing what is wrong with one (a usage error).</summary>
    public static PublicKeySet? LoadKeys(CliContext context, IReadOnlyList<string> paths)
    {
        if (paths.FirstOrDefault(p => !File.Exists(p)) is { } absent)
        {
            context.Error.WriteLine($"{absent}: error {DiagnosticCodes.PublicKeysInvalid}: the public keys file does not exist; write it with: aws cloudtrail list-public-keys --region REGION --start-time ... --end-time ... > {absent}");
            return null;
        }

        if (!PublicKeySet.TryLoad(paths, out var keys, out var error))
        {
            var path = paths.FirstOrDefault(p => error.StartsWith($"{p}: ", StringComparison.Ordinal));
            context.Error.WriteLine(path is null ? $"error {DiagnosticCodes.PublicKeysInvalid}: {error}" : $"{path}: error {DiagnosticCodes.PublicKeysInvalid}: {error[(path.Length + 2)..]}");
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
