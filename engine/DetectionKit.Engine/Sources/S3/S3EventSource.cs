using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Sources.S3;

/// <summary>
/// Reads CloudTrail log objects from a trail bucket as CloudTrail delivers them. The folders to read
/// are planned once (see <see cref="CloudTrailPrefixPlanner"/>); then the range is streamed one UTC
/// day at a time: the day's folders are listed, its objects filtered by the delivery time in their
/// names, sorted by that time then key, and downloaded with bounded parallelism before the next day is
/// listed. A day that holds more than <see cref="S3SourceOptions.MaxListedObjects"/> keys (an
/// organisation trail of many accounts) is listed an hour at a time instead. At most one listing's
/// keys and <c>Parallelism</c> objects (in flight, or parsed and waiting) are held, so memory stays
/// flat however long the range and however large the organisation.
/// </summary>
public sealed class S3EventSource : IEventSource
{
    private readonly IAmazonS3 client;
    private readonly S3SourceOptions options;
    private readonly List<string> quarantinedSeen = [];

    public S3EventSource(IAmazonS3 client, S3SourceOptions options)
    {
        this.client = client;
        this.options = options;
    }

    public S3SourceCounters Counters { get; } = new();

    /// <summary>
    /// When a listing failed: the earliest delivery time it left unlisted (the failed day's start, or
    /// <c>Since</c> when the folders could not be planned), so a caller knows how far the read covers;
    /// null while every listing succeeded.
    /// </summary>
    public DateTimeOffset? UnlistedFrom { get; private set; }

    /// <summary>Quarantined keys listed unchanged and passed over, for their entries' last-seen time.</summary>
    public IReadOnlyCollection<string> QuarantinedSeen => quarantinedSeen;

    public async IAsyncEnumerable<EventBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var origin = options.Location.ToString();
        if (!CloudTrailLocation.TryParse(options.Location, out var location, out var invalid))
        {
            yield return EventBatch.Failed(origin, Diagnostic.Error(DiagnosticCodes.InputUnreadable, new SourceLocation(origin), invalid));
            yield break;
        }

        CloudTrailPrefixPlanner.Plan? plan = null;
        Diagnostic? failure = null;
        try
        {
            plan = await new CloudTrailPrefixPlanner(client, options, Counters).PlanAsync(location, cancellationToken);
        }
        catch (Exception ex) when (IsReadFailure(ex, cancellationToken))
        {
            failure = ListingFailed(ex);
            UnlistedFrom = options.Since;
        }

        if (plan is null || plan.Warning is not null)
        {
            yield return failure is not null
                ? EventBatch.Failed(origin, failure)
                : EventBatch.Notice(origin, Diagnostic.Warning(DiagnosticCodes.NothingToRead, new SourceLocation(origin), plan?.Warning ?? string.Empty));
            yield break;
        }

