using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace DetectionKit.Engine.Tests.Support;

/// <summary>
/// A real <see cref="AmazonS3Client"/> talking to a real server, with every request it sends written
/// down (<see cref="RequestRecorder"/>), so tests assert the calls the S3 source made as the server saw
/// them. It does not retry: a failure reaches the source as the SDK reports it after its last attempt.
/// </summary>
internal sealed class RecordedS3Client : IDisposable
{
    private readonly RequestRecorder recorder;
    private readonly AmazonS3Client client;

    public RecordedS3Client(Uri endpoint, int? pageSize = null, TimeSpan? timeout = null, Profile? profile = null)
    {
        recorder = new RequestRecorder(pageSize);
        var config = new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
            HttpClientFactory = new Factory(recorder),
        };
        if (timeout is { } limit)
        {
            config.Timeout = limit;
        }

        if (profile is not null)
        {
            config.Profile = profile;
            client = new AmazonS3Client(config);
        }
        else
        {
            client = new AmazonS3Client(new BasicAWSCredentials("testing", "testing"), config);
        }
    }

    public IAmazonS3 Client => client;

    /// <summary><c>list PREFIX</c>, <c>folders PREFIX</c> and <c>get KEY</c>, in the order they were sent.</summary>
    public IReadOnlyList<string> Calls => recorder.Calls;

    public IEnumerable<string> Listings => Calls.Where(c => !c.StartsWith("get ", StringComparison.Ordinal));

    /// <summary>Called with each call as it is sent.</summary>
    public Action<string>? Sending
    {
        get => recorder.Sending;
        set => recorder.Sending = value;
    }

    /// <summary>Sends the calls <paramref name="when"/> picks to <paramref name="to"/> (a <see cref="BrokenEndpoint"/>) instead of the server.</summary>
    public void Divert(Func<string, bool> when, Uri to) => recorder.Divert(when, to);

    public void Dispose()
    {
        client.Dispose();
        recorder.Dispose();
    }

    /// <summary>One HttpClient over the recorder for this client alone (the SDK's cache would share it between clients).</summary>
    private sealed class Factory(RequestRecorder recorder) : HttpClientFactory
    {
        private HttpClient? http;

        public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
            http ??= new HttpClient(recorder, disposeHandler: false) { Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(100) };

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }
}
