using System.CommandLine;
using DetectionKit.Cli.Hosting;
using DetectionKit.Cli.Options;
using DetectionKit.Cli.Reporting;
using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Aws;
using DetectionKit.Engine.Queueing;
using DetectionKit.Engine.Selection;
using DetectionKit.Engine.Sources.S3;

namespace DetectionKit.Cli.Commands;

/// <summary><c>worker --queue URL</c>: read the objects an SQS queue announces as they arrive, alerts as JSON Lines.</summary>
internal static class WorkerCommand
{
    public static Command Create(CliContext context)
    {
        var rules = CommonOptions.Rules();
        var queue = new Option<string>("--queue") { Description = "The SQS queue's URL: S3 event notifications (direct or through SNS), CloudTrail's SNS notifications or EventBridge Object Created events of the trail bucket.", HelpName = "URL", Required = true };
        var output = new Option<string?>("--out") { Description = "Append alerts to this file instead of writing them to stdout.", HelpName = "FILE" };
        var alertsQueue = new Option<string?>("--alerts-queue") { Description = "Also send each alert to this SQS queue (a FIFO queue deduplicates by alertId); alerts then go to stdout only with --out -.", HelpName = "URL" };
        var filters = new FilterOptions();
        var state = new Option<string?>("--state") { Description = "Keep alert windows and the objects read in this SQLite file, so a restarted worker neither repeats alerts nor reads an object twice; dynamodb://TABLE keeps them in a DynamoDB table that any number of workers share (detectionkit init --state dynamodb://TABLE creates it). Default: a temporary state, gone when the worker stops.", HelpName = "PATH" };
        var settings = CommonOptions.Settings("The organisation's settings (parameter values, overrides, suppressions, budget, input limits).");
        var untilEmpty = new Option<bool>("--until-empty") { Description = "Stop once the queue is empty instead of waiting for more messages (for a batch job)." };
        var endpoint = new Option<string?>("--endpoint-url") { Description = "An AWS-compatible endpoint for SQS, S3 and a dynamodb:// state. Also AWS_ENDPOINT_URL_SQS / AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL.", HelpName = "URL" };
        var parallelism = new Option<int?>("--parallelism") { Description = "Objects read at once. Default: the processor count." };
        var healthInterval = new Option<int>("--health-interval") { Description = "Seconds between the worker's health lines (progress, rates, lag, backlog, peers), each also recorded in the state for the other workers.", DefaultValueFactory = _ => 60, HelpName = "SECONDS" };
        healthInterval.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--health-interval must be at least 1 second");
            }
        });
        var deliveryClaim = new Option<int>("--delivery-claim") { Description = "Seconds a worker's claim on sending an alert holds: if the worker dies while sending, another worker of the same state sends the alert after that (with the same alertId).", DefaultValueFactory = _ => (int)DeliveryClaim.DefaultLength.TotalSeconds, HelpName = "SECONDS" };
        deliveryClaim.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--delivery-claim must be at least 1 second");
            }
        });
        var noCache = CacheOption.Create();
        var command = new Command("worker", "Read the objects an SQS queue announces as they arrive; a message is deleted once its objects are committed.")
        {
            rules, queue, output, alertsQueue, state, settings, untilEmpty, endpoint, parallelism, healthInterval, deliveryClaim, noCache,
        };
        filters.AddTo(command);
        command.SetAction((parse, cancel) => ExecuteAsync(
            context,
            new WorkerRequest(parse.GetValue(rules)!, parse.GetValue(queue)!, parse.GetValue(output), filters.Read(parse), parse.GetValue(state), parse.GetValue(settings), parse.GetValue(untilEmpty), parse.GetValue(endpoint), parse.GetValue(parallelism), parse.GetValue(noCache)) { AlertsQueue = parse.GetValue(alertsQueue), HealthInterval = TimeSpan.FromSeconds(parse.GetValue(healthInterval)), DeliveryClaim = TimeSpan.FromSeconds(parse.GetValue(deliveryClaim)) },
            cancel));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext context, WorkerRequest request, CancellationToken cancellationToken)
    {
        var formatter = new DiagnosticFormatter(DiagnosticStyle.Text);
        if (!Directory.Exists(request.Rules))
        {
            context.Error.WriteLine(CommonOptions.RulesDirectoryMissing(request.Rules));
            return ExitCodes.Usage;
        }

        if (!RunFiles.CheckStateLocation(context, request.State))
        {
            return ExitCodes.Usage;
        }

        if (!Uri.TryCreate(request.Queue, UriKind.Absolute, out var queueUri) || queueUri.Scheme is not ("https" or "http"))
        {
            context.Error.WriteLine($"error: --queue '{request.Queue}' is not a queue URL; use the URL 'aws sqs get-queue-url --queue-name NAME' prints, such as https://sqs.us-east-1.amazonaws.com/111122223333/trail-objects");
            return ExitCodes.Usage;
        }

        if (request.AlertsQueue is { } alerts && (!Uri.TryCreate(alerts, UriKind.Absolute, out var alertsUri) || alertsUri.Scheme is not ("https" or "http")))
        {
            context.Error.WriteLine($"error: --alerts-queue '{alerts}' is not a queue URL; use the URL 'aws sqs get-queue-url --queue-name NAME' prints");
            return ExitCodes.Usage;
        }

        var selector = context.LoadRules(request.Rules, request.Settings, CacheOption.Open(context, request.NoCache));
        if (selector.HasSettingsErrors)
        {
            selector.SettingsProblems.ToList().ForEach(d => context.Error.WriteLine(formatter.Format(d)));
            context.Error.WriteLine($"error: {request.Settings} has errors; nothing was run");
            return ExitCodes.Usage;
        }

        var packProblems = new List<Diagnostic>();
        var selection = selector.Select(request.Filter, packProblems);
        if (selection is null)
        {
            packProblems.ForEach(d => context.Error.WriteLine(formatter.Format(d)));
            return ExitCodes.Usage;
        }

        if (!request.Filter.IsEmpty && selection.SelectsNothing)
        {
            context.Error.WriteLine(FilterOptions.SelectsNothing(request.Rules, request.Filter));
            return ExitCodes.Usage;
        }

        foreach (var problem in selection.LoadProblems)
        {
            context.Error.WriteLine(formatter.Format(problem));
        }

        if (RunFiles.OpenState(context, request.State, request.EndpointUrl) is not { } state)
        {
            return ExitCodes.StateUnusable;
        }

        using var owned = state;
        if (RunFiles.OpenAlerts(context, request.Output is "-" ? null : request.Output, append: true) is not { } sink)
        {
            return ExitCodes.InputOutput;
        }

        await using var output = sink;
        await using var queueSink = request.AlertsQueue is { } alertsUrl ? new SqsAlertSink(SqsClientFactory.Create(request.EndpointUrl, alertsUrl), alertsUrl, ownsClient: true) : null;
        var outputs = new List<AlertOutput>();
        if (queueSink is null || request.Output is not null)
        {
            outputs.Add(new AlertOutput(request.Output is null or "-" ? "worker:stdout" : $"worker:{Path.GetFullPath(request.Output)}", sink));
        }

        if (queueSink is not null)
        {
            outputs.Add(new AlertOutput($"sqs:{request.AlertsQueue}", queueSink));
        }

        using var sqs = SqsClientFactory.Create(request.EndpointUrl, request.Queue);
        using var s3 = S3ClientFactory.Create(request.EndpointUrl);
        using var stop = new GracefulStop(context, cancellationToken);
        var worker = new QueueWorker(
            sqs,
            s3,
            selection.Rules,
            state,
            outputs,
            new QueueWorkerOptions
            {
                QueueUrl = request.Queue,
                UntilEmpty = request.UntilEmpty,

                // Until empty, a receive that waits 2 s for nothing says the queue is empty (long polling asks every SQS server).
                WaitSeconds = request.UntilEmpty ? 2 : 20,
                Parallelism = request.Parallelism,
                Limits = selection.ReadLimits,
                HealthInterval = request.HealthInterval,
                DeliveryClaim = request.DeliveryClaim,
            });
        context.Error.WriteLine($"worker {worker.WorkerId}: reading {request.Queue} with {selection.Rules.Rules.Count} rules (rule set {worker.RuleSetHash}){(request.UntilEmpty ? " until it is empty" : "; stop with Ctrl-C or SIGTERM")}");
        var reached = await StateFaults.NamingTheFile(request.State, () => worker.RunAsync(context.Error.WriteLine, stop.Token));
        context.Error.WriteLine($"worker {worker.WorkerId}, rule set {worker.RuleSetHash}: rules loaded: {selection.Rules.Rules.Count}, rules failed to load: {selection.FailedToLoad}, {worker.Counters}, workers on this state: {worker.Counters.Workers}, on other rules: {worker.Counters.WorkersOnOtherRules}");
        if (stop.Token.IsCancellationRequested)
        {
            context.Error.WriteLine("stopped: the messages in hand that were not read to their end were released to the queue");
            return request.UntilEmpty ? ExitCodes.Interrupted : ExitCodes.Success;
        }

        if (!reached)
        {
            return ExitCodes.Failures;
        }

        return worker.Problems.Any(p => p.IsError) || selection.FailedToLoad > 0 ? ExitCodes.Failures : ExitCodes.Success;
    }

    private sealed record WorkerRequest(string Rules, string Queue, string? Output, RuleFilter Filter, string? State, string? Settings, bool UntilEmpty, string? EndpointUrl, int? Parallelism, bool NoCache)
    {
        /// <summary>An SQS queue each alert is sent to as well (instead of stdout, unless <c>--out</c>).</summary>
        public string? AlertsQueue { get; init; }

        /// <summary>Time between health lines.</summary>
        public TimeSpan HealthInterval { get; init; } = TimeSpan.FromMinutes(1);

        /// <summary>How long a claim on sending an alert holds.</summary>
        public TimeSpan DeliveryClaim { get; init; } = Engine.Delivery.DeliveryClaim.DefaultLength;
    }
}