        var inFlight = new Queue<Task<EventBatch>>();
        var daysListed = 0;
        try
        {
            foreach (var day in options.Days())
            {
                daysListed++;
                DateTime? hour = null;
                IEnumerator<DateTime>? hours = null;
                while (true)
                {
                    IReadOnlyList<CloudTrailObject>? objects = [];
                    try
                    {
                        objects = await ListAsync(plan.Folders, day, hour, cancellationToken);
                    }
                    catch (Exception ex) when (IsReadFailure(ex, cancellationToken))
                    {
                        failure = ListingFailed(ex);
                        var unlisted = new DateTimeOffset(hour ?? day, TimeSpan.Zero);
                        UnlistedFrom = unlisted < options.Since ? options.Since : unlisted;
                    }

                    if (failure is not null)
                    {
                        // The objects already fetched are good; one failure ends this location, not the run.
                        while (inFlight.Count > 0)
                        {
                            yield return await inFlight.Dequeue();
                        }

                        yield return EventBatch.Failed(origin, failure);
                        yield break;
                    }

                    if (objects is null)
                    {
                        // More keys than one listing may hold: the day again, an hour at a time.
                        Counters.ListedHourly();
                        hours = options.Hours(day).GetEnumerator();
                    }
                    else
                    {
                        foreach (var item in objects)
                        {
                            inFlight.Enqueue(DownloadAsync(item.Name, cancellationToken));
                            if (inFlight.Count >= Math.Max(1, options.Parallelism))
                            {
                                yield return await inFlight.Dequeue();
                            }
                        }
                    }

                    if (hours is null || !hours.MoveNext())
                    {
                        break;
                    }

                    hour = hours.Current;
                }
            }

            while (inFlight.Count > 0)
            {
                yield return await inFlight.Dequeue();
            }

            if (daysListed > 0 && NothingListed)
            {
                yield return EventBatch.Notice(origin, Diagnostic.Warning(DiagnosticCodes.NothingToRead, new SourceLocation(origin), NothingFoundMessage(plan.Folders)));
            }
        }
        finally
        {
            // Stopped early (cancelled, or the consumer stopped): release what was prefetched.
            while (inFlight.Count > 0)
            {
                try
                {
                    (await inFlight.Dequeue()).Dispose();
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }

    /// <summary>
    /// Lists the range as <see cref="ReadAsync"/> would, day by day (hour by hour for a day too large
    /// for one listing), and reads no object: how many log objects, and how many stored bytes, each
    /// region folder holds in range. A listing that fails ends the survey with its problem.
    /// </summary>
    public async Task<S3Survey> SurveyAsync(CancellationToken cancellationToken = default)
    {
        var origin = options.Location.ToString();
        if (!CloudTrailLocation.TryParse(options.Location, out var location, out var invalid))
        {
            return new S3Survey(origin, [], Diagnostic.Error(DiagnosticCodes.InputUnreadable, new SourceLocation(origin), invalid));
        }

        var folders = new Dictionary<string, (long Objects, long Bytes)>(StringComparer.Ordinal);
        try
        {
            var plan = await new CloudTrailPrefixPlanner(client, options, Counters).PlanAsync(location, cancellationToken);
            if (plan.Warning is not null)
            {
                return new S3Survey(origin, [], Diagnostic.Warning(DiagnosticCodes.NothingToRead, new SourceLocation(origin), plan.Warning));
            }

            foreach (var day in options.Days())
            {
                var objects = await ListAsync(plan.Folders, day, null, cancellationToken);
                IEnumerable<Task<IReadOnlyList<CloudTrailObject>?>> listings = objects is null ? options.Hours(day).Select(hour => ListAsync(plan.Folders, day, hour, cancellationToken)) : [Task.FromResult<IReadOnlyList<CloudTrailObject>?>(objects)];
                if (objects is null)
                {
                    Counters.ListedHourly();
                }

                foreach (var listing in listings)
                {
                    foreach (var item in await listing ?? [])
                    {
                        var (count, bytes) = folders.GetValueOrDefault(item.Folder);
                        folders[item.Folder] = (count + 1, bytes + item.Size);
                    }
                }
            }
        }
        catch (Exception ex) when (IsReadFailure(ex, cancellationToken))
        {
            return new S3Survey(origin, Sizes(folders), ListingFailed(ex));
        }

        return new S3Survey(origin, Sizes(folders), null);
    }

    private static List<S3FolderSize> Sizes(Dictionary<string, (long Objects, long Bytes)> folders) =>
        folders.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new S3FolderSize(f.Key, f.Value.Objects, f.Value.Bytes)).ToList();

    private bool NothingListed =>
        Counters.LogObjects + Counters.Digests + Counters.OtherObjects + Counters.AlreadyProcessed + Counters.Quarantined + Counters.OutOfRange == 0;

    /// <summary>Folders that hold nothing for the range: a region or account that is not there, or a quiet trail.</summary>
    private string NothingFoundMessage(IReadOnlyList<string> folders)
    {
        var named = folders.Count <= 3 ? string.Join(", ", folders) : $"{folders.Count} region folders ({folders[0]}, ...)";
        var asked = new List<string>();
        if (options.Accounts.Count > 0)
        {
            asked.Add($"--accounts {string.Join(",", options.Accounts)}");
        }

        if (options.Regions.Count > 0)
        {
            asked.Add($"--regions {string.Join(",", options.Regions)}");
        }

        var check = asked.Count > 0 ? $"; check {string.Join(" and ", asked)}" : string.Empty;
        return $"no objects at all under {named} between {options.Since:yyyy-MM-dd HH:mm}Z and {options.Until:yyyy-MM-dd HH:mm}Z{check}";
    }

    /// <summary>
    /// The objects in range and not yet processed under the folders, for one day or, when
    /// <paramref name="hour"/> is given, one hour of it; in delivery order then key order. Null when a
    /// whole day holds more keys than one listing may: nothing is counted then, and the day is listed
    /// again by the hour.
    /// </summary>
    private async Task<IReadOnlyList<CloudTrailObject>?> ListAsync(IReadOnlyList<string> folders, DateTime day, DateTime? hour, CancellationToken cancellationToken)
    {
        var found = new List<CloudTrailObject>();
        var tally = new ListingTally();
        foreach (var folder in folders)
        {
            var dayPrefix = $"{folder}{day:yyyy}/{day:MM}/{day:dd}/";
            var prefix = dayPrefix;
            if (hour is { } h)
            {
                // CloudTrail names an object after its folder and delivery time, so one hour is one prefix.
                // Digest names put the trail before the time: digests are counted on days listed whole.
                if (HourlyStem(folder) is not { } stem)
                {
                    continue;
                }

                prefix = $"{dayPrefix}{stem}{h:yyyyMMdd'T'HH}";
            }

            var candidates = new List<CloudTrailObject>();
            string? token = null;
            do
            {
                Counters.Listed();
                var response = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = options.Location.Bucket, Prefix = prefix, ContinuationToken = token }, cancellationToken);
                foreach (var item in response.S3Objects ?? [])
                {
                    if (tally.Classify(item.Key, options) is { } parsed)
                    {
                        candidates.Add(new CloudTrailObject(item.Key, parsed, item.ETag) { Folder = folder, Size = item.Size ?? 0 });
                    }
                }

                if (hour is null && found.Count + candidates.Count > options.MaxListedObjects)
                {
                    return null;
                }

                token = response.IsTruncated == true ? response.NextContinuationToken : null;
            }
            while (token is not null);

            // One checkpoint (and quarantine) lookup per listed prefix, not one per key.
            var processed = candidates.Count > 0 && options.ProcessedUnder is { } lookup ? lookup(dayPrefix) : null;
            var quarantined = candidates.Count > 0 && options.QuarantinedUnder is { } quarantine ? quarantine(dayPrefix) : null;
            foreach (var candidate in candidates)
            {
                if (processed?.Contains(candidate.Name) == true)
                {
                    tally.Processed++;
                }
                else if (quarantined is not null && quarantined.TryGetValue(candidate.Name, out var etag) && etag == candidate.ETag)
                {
                    tally.QuarantinedSeen.Add(candidate.Name);
                }
                else
                {
                    found.Add(candidate);
                }
            }
        }

