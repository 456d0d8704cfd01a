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
        using var bucket = await MotoBucket.CreateAsync(Moto.Server);
        var days = Enumerable.Range(0, 3).Select(d => Day.AddDays(d)).ToList();
        var keysByDay = new List<string[]>();
        foreach (var d in days)
        {
            keysByDay.Add([await bucket.PutLogAsync(d.AddHours(1)), await bucket.PutLogAsync(d.AddHours(2), region: "eu-west-1")]);
        }

        var source = new S3EventSource(bucket.Reader.Client, new S3SourceOptions { Location = bucket.Location(), Since = Day, Until = Day.AddDays(3), Parallelism = 1 });

        var batches = await S3Read.AllAsync(source);

        Assert.That(batches.Select(b => b.SourceKey), Is.EqualTo(keysByDay.SelectMany(k => k)));
        var calls = bucket.Reader.Calls.ToList();
        for (var d = 0; d < days.Count - 1; d++)
        {
            var nextDay = $"/{days[d + 1]:yyyy/MM/dd}/";
            var firstListingOfNextDay = calls.FindIndex(c => c.StartsWith("list ", StringComparison.Ordinal) && c.Contains(nextDay, StringComparison.Ordinal));
            var lastFetchOfDay = keysByDay[d].Max(key => calls.IndexOf($"get {key}"));
            Assert.That(firstListingOfNextDay, Is.GreaterThan(0), $"day {d + 1} is listed: {string.Join("\n", calls)}");
            Assert.That(lastFetchOfDay, Is.GreaterThan(0).And.LessThan(firstListingOfNextDay), $"day {d}: {string.Join("\n", calls)}");
        }
    }

    [Test]
    public async Task ADaysObjectsAreReadInDeliveryOrderThenKeyAcrossAccountsKindsAndRegions()
    {
        using var bucket = await MotoBucket.CreateAsync(Moto.Server);
        var late = await bucket.PutLogAsync(Day.AddHours(9), account: "111111111111", region: "us-east-1");
        var insight = await bucket.PutLogAsync(Day.AddHours(8), account: "222222222222", kind: "CloudTrail-Insight");
        var sameMinuteB = await bucket.PutLogAsync(Day.AddHours(7), account: "222222222222", region: "eu-west-1");
        var sameMinuteA = await bucket.PutLogAsync(Day.AddHours(7), account: "111111111111", region: "eu-west-1");

        var batches = await S3Read.AllAsync(bucket, Day, Day.AddDays(1));

        Assert.That(batches.Select(b => b.SourceKey), Is.EqualTo(new[] { sameMinuteA, sameMinuteB, insight, late }));
    }

    [Test]
    public async Task ProcessedKeysAreLookedUpOncePerListedPrefixNotPerKey()
    {
        using var bucket = await MotoBucket.CreateAsync(Moto.Server, pageSize: 2);
        var keys = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            keys.Add(await bucket.PutLogAsync(Day.AddHours(1).AddMinutes(5 * i)));
        }

        var asked = new List<string>();
        var source = new S3EventSource(bucket.Reader.Client, new S3SourceOptions
        {
            Location = bucket.Location(),
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
        var day = $"AWSLogs/{Some.AccountId}/CloudTrail/us-east-1/2024/08/01/";
        Assert.That(bucket.Reader.Listings.Count(l => l == $"list {day}"), Is.EqualTo(3), "five keys, two a page: the server answered three pages");
        Assert.That(asked, Is.EqualTo(new[] { day }));
        Assert.That(source.Counters.AlreadyProcessed, Is.EqualTo(2));
    }

    [Test]
    public async Task AKeyWithAnImpossibleTimeIsCountedAsAnotherObjectAndTheListingGoesOn()
    {
        using var bucket = await MotoBucket.CreateAsync(Moto.Server);
        await bucket.PutAsync($"AWSLogs/{Some.AccountId}/CloudTrail/us-east-1/2024/08/01/{Some.AccountId}_CloudTrail_us-east-1_20240801T2460Z_abc.json.gz", Gzip.Compress("{}"));
        var wanted = await bucket.PutLogAsync(Day.AddHours(1));
        var source = new S3EventSource(bucket.Reader.Client, new S3SourceOptions { Location = bucket.Location(), Since = Day, Until = Day.AddDays(1) });

        var batches = await S3Read.AllAsync(source);

        Assert.That(batches.Select(b => b.SourceKey), Is.EqualTo(new[] { wanted }));
        Assert.That(source.Counters.OtherObjects, Is.EqualTo(1));
    }
}
