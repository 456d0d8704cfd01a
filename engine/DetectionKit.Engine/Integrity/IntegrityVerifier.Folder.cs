using System.Globalization;
using DetectionKit.Engine.Sources.S3;

namespace DetectionKit.Engine.Integrity;

public sealed partial class IntegrityVerifier
{
    /// <summary>
    /// One account and region: its digests and their chains, the log files they list, and the log files
    /// delivered in the range that they should list.
    /// </summary>
    private sealed class FolderVerification(IntegrityVerifier verifier, IntegrityTally tally, string accountFolder, string region)
    {
        /// <summary>Log file names carry the minute they were delivered, not the second: one delivered in a digest's last minute may be listed by the next.</summary>
        private static readonly TimeSpan StampResolution = TimeSpan.FromMinutes(1);

        /// <summary>How long after a log file's delivery its digest may still be on its way.</summary>
        private static readonly TimeSpan DigestDue = TimeSpan.FromHours(2);

        private readonly S3SourceOptions options = verifier.options;
        private readonly string digestFolder = $"{accountFolder}CloudTrail-Digest/{region}/";
        private readonly string logFolder = $"{accountFolder}CloudTrail/{region}/";

        private string Bucket => options.Location.Bucket;

        private DateTimeOffset DigestsUntil => options.Until + DigestDelay;

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            List<string> digestKeys;
            List<string> logKeys;
            try
            {
                digestKeys = await verifier.ListAsync(digestFolder, options.Since, DigestsUntil, cancellationToken);
                logKeys = options.Until > options.Since ? await verifier.ListAsync(logFolder, options.Since, options.Until - TimeSpan.FromTicks(1), cancellationToken) : [];
            }
            catch (Exception ex) when (S3ObjectFetch.IsReadFailure(ex, cancellationToken))
            {
                tally.Add(IntegrityFindingKind.Unchecked, Uri(Bucket, accountFolder), $"not checked: cannot list the {region} folders: {S3ObjectFetch.Describe(ex)}");
                return;
            }

            var names = digestKeys.Select(DigestObjectKey.Parse).OfType<DigestObjectKey>()
                .Where(n => n.EndsAt >= options.Since && n.EndsAt <= DigestsUntil)
                .OrderBy(n => n.EndsAt).ThenBy(n => n.Key, StringComparer.Ordinal).ToList();
            var digests = new FetchedDigest[names.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, names.Count), Parallelism(cancellationToken), async (i, token) => digests[i] = await CheckDigestAsync(names[i], token));
            var byKey = digests.ToDictionary(d => d.Name.Key, StringComparer.Ordinal);
            foreach (var chain in digests.GroupBy(d => d.Name.Chain))
            {
                await CheckChainAsync(chain.ToList(), byKey, cancellationToken);
            }

