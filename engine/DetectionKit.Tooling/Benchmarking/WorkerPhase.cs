using System.Diagnostics;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Queueing;
using DetectionKit.Engine.State;

namespace DetectionKit.Tooling.Benchmarking;

/// <summary>
/// One queue worker against a local moto_server: the captures replicated into objects of a bucket whose
/// notifications go to a queue, then a <see cref="QueueWorker"/> with the rules of the run reading the queue
/// until it is empty (SQLite state in a throwaway file, alerts to an output that drops them). Reports objects/s
/// and events/s, where the worker's time went (its <see cref="WorkerCounters"/> timers), the CPU the worker and
/// moto used, and the same objects read from files through the same pass, so the cost of S3 and SQS stands out.
/// </summary>
internal static class WorkerPhase
{
    private const string Bucket = "bench-trail";

    public static async Task<IEnumerable<BenchRow>> RunAsync(BenchRun run)
    {
        var options = run.Options;
        var fixtures = options.CapturesDirectory ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.RulesDirectory))!, "fixtures");
        var captures = Directory.Exists(fixtures) ? WorkerCorpus.ReadCaptures(fixtures) : [];
        if (captures.Count == 0)
        {
            run.Notes.Add($"worker: left out: no captures (JSON arrays of records) under {fixtures}");
            return [];
        }

        LocalMoto moto;
        try
        {
            run.Progress("worker: starting moto_server (S3, SQS)");
            moto = LocalMoto.Start();
        }
        catch (InvalidOperationException ex)
        {
            run.Notes.Add($"worker: left out: {ex.Message}");
            return [];
        }

        using (moto)
        using (var s3 = moto.S3())
        using (var sqs = moto.Sqs())
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = Bucket });
            var warmUp = await AnnouncedAsync(s3, sqs, "bench-warm-up", Enumerable.Range(0, BenchRun.WarmUpFiles).Select(i => WorkerCorpus.Object(captures, i, options.Seed + 1)));
            run.Progress($"worker: uploading {options.WorkerObjects:N0} objects of the captures under {fixtures}, each announced on the queue");
            var corpus = Enumerable.Range(0, options.WorkerObjects).Select(i => WorkerCorpus.Object(captures, i, options.Seed)).ToList();
            var queue = await AnnouncedAsync(s3, sqs, "bench-worker", corpus);
            var queued = int.Parse((await sqs.GetQueueAttributesAsync(queue, ["ApproximateNumberOfMessages"])).Attributes["ApproximateNumberOfMessages"], System.Globalization.CultureInfo.InvariantCulture);

            run.Progress("worker: a first worker over a few objects (warm-up), then the measured one");
            await WorkAsync(run, s3, sqs, warmUp);
            var workerCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var motoCpu = moto.ProcessorTime;
            var measured = await Measure.RunAsync(() => WorkAsync(run, s3, sqs, queue));
            workerCpu = Process.GetCurrentProcess().TotalProcessorTime - workerCpu;
            motoCpu = moto.ProcessorTime - motoCpu;

            var files = WriteFiles(Path.Combine(run.Work, "worker-objects"), corpus);
            run.Progress("worker: the same objects from files through the same pass");
            var fromFiles = await Measure.RunAsync(() => run.PipelineAsync(files, run.Cores));
            return Rows(run, corpus, queued, measured, fromFiles, workerCpu, motoCpu);
        }
    }

    private static List<BenchRow> Rows(BenchRun run, IReadOnlyList<WorkerObject> corpus, int queued, Measured<WorkerOutcome> measured, Measured<PipelineOutcome> fromFiles, TimeSpan workerCpu, TimeSpan motoCpu)
    {
        var counters = measured.Value.Counters;
        var events = corpus.Sum(o => (long)o.Events);
        var json = corpus.Sum(o => o.JsonBytes);
        if (counters.ObjectsRead != corpus.Count || counters.Events != events)
        {
            run.Notes.Add($"worker: read {counters.ObjectsRead:N0} objects and {counters.Events:N0} events of {corpus.Count:N0} and {events:N0} ({queued:N0} messages were queued)");
        }

        if (measured.Value.Problems > 0 || counters.Errors > 0)
        {
            run.Notes.Add($"worker: {measured.Value.Problems:N0} problems reported ({counters.Errors:N0} errors): the figures are not of a clean run");
        }

        var seconds = measured.Elapsed.TotalSeconds;
        var timers = new (string Name, TimeSpan Time)[]
        {
            ("receiving messages (SQS)", counters.ReceiveTime),
            ("reading objects from S3, parsing, evaluating, committing each", counters.ReadTime),
            ("checking the state, delivering alerts", counters.CommitTime),
            ("deleting messages (SQS)", counters.DeleteTime),
        };
        var largest = timers.MaxBy(t => t.Time);
        var objectsPerSecond = counters.ObjectsRead / seconds;
        run.Notes.Add(
            $"worker: {objectsPerSecond:N1} objects/s and {counters.Events / seconds:N0} events/s for one worker reading {run.Cores} objects at once; " +
            $"most of its time went to {largest.Name} ({Share(largest.Time, measured.Elapsed)}); CPU over the {seconds:N1} s: the worker's process {workerCpu.TotalSeconds:N1} s, " +
            $"moto_server {motoCpu.TotalSeconds:N1} s ({motoCpu.TotalSeconds / seconds:P0} of one core, which is about all one Python process serving S3 and SQS can use), of {run.Cores * seconds:N1} s the machine had");
        var rows = new List<BenchRow>
        {
            new(BenchPhase.Worker, $"worker: {corpus.Count:N0} objects announced on SQS, read from S3 (moto)")
            {
                Events = counters.Events, JsonBytes = json, Elapsed = measured.Elapsed, AllocatedBytes = measured.AllocatedBytes,
                Note = $"{objectsPerSecond:N1} objects/s; {counters.Messages:N0} messages, {counters.Alerts:N0} alerts",
            },
        };
        rows.AddRange(timers.Select(t => new BenchRow(BenchPhase.Worker, $"worker: {t.Name}") { Elapsed = t.Time, Note = $"{Share(t.Time, measured.Elapsed)} of the worker's time" }));
        rows.Add(new BenchRow(BenchPhase.Worker, "worker: the same objects from files, same pass")
        {
            Events = fromFiles.Value.Events, JsonBytes = json, Elapsed = fromFiles.Elapsed, AllocatedBytes = fromFiles.AllocatedBytes,
            Note = $"{fromFiles.Value.Parallelism} objects at once, no S3 or SQS; {corpus.Count / fromFiles.Elapsed.TotalSeconds:N1} objects/s",
        });
        return rows;
    }

    /// <summary>A queue fed by the bucket's notifications, and the objects uploaded to the bucket (S3 announces each); returns the queue's URL.</summary>
    private static async Task<string> AnnouncedAsync(AmazonS3Client s3, AmazonSQSClient sqs, string name, IEnumerable<WorkerObject> objects)
    {
        // Long enough that the worker never extends a message's visibility while reading.
        var queue = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name, Attributes = new() { ["VisibilityTimeout"] = "300" } })).QueueUrl;
        var arn = (await sqs.GetQueueAttributesAsync(queue, ["QueueArn"])).QueueARN;
        await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest
        {
            BucketName = Bucket,
            QueueConfigurations = [new QueueConfiguration { Queue = arn, Events = [EventType.ObjectCreatedAll] }],
        });
        foreach (var chunk in objects.Chunk(8))
        {
            await Task.WhenAll(chunk.Select(o => s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = o.Key, InputStream = new MemoryStream(o.Gzipped) })));
        }

        return queue;
    }

    private static async Task<WorkerOutcome> WorkAsync(BenchRun run, IAmazonS3 s3, IAmazonSQS sqs, string queue)
    {
        var statePath = Path.Combine(run.Work, $"worker-{Guid.NewGuid():N}.db");
        try
        {
            using var state = SqliteAlertStateStore.Open(statePath);
            var worker = new QueueWorker(sqs, s3, run.Rules, state, [new AlertOutput("bench:null", new NullAlertSink())], new QueueWorkerOptions
            {
                QueueUrl = queue,
                UntilEmpty = true,

                // A backlog: every receive finds messages, and the first empty one (moto answers at once) ends the run.
                WaitSeconds = 0,
                Parallelism = run.Cores,
            });
            await worker.RunAsync();
            return new WorkerOutcome(worker.Counters, worker.Problems.Count);
        }
        finally
        {
            foreach (var file in Directory.EnumerateFiles(run.Work, Path.GetFileName(statePath) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    private static List<string> WriteFiles(string directory, IReadOnlyList<WorkerObject> corpus)
    {
        var files = new List<string>();
        foreach (var item in corpus)
        {
            var path = Path.Combine([directory, .. item.Key.Split('/')]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, item.Gzipped);
            files.Add(path);
        }

        return files;
    }

    private static string Share(TimeSpan part, TimeSpan whole) => $"{part.TotalSeconds / whole.TotalSeconds:P0}";

    private sealed record WorkerOutcome(WorkerCounters Counters, int Problems);
}
