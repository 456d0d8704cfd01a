using DetectionKit.Engine.Sources;
using DetectionKit.Engine.Sources.S3;

namespace DetectionKit.Engine.Running;

/// <summary>
/// Locations a pass reads, as one source: files, directories and <c>-</c> (stdin) first, then
/// <c>s3://BUCKET[/PREFIX]</c> trail buckets. Owns the S3 clients it opens.
/// </summary>
public sealed class RunSources : IDisposable
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

    /// <param name="locations">Paths, <c>-</c>, and S3 locations.</param>
    /// <param name="bucketOptions">What to read from a bucket location: time range, accounts, regions.</param>
    /// <param name="endpointUrl">An S3-compatible endpoint, or null for AWS.</param>
    /// <param name="openStandardInput">Opens stdin for <c>-</c>.</param>
    /// <param name="error">Why a location is not usable, when null is returned.</param>
    /// <param name="limits">How much one file or stdin may make the pass read and hold (buckets take theirs from their options).</param>
    public static RunSources? Open(IReadOnlyList<string> locations, Func<S3Uri, S3SourceOptions> bucketOptions, string? endpointUrl, Func<Stream> openStandardInput, out string error, ReadLimits? limits = null)
    {
        error = string.Empty;
        var files = new List<string>();
        var buckets = new List<S3Uri>();
        foreach (var location in locations)
        {
            if (S3Uri.TryParse(location, out var uri))
            {
                buckets.Add(uri);
            }
            else if (S3Uri.IsS3(location))
            {
                error = $"'{location}' is not an S3 location; use s3://BUCKET[/PREFIX]";
                return null;
            }
            else
            {
                files.Add(location);
            }
        }

        var sources = new List<S3EventSource>();
        var clients = new List<IDisposable>();
        foreach (var bucket in buckets)
        {
            var client = S3ClientFactory.Create(endpointUrl);
            clients.Add(client);
            sources.Add(new S3EventSource(client, bucketOptions(bucket)));
        }

        return new RunSources(new FileEventSource(files, openStandardInput, limits), sources, clients);
    }

    public void Dispose()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
