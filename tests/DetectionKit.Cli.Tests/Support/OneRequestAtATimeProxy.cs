using System.Net;
using System.Net.Sockets;

namespace DetectionKit.Cli.Tests.Support;

/// <summary>
/// A loopback HTTP proxy in front of moto_server that forwards one request at a time, for the DynamoDB
/// requests of worker processes. moto 5.2 runs TransactWriteItems by copying the whole table and putting
/// the copy back when the transaction is cancelled, undoing what other requests wrote meanwhile, where
/// DynamoDB's transactions are atomic; one request at a time gives moto that atomicity across processes.
/// The processes still interleave their reads and transactions as they would on DynamoDB.
/// </summary>
internal sealed class OneRequestAtATimeProxy : IDisposable
{
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase) { "Host", "Content-Length", "Connection", "Transfer-Encoding", "Expect" };
    private readonly HttpListener listener = new();
    private readonly HttpClient client = new(new SocketsHttpHandler { UseProxy = false });
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Uri target;
    private readonly Task serving;

    public OneRequestAtATimeProxy(Uri target)
    {
        this.target = target;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(Endpoint.ToString());
        listener.Start();
        serving = ServeAsync();
    }

    public Uri Endpoint { get; }

    public void Dispose()
    {
        listener.Close();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener's closing ends the loop with an exception.
        }

        client.Dispose();
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = ForwardAsync(context);
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(target, context.Request.Url!.PathAndQuery));
            request.Content = new ByteArrayContent(body.ToArray());
            foreach (var name in context.Request.Headers.AllKeys.OfType<string>().Where(n => !NotForwarded.Contains(n)))
            {
                var value = context.Request.Headers[name];
                if (!request.Headers.TryAddWithoutValidation(name, value))
                {
                    request.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }

            byte[] answer;
            HttpResponseMessage response;
            await gate.WaitAsync();
            try
            {
                response = await client.SendAsync(request);
                answer = await response.Content.ReadAsByteArrayAsync();
            }
            finally
            {
                gate.Release();
            }

            using (response)
            {
                context.Response.StatusCode = (int)response.StatusCode;
                foreach (var header in response.Headers.Concat(response.Content.Headers).Where(h => !NotForwarded.Contains(h.Key)))
                {
                    context.Response.Headers[header.Key] = string.Join(",", header.Value);
                }

                context.Response.ContentLength64 = answer.Length;
                await context.Response.OutputStream.WriteAsync(answer);
                context.Response.Close();
            }
        }
        catch (Exception ex) when (ex is HttpListenerException or HttpRequestException or IOException or ObjectDisposedException)
        {
            context.Response.Abort();
        }
    }
}
