using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Calls;

/// <summary>Amazon CloudWatch Logs: stream creation by running code, searches by people.</summary>
internal static class LogsCalls
{
    public static ApiCall CreateLogStream(CallContext c, string group) => ApiCall.Write("logs", "CreateLogStream",
        new() { ["logGroupName"] = group, ["logStreamName"] = $"{c.Time.UtcDateTime:yyyy'/'MM'/'dd}/[$LATEST]{c.Random.Hex(32)}" });

    public static ApiCall CreateLogGroup(CallContext c, string group) => ApiCall.Write("logs", "CreateLogGroup", new() { ["logGroupName"] = group });

    public static ApiCall DeleteLogGroup(CallContext c, string group) => ApiCall.Write("logs", "DeleteLogGroup", new() { ["logGroupName"] = group });

    public static ApiCall PutRetentionPolicy(CallContext c, string group) =>
        ApiCall.Write("logs", "PutRetentionPolicy", new() { ["logGroupName"] = group, ["retentionInDays"] = 30 });

    public static ApiCall DescribeLogGroups(CallContext c, string prefix) => ApiCall.Read("logs", "DescribeLogGroups", new() { ["logGroupNamePrefix"] = prefix });

    public static ApiCall DescribeLogStreams(CallContext c, string group) =>
        ApiCall.Read("logs", "DescribeLogStreams", new() { ["logGroupName"] = group, ["orderBy"] = "LastEventTime", ["descending"] = true, ["limit"] = 50 });

    public static ApiCall FilterLogEvents(CallContext c, string group) => ApiCall.Read("logs", "FilterLogEvents", new()
    {
        ["logGroupName"] = group,
        ["startTime"] = c.Time.AddHours(-1).ToUnixTimeMilliseconds(),
        ["endTime"] = c.Time.ToUnixTimeMilliseconds(),
        ["filterPattern"] = "ERROR",
        ["interleaved"] = true,
    });

    public static ApiCall StartQuery(CallContext c, string group) => ApiCall.Read("logs", "StartQuery", new()
    {
        ["logGroupNames"] = new JsonArray(group),
        ["startTime"] = c.Time.AddHours(-3).ToUnixTimeSeconds(),
        ["endTime"] = c.Time.ToUnixTimeSeconds(),
        ["queryString"] = "fields @timestamp, @message | filter @message like /ERROR|WARN/ | sort @timestamp desc | limit 100",
    }) with
    { Response = new JsonObject { ["queryId"] = c.Random.Uuid() } };

    public static ApiCall GetQueryResults(CallContext c) => ApiCall.Read("logs", "GetQueryResults", new() { ["queryId"] = c.Random.Uuid() });
}
