using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DetectionKit.Cli.Tests.Support;

/// <summary>
/// A real <c>moto_server</c> (S3, KMS, ...) on a free loopback port, started for the tests and
/// stopped with them. The AWS SDK reaches it through the standard environment variables, as a user's
/// CLI would reach any S3-compatible endpoint.
/// </summary>
public sealed class MotoServer : IDisposable
{
    private readonly Process process;

    private MotoServer(Process process, Uri endpoint)
    {
        this.process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static MotoServer Start()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("moto_server", ["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("moto_server is not on PATH; install it with 'pip install \"moto[server]\"' (the S3 tests need a real S3 endpoint)", ex);
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MotoServer(process, new Uri($"http://127.0.0.1:{port}"));
        server.WaitUntilReady();
        return server;
    }

    /// <summary>Points the AWS SDK of this process (and of child processes it starts) at the server.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["AWS_SESSION_TOKEN"] = "testing",
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ENDPOINT_URL"] = Endpoint.ToString().TrimEnd('/'),
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    public void Dispose()
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }

    private void WaitUntilReady()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with code {process.ExitCode}");
            }

            try
            {
                using var response = client.GetAsync(new Uri(Endpoint, "/moto-api/")).GetAwaiter().GetResult();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            Thread.Sleep(100);
        }

        throw new TimeoutException($"moto_server did not answer on {Endpoint} within 30 s");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
