using DetectionKit.Engine.Tests.Support;

namespace DetectionKit.Engine.Tests.Sources.S3;

public sealed class ReadingATimeRange
{
    private static readonly DateTimeOffset Day = DateTimeOffset.Parse("2024-08-01T00:00:00Z");

    [Test]
    public async Task ConsecutiveWindowsReadAnObjectStampedAtTheirBoundaryOnce()
    {
        using var bucket = await MotoBucket.CreateAsync(Moto.Server);
        var before = await bucket.PutLogAsync(Day.AddHours(10).AddMinutes(55));
        var boundary = await bucket.PutLogAsync(Day.AddHours(11));
        var after = await bucket.PutLogAsync(Day.AddHours(11).AddMinutes(5));

        var first = await S3Read.AllAsync(bucket, Day.AddHours(10), Day.AddHours(11));
        var second = await S3Read.AllAsync(bucket, Day.AddHours(11), Day.AddHours(12));

        Assert.That(first.Select(b => b.SourceKey), Is.EqualTo(new[] { before }));
        Assert.That(second.Select(b => b.SourceKey), Is.EqualTo(new[] { boundary, after }));
    }

    [Test]
    public async Task AnObjectOnTheDayBeforeSinceIsNotReadAndThatDayIsNotListed()
    {
        using var bucket = await MotoBucket.CreateAsync(Moto.Server);
        await bucket.PutLogAsync(Day.AddMinutes(-5));
        var wanted = await bucket.PutLogAsync(Day.AddMinutes(5));

        var batches = await S3Read.AllAsync(bucket, Day, Day.AddHours(1));

        Assert.That(batches.Select(b => b.SourceKey), Is.EqualTo(new[] { wanted }));
        Assert.That(bucket.Reader.Listings, Has.Some.Contains("/2024/08/01/"));
        Assert.That(bucket.Reader.Listings, Has.None.Contains("/2024/07/31/"));
    }

    [Test]
    public async Task ARangeEndingAtMidnightDoesNotListTheNextDay()
    {
        using var bucket = await MotoBucket.CreateAsync(Moto.Server);
        var wanted = await bucket.PutLogAsync(Day.AddHours(23).AddMinutes(55));
        await bucket.PutLogAsync(Day.AddDays(1));

        var batches = await S3Read.AllAsync(bucket, Day, Day.AddDays(1));

        Assert.That(batches.Select(b => b.SourceKey), Is.EqualTo(new[] { wanted }));
        Assert.That(bucket.Reader.Listings, Has.Some.Contains("/2024/08/01/"));
        Assert.That(bucket.Reader.Listings, Has.None.Contains("/2024/08/02/"));
    }

    [Test]
    public async Task AnEmptyRangeListsNoDay()
    {
        using var bucket = await MotoBucket.CreateAsync(Moto.Server);
        await bucket.PutLogAsync(Day);

        var batches = await S3Read.AllAsync(bucket, Day, Day);

        Assert.That(batches, Is.Empty);
        Assert.That(bucket.Reader.Listings, Is.Not.Empty, "the folders are planned");
        Assert.That(bucket.Reader.Listings, Has.None.Contains("/2024/"));
    }
}
