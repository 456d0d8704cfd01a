using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;

namespace DetectionKit.Tooling.Benchmarking;

/// <summary>
/// A <c>moto_server</c> (S3 and SQS in one Python process) on a free loopback port, for the worker phase:
/// the worker then talks to S3 and SQS over HTTP through the real AWS SDK, as it does in production, and the
/// server's own CPU time can be read to see whether it, not the worker, was the limit.
/// </summary>
internal sealed class LocalMoto : IDisposable
{
    private static readonly AWSCredentials Credentials = new BasicAWSCredentials("testing", "testing");
    private readonly Process process;

    private LocalMoto(Process process, string endpoint)
    {
        this.process = process;
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    /// <summary>CPU time the server has used so far, both cores counted.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <exception cref="InvalidOperationException">moto_server is not on PATH, or did not answer within 30 s.</exception>
    public static LocalMoto Start()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("moto_server", ["-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)])
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
            throw new InvalidOperationException("moto_server is not on PATH (pip install 'moto[server]')", ex);
        }

        // Its request log is not read; drained so the server never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var moto = new LocalMoto(process, $"http://127.0.0.1:{port}");
        try
        {
            moto.WaitUntilReady();
        }
        catch
        {
            moto.Dispose();
            throw;
        }

        return moto;
    }

    public AmazonS3Client S3() => new(Credentials, new AmazonS3Config { ServiceURL = Endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    public AmazonSQSClient Sqs() => new(Credentials, new AmazonSQSConfig { ServiceURL = Endpoint, AuthenticationRegion = "us-east-1" });

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
                using var response = client.GetAsync(new Uri($"{Endpoint}/moto-api/")).GetAwaiter().GetResult();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            Thread.Sleep(100);
        }

        throw new InvalidOperationException($"moto_server did not answer on {Endpoint} within 30 s");
    }
}
