using DetectionKit.Engine.Sources.S3;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Sources.S3;

public sealed class StreamingDayByDay
{
    private static readonly DateTimeOffset Day = DateTimeOffset.Parse("2024-08-01T00:00:00Z");

    [Test]
    public async Task EachDayIsListedAndItsObjectsFetchedBeforeTheNextDayIsListed()
    {
        using var bucket = new InMemoryBucket();
        var days = Enumerable.Range(0, 3).Select(d => Day.AddDays(d)).ToList();
        var keysByDay = days.Select(d => new[] { bucket.PutLog(d.AddHours(1)), bucket.PutLog(d.AddHours(2), region: "eu-west-1") }).ToList();
        var source = new S3EventSource(bucket, new S3SourceOptions { Location = InMemoryBucket.Location(), Since = Day, Until = Day.AddDays(3), Parallelism = 1 });

        var batches = await S3Read.AllAsync(source);

        Assert.That(batches.Select(b => b.SourceKey), Is.EqualTo(keysByDay.SelectMany(k => k)));
        var calls = bucket.Calls.ToList();
        for (var d = 0; d < days.Count - 1; d++)
        {
            var nextDay = $"/{days[d + 1]:yyyy/MM/dd}/";
            var firstListingOfNextDay = calls.FindIndex(c => c.StartsWith("list ", StringComparison.Ordinal) && c.Contains(nextDay, StringComparison.Ordinal));
            var lastFetchOfDay = keysByDay[d].Max(key => calls.IndexOf($"get {key}"));
            Assert.That(lastFetchOfDay, Is.LessThan(firstListingOfNextDay), $"day {d}: {string.Join("\n", calls)}");
        }
    }

    [Test]
    public async Task ADaysObjectsAreReadInDeliveryOrderThenKeyAcrossAccountsKindsAndRegions()
    {
        using var bucket = new InMemoryBucket();
        var late = bucket.PutLog(Day.AddHours(9), account: "111111111111", region: "us-east-1");
        var insight = bucket.PutLog(Day.AddHours(8), account: "222222222222", kind: "CloudTrail-Insight");
        var sameMinuteB = bucket.PutLog(Day.AddHours(7), account: "222222222222", region: "eu-west-1");
        var sameMinuteA = bucket.PutLog(Day.AddHours(7), account: "111111111111", region: "eu-west-1");

        var batches = await S3Read.AllAsync(bucket, Day, Day.AddDays(1));

        Assert.That(batches.Select(b => b.SourceKey), Is.EqualTo(new[] { sameMinuteA, sameMinuteB, insight, late }));
    }

    [Test]
    public async Task ProcessedKeysAreLookedUpOncePerListedPrefixNotPerKey()
    {
        using var bucket = new InMemoryBucket { PageSize = 2 };
        var keys = Enumerable.Range(0, 5).Select(i => bucket.PutLog(Day.AddHours(1).AddMinutes(5 * i))).ToList();
        var asked = new List<string>();
        var source = new S3EventSource(bucket, new S3SourceOptions
        {
            Location = InMemoryBucket.Location(),
            Since = Day,
            Until = Day.AddDays(1),
            ProcessedUnder = prefix =>
            {
                asked.Add(prefix);
                return new HashSet<string>(keys.Take(2), StringComparer.Ordinal);
            },
        });

        var batches = await S3Read.AllAsync(source);

        Assert.That(batches.Select(b => b.SourceKey), Is.EqualTo(keys.Skip(2)));
        Assert.That(asked, Is.EqualTo(new[] { $"AWSLogs/{Some.AccountId}/CloudTrail/us-east-1/2024/08/01/" }));
        Assert.That(source.Counters.AlreadyProcessed, Is.EqualTo(2));
    }

    [Test]
    public async Task AKeyWithAnImpossibleTimeIsCountedAsAnotherObjectAndTheListingGoesOn()
    {
        using var bucket = new InMemoryBucket();
        bucket.Put($"AWSLogs/{Some.AccountId}/CloudTrail/us-east-1/2024/08/01/{Some.AccountId}_CloudTrail_us-east-1_20240801T2460Z_abc.json.gz", Gzip.Compress("{}"));
        var wanted = bucket.PutLog(Day.AddHours(1));
        var source = new S3EventSource(bucket, new S3SourceOptions { Location = InMemoryBucket.Location(), Since = Day, Until = Day.AddDays(1) });

        var batches = await S3Read.AllAsync(source);

        Assert.That(batches.Select(b => b.SourceKey), Is.EqualTo(new[] { wanted }));
        Assert.That(source.Counters.OtherObjects, Is.EqualTo(1));
    }
}
