using DetectionKit.Cli.Options;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.Sources.S3;

namespace DetectionKit.Cli.Commands;

/// <summary>The <c>--source</c> values of <c>run</c> as one event source: files and stdin first, then S3 locations.</summary>
internal sealed class RunSources : IDisposable
{
    private readonly IReadOnlyList<IDisposable> clients;

    private RunSources(FileEventSource files, IReadOnlyList<S3EventSource> buckets, IReadOnlyList<IDisposable> clients)
    {
        this.clients = clients;
        Files = files;
        Buckets = buckets;
        Source = new CompositeEventSource([files, .. buckets]);
    }

    public FileEventSource Files { get; }

    public IReadOnlyList<S3EventSource> Buckets { get; }

    public IEventSource Source { get; }

    /// <returns>The sources, or null with <paramref name="error"/> when a value is not usable.</returns>
    public static RunSources? Create(IReadOnlyList<string> values, S3Request s3, DateTimeOffset since, DateTimeOffset until, Func<Stream> openStandardInput, out string error)
    {
        error = string.Empty;
        var files = new List<string>();
        var locations = new List<S3Uri>();
        foreach (var value in values)
        {
            if (S3Uri.TryParse(value, out var uri))
            {
                locations.Add(uri);
            }
            else if (S3Uri.IsS3(value))
            {
                error = $"'{value}' is not an S3 location; use s3://BUCKET[/PREFIX]";
                return null;
            }
            else
            {
                files.Add(value);
            }
        }

        var buckets = new List<S3EventSource>();
        var clients = new List<IDisposable>();
        foreach (var location in locations)
        {
            var client = S3ClientFactory.Create(s3.EndpointUrl);
            clients.Add(client);
            buckets.Add(new S3EventSource(client, new S3SourceOptions
            {
                Location = location,
                Since = since,
                Until = until,
                Accounts = s3.Accounts,
                Regions = s3.Regions,
                Parallelism = s3.Parallelism,
            }));
        }

        return new RunSources(new FileEventSource(files, openStandardInput), buckets, clients);
    }

    /// <summary>The S3 part of the summary line; empty without S3 sources.</summary>
    public string S3Summary()
    {
        if (Buckets.Count == 0)
        {
            return string.Empty;
        }

        long Sum(Func<S3SourceCounters, long> pick) => Buckets.Sum(s => pick(s.Counters));
        return $"s3 objects read: {Sum(c => c.Downloaded)}, digests skipped: {Sum(c => c.Digests)}, other objects skipped: {Sum(c => c.OtherObjects)}, outside the time range: {Sum(c => c.OutOfRange)}, listings: {Sum(c => c.Listings)}, ";
    }

    public void Dispose()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