            await CheckListedLogFilesAsync(digests, cancellationToken);
            CheckDeliveredLogFiles(logKeys, digests);
        }

        private static string Uri(string bucket, string key) => $"s3://{bucket}/{key}";

        private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        private ParallelOptions Parallelism(CancellationToken cancellationToken) =>
            new() { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken };

        private async Task<FetchedDigest> CheckDigestAsync(DigestObjectKey name, CancellationToken cancellationToken)
        {
            var uri = Uri(Bucket, name.Key);
            var read = await verifier.objects.GetDigestAsync(Bucket, name.Key, cancellationToken);
            if (read.Failure is not null || read.NotFound)
            {
                tally.Add(IntegrityFindingKind.Unchecked, uri, $"not checked: the digest cannot be fetched: {read.Failure ?? "it was deleted while the folder was being verified"}");
                tally.Digest(name.IsBackfill, isVerified: false);
                return new FetchedDigest(name, null, null, null, DigestCheck.Unchecked);
            }

            var signature = read.Metadata.GetValueOrDefault("x-amz-meta-signature");
            string why;
            if (read.Unreadable is { } unreadable)
            {
                why = unreadable;
            }
            else if (DigestReader.TryRead(read.Content, out var content, out why))
            {
                var check = CheckSignature(name, content, read, signature);
                tally.Digest(name.IsBackfill, check == DigestCheck.Verified);
                return new FetchedDigest(name, content, read.Sha256Hex, signature, check);
            }

            tally.Add(IntegrityFindingKind.DigestUnreadable, uri, $"unreadable digest: {why}; the log files it lists cannot be verified");
            tally.Digest(name.IsBackfill, isVerified: false);
            return new FetchedDigest(name, null, read.Sha256Hex, signature, DigestCheck.Unreadable);
        }

        private DigestCheck CheckSignature(DigestObjectKey name, DigestFile content, ObjectRead read, string? signature)
        {
            var uri = Uri(Bucket, name.Key);
            var moved = content.DigestS3Bucket != Bucket || content.DigestS3Object != name.Key;
            if (moved)
            {
                tally.Add(IntegrityFindingKind.DigestMoved, uri, $"moved digest: it says CloudTrail delivered it to {Uri(content.DigestS3Bucket, content.DigestS3Object)}; a digest vouches for nothing away from where it was delivered");
            }

            var algorithm = read.Metadata.GetValueOrDefault("x-amz-meta-signature-algorithm");
            if (string.IsNullOrEmpty(signature) || (algorithm is not null && algorithm != DigestSignature.Algorithm))
            {
                tally.Add(IntegrityFindingKind.DigestUnsigned, uri, string.IsNullOrEmpty(signature)
                    ? "unsigned digest: the object has no x-amz-meta-signature metadata (CloudTrail always writes one)"
                    : $"unsigned digest: its x-amz-meta-signature-algorithm is '{algorithm}', not {DigestSignature.Algorithm}");
                return DigestCheck.Unsigned;
            }

            // A backfill digest is signed when it is made, with the key of that time rather than of its hour.
            var signedAt = name.IsBackfill && read.Metadata.GetValueOrDefault("x-amz-meta-backfill-generation-timestamp") is { } generated
                && DateTimeOffset.TryParse(generated, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : content.EndsAt;
            if (verifier.keys.Find(content.DigestPublicKeyFingerprint, signedAt, out var why) is not { } key)
            {
                tally.Add(IntegrityFindingKind.DigestUnknownKey, uri, $"unknown signing key: {why}; get the keys of that time with aws cloudtrail list-public-keys --start-time {Time(signedAt.AddDays(-1))} --end-time {Time(signedAt.AddDays(1))}");
                return DigestCheck.UnknownKey;
            }

            if (!DigestSignature.Verify(key, DigestSignature.SigningString(content, read.Sha256Hex!), signature))
            {
                tally.Add(IntegrityFindingKind.DigestSignatureInvalid, uri, $"bad signature: it does not verify with key {key.Fingerprint}: the digest, or what it says of where it is or of its previous digest, changed after CloudTrail signed it");
                return DigestCheck.BadSignature;
            }

            return moved ? DigestCheck.Moved : DigestCheck.Verified;
        }

        /// <summary>The digests of one chain in delivery order: each link to its previous digest, and where the chain starts again.</summary>
        private async Task CheckChainAsync(IReadOnlyList<FetchedDigest> chain, IReadOnlyDictionary<string, FetchedDigest> byKey, CancellationToken cancellationToken)
        {
            FetchedDigest? earlier = null;
            foreach (var digest in chain)
            {
                if (digest.Content is { } content)
                {
                    if (content.HasPrevious)
                    {
                        await CheckLinkAsync(digest, content, byKey, cancellationToken);
                    }
                    else if (earlier is not null && !digest.Name.IsBackfill)
                    {
                        var after = earlier.Content is { } before ? $" after {earlier.Name.Name}, which ended at {before.DigestEndTime}" : $" after {earlier.Name.Name}";
                        tally.Add(IntegrityFindingKind.ChainGap, Uri(Bucket, digest.Name.Key), $"chain gap: it starts a new chain (no previous digest){after}: logging or log file validation was stopped until {content.DigestStartTime}, or the digests between were removed");
                    }
                }

                earlier = digest;
            }
        }

        private async Task CheckLinkAsync(FetchedDigest digest, DigestFile content, IReadOnlyDictionary<string, FetchedDigest> byKey, CancellationToken cancellationToken)
        {
            var uri = Uri(Bucket, digest.Name.Key);
            var previousBucket = content.PreviousDigestS3Bucket ?? Bucket;
            var previousKey = content.PreviousDigestS3Object!;
            var previousUri = Uri(previousBucket, previousKey);
            var missing = $"missing digest: {digest.Name.Name} names it as its previous digest (the hour ending {content.DigestStartTime}), but it is not in the bucket; the log files it listed cannot be verified";
            var previous = previousBucket == Bucket ? byKey.GetValueOrDefault(previousKey) : null;
            if (previous is null)
            {
                var name = DigestObjectKey.Parse(previousKey);
                if (previousBucket == Bucket && previousKey.StartsWith(digestFolder, StringComparison.Ordinal) && name is not null && name.EndsAt >= options.Since && name.EndsAt <= DigestsUntil)
                {
                    // Listed with the rest of the range, and not there.
                    tally.Add(IntegrityFindingKind.PreviousDigestMissing, previousUri, missing);
                    return;
                }

                // Before the range: fetched only to check the link.
                var read = await verifier.objects.GetDigestAsync(previousBucket, previousKey, cancellationToken);
                if (read.NotFound)
                {
                    tally.Add(IntegrityFindingKind.PreviousDigestMissing, previousUri, missing);
                    return;
                }

                if (read.Failure is not null)
                {
                    tally.Add(IntegrityFindingKind.Unchecked, uri, $"not checked: its previous digest {previousUri} cannot be fetched: {read.Failure}");
                    return;
                }

                var parsed = read.Content is { } bytes && DigestReader.TryRead(bytes, out var before, out _) ? before : null;
                previous = new FetchedDigest(name ?? new DigestObjectKey(previousKey, string.Empty, false, default), parsed, read.Sha256Hex, read.Metadata.GetValueOrDefault("x-amz-meta-signature"), DigestCheck.LinkOnly);
            }

            if (!string.Equals(previous.Sha256Hex, content.PreviousDigestHashValue, StringComparison.OrdinalIgnoreCase))
            {
                tally.Add(IntegrityFindingKind.PreviousDigestMismatch, uri, $"chain broken: its previousDigestHashValue is {content.PreviousDigestHashValue ?? "null"}, but its previous digest {previous.Name.Name} hashes to {previous.Sha256Hex}: one of the two was replaced");
            }

            if (!string.Equals(previous.Signature, content.PreviousDigestSignature, StringComparison.OrdinalIgnoreCase))
            {
                tally.Add(IntegrityFindingKind.PreviousDigestMismatch, uri, $"chain broken: its previousDigestSignature is not the signature of its previous digest {previous.Name.Name}: one of the two was re-signed or replaced");
            }

            if (!digest.Name.IsBackfill && previous.Content is { } earlier && content.StartsAt > earlier.EndsAt)
            {
                tally.Add(IntegrityFindingKind.ChainGap, uri, $"chain gap: it starts at {content.DigestStartTime}, but its previous digest {previous.Name.Name} ended at {earlier.DigestEndTime}: no digest covers the time between");
            }
        }

        /// <summary>Every log file a readable digest lists, hashed once and compared with each listing of it.</summary>
        private async Task CheckListedLogFilesAsync(IReadOnlyList<FetchedDigest> digests, CancellationToken cancellationToken)
        {
            var listed = digests.Where(d => d.Content is not null)
                .SelectMany(d => d.Content!.LogFiles.Select(file => (File: file, Digest: d)))
                .GroupBy(x => (x.File.S3Bucket, x.File.S3Object))
                .ToList();
            await Parallel.ForEachAsync(listed, Parallelism(cancellationToken), async (listings, token) =>
            {
                var (bucket, key) = listings.Key;
                var uri = Uri(bucket, key);
                var first = listings.First();
                var read = await verifier.objects.HashLogAsync(bucket, key, token);
                var verified = false;
                if (read.NotFound)
                {
                    tally.Add(IntegrityFindingKind.LogFileMissing, uri, $"missing: {first.Digest.Name.Name} lists it (delivered between {first.Digest.Content!.DigestStartTime} and {first.Digest.Content.DigestEndTime}), but it is not in the bucket");
                }
                else if (read.Failure is not null)
                {
                    tally.Add(IntegrityFindingKind.Unchecked, uri, $"not checked: the log file cannot be fetched: {read.Failure}");
                }
                else if (read.Unreadable is { } why)
                {
                    tally.Add(IntegrityFindingKind.LogFileChanged, uri, $"changed: its content cannot be read back as delivered ({why}); {first.Digest.Name.Name} lists SHA-256 {first.File.HashValue}");
                }
                else if (listings.FirstOrDefault(x => !string.Equals(x.File.HashValue, read.Sha256Hex, StringComparison.OrdinalIgnoreCase)) is { File: not null } wrong)
                {
                    tally.Add(IntegrityFindingKind.LogFileChanged, uri, $"changed: the SHA-256 of its content is {read.Sha256Hex}, but {wrong.Digest.Name.Name} lists {wrong.File.HashValue}");
                }
                else
                {
                    verified = listings.Any(x => x.Digest.Check == DigestCheck.Verified);
                }

                tally.LogFile(verified);
            });
        }

        /// <summary>
        /// The log files delivered in the range that no digest lists: added when an hour a digest covers
        /// holds them, not yet digested when newer than every digest and recent, not covered otherwise.
        /// </summary>
        private void CheckDeliveredLogFiles(IReadOnlyList<string> logKeys, IReadOnlyList<FetchedDigest> digests)
        {
            var listed = digests.Where(d => d.Content is not null).SelectMany(d => d.Content!.LogFiles)
                .Where(f => f.S3Bucket == Bucket).Select(f => f.S3Object).ToHashSet(StringComparer.Ordinal);
            var hours = digests.Where(d => d.Content is not null && !d.Name.IsBackfill).OrderBy(d => d.Content!.StartsAt).ToList();
            var covered = Merge(hours.Select(d => (d.Content!.StartsAt, d.Content.EndsAt)));
            var now = verifier.clock.GetUtcNow();
            var notCovered = new List<(string Key, DateTimeOffset At)>();
            var pending = 0;
            var delivered = logKeys.Select(k => (Key: k, Parsed: CloudTrailObjectKey.Parse(k)))
                .Where(x => x.Parsed is { Kind: "CloudTrail" } p && p.DeliveredAt >= options.Since && p.DeliveredAt < options.Until && !listed.Contains(x.Key))
                .OrderBy(x => x.Parsed!.DeliveredAt).ThenBy(x => x.Key, StringComparer.Ordinal);
            foreach (var (key, parsed) in delivered)
            {
                var at = parsed!.DeliveredAt;
                if (covered.Any(c => at >= c.Start && at < c.End - StampResolution))
                {
                    var hour = hours.LastOrDefault(d => d.Content!.StartsAt <= at && at < d.Content.EndsAt);
                    var whose = hour is null ? "the digests of its hour do not list it" : $"{hour.Name.Name}, whose hour ({hour.Content!.DigestStartTime} to {hour.Content.DigestEndTime}) holds it, does not list it";
                    tally.Add(IntegrityFindingKind.LogFileAdded, Uri(Bucket, key), $"added: delivered at {Time(at)}, but {whose}: CloudTrail did not deliver this file");
                }
                else if ((covered.Count == 0 || at >= covered[^1].End - StampResolution) && now - at < DigestDue)
                {
                    pending++;
                }
                else
                {
                    notCovered.Add((key, at));
                }
            }

            tally.NotYetDigested(pending);
            if (notCovered.Count > 0)
            {
                var first = notCovered[0];
                tally.NotCovered(notCovered.Count, Uri(Bucket, logFolder), $"not covered: {notCovered.Count} log file{(notCovered.Count == 1 ? string.Empty : "s")} delivered between {Time(first.At)} and {Time(notCovered[^1].At)} (the first {first.Key[(first.Key.LastIndexOf('/') + 1)..]}) fall in hours no digest covers: the digests that would list them are not there, so they cannot be verified");
            }
        }

        private static List<(DateTimeOffset Start, DateTimeOffset End)> Merge(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> intervals)
        {
            var merged = new List<(DateTimeOffset Start, DateTimeOffset End)>();
            foreach (var (start, end) in intervals.OrderBy(i => i.Start))
            {
                if (merged.Count > 0 && start <= merged[^1].End)
                {
                    merged[^1] = (merged[^1].Start, end > merged[^1].End ? end : merged[^1].End);
                }
                else
                {
                    merged.Add((start, end));
                }
            }

            return merged;
        }
    }
}
