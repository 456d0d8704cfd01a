using System.Text.Json.Nodes;
using DetectionKit.Cli.Tests.Support;

namespace DetectionKit.Cli.Tests.S3;

/// <summary>A rules folder, a schedule file pointing at a moto bucket, and the state and output paths.</summary>
internal sealed class ScheduleWorkspace : IDisposable
{
    public const string Account = "444444444444";

    public ScheduleWorkspace(TrailBucket bucket)
    {
        Bucket = bucket;
        Rules = new RulesWorkspace();
    }

    public TrailBucket Bucket { get; }

    public RulesWorkspace Rules { get; }

    public string ConfigPath => Path.Combine(Rules.Root, "schedule.yml");

    public string StatePath => Path.Combine(Rules.Root, "state", "detectionkit.db");

    public string AlertsPath => Path.Combine(Rules.Root, "out", "alerts.jsonl");

    /// <summary>A rule on StopLogging whose dedup key is the account: every stop in an hour is one alert.</summary>
    public void AddStopRule(int threshold = 1, string dedup = "e.RecipientAccountId")
    {
        Rules.AddRule("aws/stop", $$"""
            id: test.stop
            title: Trail stopped
            severity: high
            threshold: {{threshold}}
            match: { eventSource: cloudtrail.amazonaws.com, eventName: StopLogging }
            tests:
              - { name: yes, expect: true, event: { eventSource: cloudtrail.amazonaws.com, eventName: StopLogging } }
              - { name: no, expect: false, event: { eventSource: cloudtrail.amazonaws.com, eventName: StopLogging, errorCode: AccessDenied } }
            """, $"bool Rule(CloudTrailEvent e) => e.IsSuccess;\nstring Dedup(CloudTrailEvent e) => {dedup};\n");
    }

    /// <summary>Writes the schedule file: one job over the bucket, the given outputs (YAML list items).</summary>
    public void WriteConfig(string outputs = "      - { type: jsonl, path: out/alerts.jsonl }", string extraSource = "", int parallelism = 4)
    {
        File.WriteAllText(ConfigPath, $"""
            state: state/detectionkit.db
            rules: rules
            jobs:
              - name: org-trail
                source:
                  url: s3://{Bucket.Name}
                  parallelism: {parallelism}
            {extraSource}
                cron: "*/5 * * * *"
                lookback: 3h
                outputs:
            {outputs}
            """);
    }

    public CliResult Once() => Shell.Run("schedule", "--config", ConfigPath, "--once");

    public IReadOnlyList<JsonObject> DeliveredAlerts() =>
        File.Exists(AlertsPath) ? File.ReadAllLines(AlertsPath).Select(l => JsonNode.Parse(l)!.AsObject()).ToList() : [];

    /// <summary>StopLogging records of one account, each with its own id, minutes apart from <paramref name="start"/>.</summary>
    public static JsonArray Stops(DateTimeOffset start, int count, string account = Account)
    {
        var template = TrailBucket.Capture("defense-evasion.cloudtrail-stop")[0]!;
        var records = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var record = template.DeepClone().AsObject();
            record["eventID"] = Guid.NewGuid().ToString();
            record["eventTime"] = start.AddMinutes(i).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
            record["recipientAccountId"] = account;
            records.Add(record);
        }

        return records;
    }

    public void Dispose() => Rules.Dispose();
}
