using System.Net;
using System.Net.Sockets;

namespace DetectionKit.Tests.Shared;

/// <summary>
/// A real HTTP endpoint on loopback that records what it accepts; it can refuse (with a status) the
/// next N requests, or everything until told to recover, and stall on the requests that carry a
/// given alert id (answering only once disposed). Requests are served side by side.
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task loop;
    private int refuseNext;
    private readonly CancellationTokenSource closing = new();
    private volatile bool refuseAll;
    private volatile IReadOnlySet<string> stallOn = new HashSet<string>();

    public WebhookReceiver()
    {
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/alerts/");
        listener.Prefixes.Add(Url.ToString());
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public HttpStatusCode RefusalStatus { get; set; } = HttpStatusCode.ServiceUnavailable;

    public List<(string Body, IReadOnlyDictionary<string, string> Headers)> Accepted { get; } = [];

    public int Requests { get; private set; }

    /// <summary>Alert ids of every request received, in order (stalled ones included).</summary>
    public List<string> Received { get; } = [];

    /// <summary>Requests for these alert ids get no answer until the receiver is disposed; none when empty.</summary>
    public void StallOn(params string[] alertIds) => stallOn = alertIds.ToHashSet(StringComparer.Ordinal);

    public void RefuseNext(int count) => Interlocked.Exchange(ref refuseNext, count);

    public void RefuseAll() => refuseAll = true;

    public void Recover()
    {
        refuseAll = false;
        Interlocked.Exchange(ref refuseNext, 0);
    }

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        closing.Cancel();

        // Close alone: on Linux, Stop releases the port and a Close after it asks for the port again to
        // release it a second time, which fails when another test has taken the port meanwhile.
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        closing.Dispose();
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

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var alertId = context.Request.Headers["X-DetectionKit-Alert-Id"] ?? string.Empty;
            lock (Accepted)
            {
                Received.Add(alertId);
            }

            if (stallOn.Contains(alertId))
            {
                await Task.Delay(Timeout.Infinite, closing.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                context.Response.Abort();
                return;
            }

            lock (Accepted)
            {
                Requests++;
                if (refuseAll || Interlocked.Decrement(ref refuseNext) >= 0)
                {
                    context.Response.StatusCode = (int)RefusalStatus;
                }
                else
                {
                    Accepted.Add((body, context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase)));
                    context.Response.StatusCode = 204;
                }
            }

            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException or IOException)
        {
            // The client gave up or the receiver is closing.
        }
    }
}
