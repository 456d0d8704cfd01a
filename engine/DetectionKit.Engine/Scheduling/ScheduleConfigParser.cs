using System.Globalization;
using System.Text.Json.Nodes;
using Cronos;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Loading;
using DetectionKit.Engine.Sources.S3;
using DetectionKit.Engine.State.DynamoDb;

namespace DetectionKit.Engine.Scheduling;

/// <summary>Reads a schedule file, checked against <c>schedule.schema.json</c>; every problem is reported at its line.</summary>
public static class ScheduleConfigParser
{
    /// <summary>CloudTrail delivers log files up to about 15 minutes after the calls they record.</summary>
    public static TimeSpan MinimumLookback { get; } = TimeSpan.FromMinutes(15);

    private static readonly Lazy<SchemaValidator> Schema = new(() => SchemaValidator.FromResource("schedule.schema.json"));

    public static ScheduleConfig? Parse(string path, ICollection<Diagnostic> diagnostics)
    {
        if (!File.Exists(path))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, new SourceLocation(path), "the schedule file does not exist"));
            return null;
        }

        // The schema's problems and the ones only reading the values finds (a cron that does not parse,
        // a lookback too short, a secret variable not set) are all reported at once.
        var errors = diagnostics.Count;
        if (Schema.Value.Read(path, diagnostics, out var valid) is not { Root: JsonObject root } document)
        {
            return null;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var settings = SettingsPath(root, string.Empty, directory, document.Positions, diagnostics);
        if (JsonValues.Text(root["state"]) is { } stateLocation && DynamoDbStateLocation.IsDynamoDb(stateLocation) && !DynamoDbStateLocation.TryParse(stateLocation, out _, out var stateError))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.StateLocationInvalid, document.Positions.Find("/state"), $"state {stateError}"));
        }

        var jobs = new List<JobConfig>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var items = JsonValues.Array(root["jobs"]) ?? [];
        for (var index = 0; index < items.Count; index++)
        {
            if (items[index] is not JsonObject job)
            {
                continue;
            }

            var at = $"/jobs/{index}";
            var name = JsonValues.Text(job["name"]);
            if (name is not null && !names.Add(name))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, document.Positions.Find(at + "/name"), $"job name '{name}' is used twice; checkpoints are kept per job, so names are unique"));
            }

            var cron = Cron(JsonValues.Text(job["cron"]), document.Positions.Find(at + "/cron"), diagnostics);
            var lookback = TimeSpan.FromHours(2);
            if (JsonValues.Text(job["lookback"]) is { } lookbackText && !TimeExpression.TryParseDuration(lookbackText, out lookback))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, document.Positions.Find(at + "/lookback"), $"lookback '{lookbackText}' is not a duration such as 90m or 2h"));
            }
            else if (lookback < MinimumLookback)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, document.Positions.Find(at + "/lookback"), $"lookback {lookback.TotalMinutes:0}m is shorter than CloudTrail's delivery delay (up to {MinimumLookback.TotalMinutes:0}m): late files would be missed"));
            }

            var source = JsonValues.Object(job["source"]);
            S3Uri? uri = null;
            if (JsonValues.Text(source?["url"]) is { } url)
            {
                S3Uri.TryParse(url, out uri);
                if (!CloudTrailLocation.TryParse(uri, out _, out var locationError))
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, document.Positions.Find(at + "/source/url"), $"source url {locationError}"));
                }
            }

            var outputItems = JsonValues.Array(job["outputs"]) ?? [];
            for (var o = 0; o < outputItems.Count; o++)
            {
                if (JsonValues.Text(outputItems[o]?["url"]) is { } webhook && !Uri.TryCreate(webhook, UriKind.Absolute, out _))
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, document.Positions.Find($"{at}/outputs/{o}/url"), $"'{webhook}' is not a valid URL"));
                }

                if (JsonValues.Text(outputItems[o]?["secretEnv"]) is { } secret && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(secret)))
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, document.Positions.Find($"{at}/outputs/{o}/secretEnv"), $"the webhook secret variable {secret} is not set; export it before starting the scheduler"));
                }
            }

            var jobSettings = SettingsPath(job, at, directory, document.Positions, diagnostics);
            if (!valid || diagnostics.Count > errors)
            {
                continue;
            }

            var outputs = outputItems.Select(o => Output(o!.AsObject(), directory)).ToList();
            foreach (var duplicate in outputs.GroupBy(o => o.Name).Where(g => g.Count() > 1))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, document.Positions.Find(at + "/outputs"), $"two outputs of job '{name}' are both named '{duplicate.Key}'; give them distinct names"));
            }

            if (cron is null)
            {
                continue;
            }

            jobs.Add(new JobConfig
            {
                Name = name!,
                Packs = JsonValues.Strings(job["packs"]),
                PacksLocation = document.Positions.Find(job.ContainsKey("packs") ? at + "/packs" : at + "/name"),
                Source = uri!,
                Accounts = JsonValues.Strings(source!["accounts"]),
                Regions = JsonValues.Strings(source["regions"]),
                EndpointUrl = JsonValues.Text(source["endpointUrl"]),
                Parallelism = source["parallelism"]?.GetValue<long>() is { } p ? (int)p : 8,
                Cron = cron,
                Lookback = lookback,
                Outputs = outputs,
                SettingsPath = jobSettings ?? settings,
                DeadLetterPath = JsonValues.Text(job["deadLetter"]) is { } deadLetter ? Path.GetFullPath(Path.Combine(directory, deadLetter)) : null,
            });
        }

        if (!valid || diagnostics.Count > errors)
        {
            return null;
        }

        // A DynamoDB table (dynamodb://TABLE, which the CLI checks when it opens it) is kept as written; a file is relative to the schedule.
        var stateText = root["state"]!.GetValue<string>();
        var state = DynamoDbStateLocation.IsDynamoDb(stateText) ? stateText : Path.GetFullPath(Path.Combine(directory, stateText));
        var rules = Path.GetFullPath(Path.Combine(directory, JsonValues.Text(root["rules"]) ?? "rules"));
        return new ScheduleConfig(state, rules, jobs) { SettingsPath = settings, RulesLocation = document.Positions.FindValue(root.ContainsKey("rules") ? "/rules" : string.Empty) };
    }

    /// <summary>The job's cron expression, or null when it does not parse or never fires (reported at its line).</summary>
    private static CronExpression? Cron(string? text, SourceLocation at, ICollection<Diagnostic> diagnostics)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            var cron = CronExpression.Parse(text);
            if (cron.GetNextOccurrence(DateTimeOffset.UtcNow, TimeZoneInfo.Utc) is null)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, at, $"cron '{text}' never fires"));
                return null;
            }

            return cron;
        }
        catch (CronFormatException ex)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, at, $"cron: {ex.Message} (five fields: minute hour day-of-month month day-of-week, in UTC)"));
            return null;
        }
    }

    /// <summary>A <c>settings</c> file named at the pointer, relative to the schedule file; null when none is named or it does not exist (reported).</summary>
    private static string? SettingsPath(JsonObject owner, string pointer, string directory, PositionMap positions, ICollection<Diagnostic> diagnostics)
    {
        if (JsonValues.Text(owner["settings"]) is not { } written)
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(directory, written));
        if (!File.Exists(full))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SettingsInvalid, positions.Find(pointer + "/settings"), $"the settings file {written} does not exist (paths are relative to the schedule file)"));
            return null;
        }

        return full;
    }

    private static OutputConfig Output(JsonObject output, string directory)
    {
        var type = output["type"]!.GetValue<string>();
        var path = output["path"]?.GetValue<string>();
        var url = output["url"]?.GetValue<string>();
        var queueUrl = output["queueUrl"]?.GetValue<string>();
        var resolved = path is null or "-" ? path : Path.GetFullPath(Path.Combine(directory, path));
        return new OutputConfig
        {
            Type = type,
            Name = output["name"]?.GetValue<string>() ?? $"{type}:{path ?? url ?? queueUrl}",
            Path = resolved,
            Url = url is null ? null : new Uri(url),
            SecretEnv = output["secretEnv"]?.GetValue<string>(),
            QueueUrl = queueUrl,
            MaxRetries = output["maxRetries"]?.GetValue<long>() is { } retries ? (int)retries : 4,
            RetryDelay = Seconds(output["retryDelaySeconds"]) ?? TimeSpan.FromSeconds(1),
            Timeout = Seconds(output["timeoutSeconds"]) ?? TimeSpan.FromSeconds(10),
        };
    }

    private static TimeSpan? Seconds(JsonNode? node) =>
        node is null ? null : TimeSpan.FromSeconds(double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture));
}
