using DetectionKit.Engine.Sources.S3;
using DetectionKit.Engine.Tests.Support;

namespace DetectionKit.Engine.Tests.Sources.S3;

/// <summary>
/// An organisation trail of thousands of accounts holds millions of keys a day; a day with more keys
/// than one listing may hold is listed again an hour at a time, so what is held is bounded by the
/// busiest hour. The limit is made small here so that a few objects stand for a large organisation.
/// </summary>
public sealed class ListingALargeOrganisation
{
    private static readonly DateTimeOffset Day = DateTimeOffset.Parse("2024-08-01T00:00:00Z");
    private static readonly string[] Accounts = ["111111111111", "222222222222", "333333333333"];

    [Test]
    public async Task ADayOverTheListingLimitIsReadHourByHourEveryObjectOnceInDeliveryOrder()
    {
        using var bucket = await MotoBucket.CreateAsync(Moto.Server);
        var expected = await PutOrganisationDayAsync(bucket, hours: [1, 2, 5]);
        var source = Source(bucket, Day, Day.AddDays(1), maxListed: 4);

        var batches = await S3Read.AllAsync(source);

        Assert.That(batches.Select(b => b.SourceKey), Is.EqualTo(expected), "each object once, in delivery then key order");
        Assert.That(source.Counters.DaysListedHourly, Is.EqualTo(1));
        Assert.That(source.Counters.LogObjects, Is.EqualTo(expected.Count), "the listing given up for hours is not counted");
        Assert.That(source.Counters.MostKeysHeld, Is.EqualTo(Accounts.Length), "one hour of the three accounts at a time");
        var hourly = bucket.Reader.Listings.Where(l => l.Contains("_CloudTrail_us-east-1_20240801T", StringComparison.Ordinal)).ToList();
        Assert.That(hourly, Has.Count.EqualTo(24 * Accounts.Length), "one listing per folder and hour");
        Assert.That(hourly, Does.Contain($"list AWSLogs/o-abc123/{Accounts[0]}/CloudTrail/us-east-1/2024/08/01/{Accounts[0]}_CloudTrail_us-east-1_20240801T05"));
    }

    [Test]
    public async Task OnlyTheHoursInRangeAreListed()
    {
        using var bucket = await MotoBucket.CreateAsync(Moto.Server);
        var all = await PutOrganisationDayAsync(bucket, hours: [1, 9, 10, 10.5, 11]);
        var source = Source(bucket, Day.AddHours(9).AddMinutes(30), Day.AddHours(11), maxListed: 4);

        var batches = await S3Read.AllAsync(source);

        // Objects stamped 9:00 are before the range; those at 10:00 and 10:30 are in it; 11:00 is the (open) end.
        Assert.That(batches.Select(b => b.SourceKey), Is.EqualTo(all.Where(k => k.Contains("T1000Z", StringComparison.Ordinal) || k.Contains("T1030Z", StringComparison.Ordinal))));
        Assert.That(source.Counters.DaysListedHourly, Is.EqualTo(1), "six keys in range, four may be held");
        var hours = bucket.Reader.Listings.Where(l => l.Contains("_20240801T", StringComparison.Ordinal)).Select(l => l[^2..]).Distinct();
        Assert.That(hours, Is.EqualTo(new[] { "09", "10" }));
        Assert.That(source.Counters.OutOfRange, Is.EqualTo(Accounts.Length), "the 9:00 objects, listed with their hour");
    }

    [Test]
    public async Task ADayUnderTheLimitIsListedWhole()
    {
        using var bucket = await MotoBucket.CreateAsync(Moto.Server);
        var expected = await PutOrganisationDayAsync(bucket, hours: [1, 2]);
        var source = Source(bucket, Day, Day.AddDays(1), maxListed: 100);

        var batches = await S3Read.AllAsync(source);

        Assert.That(batches.Select(b => b.SourceKey), Is.EqualTo(expected));
        Assert.That(source.Counters.DaysListedHourly, Is.Zero);
        Assert.That(source.Counters.MostKeysHeld, Is.EqualTo(expected.Count), "the whole day, under the limit");
        Assert.That(bucket.Reader.Listings.Where(l => l.Contains("_20240801T", StringComparison.Ordinal)), Is.Empty);
    }

    /// <summary>One object per account at each hour, in the order the source should read them.</summary>
    private static async Task<IReadOnlyList<string>> PutOrganisationDayAsync(MotoBucket bucket, double[] hours)
    {
        var keys = new List<string>();
        foreach (var hour in hours)
        {
            foreach (var account in Accounts)
            {
                keys.Add(await bucket.PutLogAsync(Day.AddHours(hour), account: account, organizationId: "o-abc123"));
            }
        }

        return keys;
    }

    private static S3EventSource Source(MotoBucket bucket, DateTimeOffset since, DateTimeOffset until, int maxListed) =>
        new(bucket.Reader.Client, new S3SourceOptions { Location = bucket.Location(), Since = since, Until = until, Accounts = Accounts, Regions = ["us-east-1"], MaxListedObjects = maxListed, Parallelism = 1 });
}
