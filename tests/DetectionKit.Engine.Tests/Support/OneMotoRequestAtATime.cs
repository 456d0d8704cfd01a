using Amazon.Runtime;

namespace DetectionKit.Engine.Tests.Support;

/// <summary>
/// The HTTP client of the tests' DynamoDB clients: their requests reach moto_server one at a time, from
/// however many threads and clients. moto 5.2 runs TransactWriteItems by copying the whole table first
/// and putting the copy back when the transaction is cancelled, which undoes what other requests wrote
/// meanwhile; DynamoDB's transactions are atomic. One request at a time gives moto that atomicity, while
/// the processes under test still interleave their reads and transactions as on DynamoDB (a window read
/// by two, committed by one, refused to the other).
/// </summary>
internal sealed class OneMotoRequestAtATime : HttpClientFactory
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new GateHandler());

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    private sealed class GateHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Gate.WaitAsync(cancellationToken);
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                return response;
            }
            finally
            {
                Gate.Release();
            }
        }
    }
}
