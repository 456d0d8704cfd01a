using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace DetectionKit.Engine.Tests.Support;

/// <summary>
/// A real loopback TCP endpoint that fails the way a network does, for requests a test diverts to it
/// (see <see cref="RecordedS3Client.Divert"/>): a silent one accepts connections and never answers, so
/// the client's own timeout fires; a resetting one reads the request and drops the connection with a
/// reset. It answers nothing: the failure is the real HTTP stack's under the real AWS SDK client.
/// </summary>
internal sealed class BrokenEndpoint : IDisposable
{
    /// <summary>A loopback address where nothing listens: connecting is refused.</summary>
    public static readonly Uri Refusing = new("http://127.0.0.1:1");

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentBag<TcpClient> held = [];
    private readonly bool reset;

    private BrokenEndpoint(bool reset)
    {
        this.reset = reset;
        listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        _ = AcceptAsync();
    }

    public Uri Address { get; }

    /// <summary>Accepts and never answers.</summary>
    public static BrokenEndpoint Silent() => new(reset: false);

    /// <summary>Reads the request, then resets the connection.</summary>
    public static BrokenEndpoint Resetting() => new(reset: true);

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        foreach (var client in held)
        {
            client.Dispose();
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            held.Add(client);
            if (reset)
            {
                _ = DropAsync(client);
            }
        }
    }

    private async Task DropAsync(TcpClient client)
    {
        try
        {
            // Some of the request, then the reset: the client is mid-exchange when the connection drops.
            _ = await client.GetStream().ReadAsync(new byte[16 * 1024], stop.Token);
            client.Client.LingerState = new LingerOption(true, 0);
            client.Close();
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
    }
}
