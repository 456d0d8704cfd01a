using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.Sources.S3;
using DetectionKit.Engine.State;

namespace DetectionKit.Benchmarks;

/// <summary>
/// Fills a bucket on a local moto_server with N gzipped CloudTrail objects and reads them back
/// through the S3 source and the shipped rules: objects/s, events/s and the peak working set, which
/// should stay flat as N grows (bounded parallelism, one object parsed at a time per slot).
/// </summary>
internal static class S3Benchmark
{
    public static async Task RunAsync(string rulesDirectory, string fixturesDirectory, int objects, int eventsPerObject)
    {
        var port = FreePort();
        using var moto = Process.Start(new ProcessStartInfo("moto_server", ["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        moto.OutputDataReceived += (_, _) => { };
        moto.ErrorDataReceived += (_, _) => { };
        moto.BeginOutputReadLine();
        moto.BeginErrorReadLine();
        try
        {
            var endpoint = $"http://127.0.0.1:{port}";
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "bench");
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "bench");
            Environment.SetEnvironmentVariable("AWS_REGION", "us-east-1");
            await WaitForAsync(endpoint);
            using var s3 = S3ClientFactory.Create(endpoint);
            await s3.PutBucketAsync("bench-trail");
            var body = Body(fixturesDirectory, eventsPerObject);
            var start = DateTimeOffset.Parse("2024-08-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
            var upload = Stopwatch.StartNew();
            for (var i = 0; i < objects; i++)
            {
                var at = start.AddMinutes(5 * i);
                var key = $"AWSLogs/o-bench/111122223333/CloudTrail/us-east-1/{at:yyyy/MM/dd}/111122223333_CloudTrail_us-east-1_{at:yyyyMMdd'T'HHmm'Z'}_{i:D6}.json.gz";
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = "bench-trail", Key = key, InputStream = new MemoryStream(body) });
            }

            upload.Stop();
            var loaded = RuleSetBuilder.Build(rulesDirectory);
            using var state = SqliteAlertStateStore.InMemory();
            var source = new S3EventSource(s3, new S3SourceOptions { Location = new S3Uri("bench-trail", string.Empty), Since = start, Until = start.AddMinutes(5 * objects) });
            var before = Process.GetCurrentProcess().PeakWorkingSet64;
            var read = Stopwatch.StartNew();
            var summary = await new DetectionRunner(loaded.RuleSet, state).RunAsync(source);
            read.Stop();
            var megabytes = (double)body.Length * objects / (1024 * 1024);
            Console.WriteLine($"s3: {objects} objects x {eventsPerObject} events ({megabytes:F1} MiB gzipped) uploaded in {upload.ElapsedMilliseconds} ms");
            Console.WriteLine($"s3: read {source.Counters.Downloaded} objects, {summary.EventsRead} events, {summary.Matches} matches in {read.ElapsedMilliseconds} ms: {summary.EventsRead / read.Elapsed.TotalSeconds:N0} events/s, {source.Counters.Downloaded / read.Elapsed.TotalSeconds:F1} objects/s, {source.Counters.Listings} listings");
            Console.WriteLine($"s3: peak working set {before / (1024 * 1024)} MiB before the run, {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB after");
        }
        finally
        {
            moto.Kill(entireProcessTree: true);
        }
    }

    private static byte[] Body(string fixturesDirectory, int count)
    {
        var templates = Directory.GetFiles(Path.Combine(fixturesDirectory, "stratus-red-team"), "*.json")
            .SelectMany(f => JsonNode.Parse(File.ReadAllText(f))!.AsArray().Select(r => r!.DeepClone().AsObject()))
            .ToList();
        var records = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var record = templates[i % templates.Count].DeepClone().AsObject();
            record["eventID"] = Guid.NewGuid().ToString();
            records.Add(record);
        }

        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(new JsonObject { ["Records"] = records }.ToJsonString()));
        }

        return buffer.ToArray();
    }

    private static async Task WaitForAsync(string endpoint)
    {
        using var client = new HttpClient();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(endpoint + "/moto-api/"));
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("moto_server did not start");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
