using System.Globalization;
using System.Text.Json.Nodes;
using Cronos;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Loading;
using DetectionKit.Engine.Sources.S3;

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

        if (Schema.Value.ReadValid(path, diagnostics) is not { Root: JsonObject root } document)
        {
            return null;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var errors = diagnostics.Count;
        var settings = SettingsPath(root, string.Empty, directory, document.Positions, diagnostics);
        var jobs = new List<JobConfig>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var items = root["jobs"]!.AsArray();
        for (var index = 0; index < items.Count; index++)
        {
            var job = items[index]!.AsObject();
            var at = $"/jobs/{index}";
            var name = job["name"]!.GetValue<string>();
            if (!names.Add(name))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, document.Positions.Find(at + "/name"), $"job name '{name}' is used twice; checkpoints are kept per job, so names are unique"));
            }

            CronExpression? cron = null;
            try
            {
                cron = CronExpression.Parse(job["cron"]!.GetValue<string>());
            }
            catch (CronFormatException ex)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, document.Positions.Find(at + "/cron"), $"cron: {ex.Message} (five fields: minute hour day-of-month month day-of-week, in UTC)"));
            }

            if (cron?.GetNextOccurrence(DateTimeOffset.UtcNow, TimeZoneInfo.Utc) is null && cron is not null)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, document.Positions.Find(at + "/cron"), $"cron '{job["cron"]}' never fires"));
                cron = null;
            }

            var lookback = TimeSpan.FromHours(2);
            if (job["lookback"]?.GetValue<string>() is { } lookbackText && !TimeExpression.TryParseDuration(lookbackText, out lookback))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, document.Positions.Find(at + "/lookback"), $"lookback '{lookbackText}' is not a duration such as 90m or 2h"));
            }
            else if (lookback < MinimumLookback)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, document.Positions.Find(at + "/lookback"), $"lookback {lookback.TotalMinutes:0}m is shorter than CloudTrail's delivery delay (up to {MinimumLookback.TotalMinutes:0}m): late files would be missed"));
            }

            var source = job["source"]!.AsObject();
            S3Uri.TryParse(source["url"]!.GetValue<string>(), out var uri);
            if (!CloudTrailLocation.TryParse(uri, out _, out var locationError))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, document.Positions.Find(at + "/source/url"), $"source url {locationError}"));
            }

            var outputItems = job["outputs"]!.AsArray();
            for (var o = 0; o < outputItems.Count; o++)
            {
                if (outputItems[o]?["url"]?.GetValue<string>() is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, document.Positions.Find($"{at}/outputs/{o}/url"), $"'{url}' is not a valid URL"));
                }

                if (outputItems[o]?["secretEnv"]?.GetValue<string>() is { } secret && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(secret)))
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, document.Positions.Find($"{at}/outputs/{o}/secretEnv"), $"the webhook secret variable {secret} is not set; export it before starting the scheduler"));
                }
            }

            if (diagnostics.Count > errors)
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
                Name = name,
                Packs = Strings(job["packs"]),
                PacksLocation = document.Positions.Find(job.ContainsKey("packs") ? at + "/packs" : at + "/name"),
                Source = uri,
                Accounts = Strings(source["accounts"]),
                Regions = Strings(source["regions"]),
                EndpointUrl = source["endpointUrl"]?.GetValue<string>(),
                Parallelism = source["parallelism"]?.GetValue<long>() is { } p ? (int)p : 8,
                Cron = cron,
                Lookback = lookback,
                Outputs = outputs,
                SettingsPath = SettingsPath(job, at, directory, document.Positions, diagnostics) ?? settings,
                DeadLetterPath = job["deadLetter"]?.GetValue<string>() is { } deadLetter ? Path.GetFullPath(Path.Combine(directory, deadLetter)) : null,
            });
        }

        if (diagnostics.Count > errors)
        {
            return null;
        }

        var state = Path.GetFullPath(Path.Combine(directory, root["state"]!.GetValue<string>()));
        var rules = Path.GetFullPath(Path.Combine(directory, root["rules"]?.GetValue<string>() ?? "rules"));
        return new ScheduleConfig(state, rules, jobs) { SettingsPath = settings };
    }

    /// <summary>A <c>settings</c> file named at the pointer, relative to the schedule file; null when none is named or it does not exist (reported).</summary>
    private static string? SettingsPath(JsonObject owner, string pointer, string directory, PositionMap positions, ICollection<Diagnostic> diagnostics)
    {
        if (owner["settings"]?.GetValue<string>() is not { } written)
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
        var resolved = path is null or "-" ? path : Path.GetFullPath(Path.Combine(directory, path));
        return new OutputConfig
        {
            Type = type,
            Name = output["name"]?.GetValue<string>() ?? $"{type}:{path ?? url}",
            Path = resolved,
            Url = url is null ? null : new Uri(url),
            SecretEnv = output["secretEnv"]?.GetValue<string>(),
            MaxRetries = output["maxRetries"]?.GetValue<long>() is { } retries ? (int)retries : 4,
            RetryDelay = Seconds(output["retryDelaySeconds"]) ?? TimeSpan.FromSeconds(1),
            Timeout = Seconds(output["timeoutSeconds"]) ?? TimeSpan.FromSeconds(10),
        };
    }

    private static TimeSpan? Seconds(JsonNode? node) =>
        node is null ? null : TimeSpan.FromSeconds(double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture));

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(item => item!.GetValue<string>()).ToList() : [];
}