        tally.AddTo(Counters, found.Count);
        quarantinedSeen.AddRange(tally.QuarantinedSeen);
        found.Sort((a, b) => a.Key.DeliveredAt != b.Key.DeliveredAt ? a.Key.DeliveredAt.CompareTo(b.Key.DeliveredAt) : string.CompareOrdinal(a.Name, b.Name));
        return found;
    }

    /// <summary>What CloudTrail's object names in a log or Insights folder start with (<c>ACCOUNT_KIND_REGION_</c>); null for a digest folder.</summary>
    private static string? HourlyStem(string folder)
    {
        var parts = folder.TrimEnd('/').Split('/');
        var (account, kind, region) = (parts[^3], parts[^2], parts[^1]);
        return CloudTrailLocation.ReadableKinds.Contains(kind) ? $"{account}_{kind}_{region}_" : null;
    }

    /// <summary>What one listing found, counted only once the listing is kept (a day given up for hours is not counted twice).</summary>
    private sealed class ListingTally
    {
        public long Digests { get; set; }

        public long Others { get; set; }

        public long OutOfRange { get; set; }

        public long Processed { get; set; }

        public List<string> QuarantinedSeen { get; } = [];

        /// <summary>A log or Insights object in range; digests, other objects and objects out of range are counted and passed over.</summary>
        public CloudTrailObjectKey? Classify(string key, S3SourceOptions options)
        {
            var parsed = CloudTrailObjectKey.Parse(key);
            if (parsed?.IsDigest == true || key.Contains("/CloudTrail-Digest/", StringComparison.Ordinal))
            {
                Digests++;
            }
            else if (parsed is null)
            {
                Others++;
            }
            else if (!options.Contains(parsed.DeliveredAt))
            {
                OutOfRange++;
            }
            else
            {
                return parsed;
            }

            return null;
        }

        public void AddTo(S3SourceCounters counters, int logObjects)
        {
            counters.Add(logObjects, Digests, Others, OutOfRange, Processed, QuarantinedSeen.Count);
            counters.Held(logObjects + Processed + QuarantinedSeen.Count);
        }
    }

    private async Task<EventBatch> DownloadAsync(string key, CancellationToken cancellationToken)
    {
        var batch = await S3ObjectFetch.FetchAsync(client, options.Location.Bucket, key, options.Limits, key, cancellationToken);
        if (batch.Failure is null)
        {
            Counters.Download();
        }

        return batch;
    }

    private Diagnostic ListingFailed(Exception ex) =>
        Diagnostic.Error(DiagnosticCodes.InputUnreadable, new SourceLocation(options.Location.ToString()), $"cannot list the bucket: {Describe(ex)}");

    private static bool IsReadFailure(Exception ex, CancellationToken cancellationToken) => S3ObjectFetch.IsReadFailure(ex, cancellationToken);

    private static string Describe(Exception ex) => S3ObjectFetch.Describe(ex);

    private sealed record CloudTrailObject(string Name, CloudTrailObjectKey Key, string? ETag)
    {
        /// <summary>The region folder it was listed under.</summary>
        public string Folder { get; init; } = string.Empty;

        /// <summary>Its stored (compressed) size as listed.</summary>
        public long Size { get; init; }
    }
}
