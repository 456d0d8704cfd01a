using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Calls;

/// <summary>Amazon CloudWatch (event source <c>monitoring.amazonaws.com</c>): alarms and dashboards.</summary>
internal static class CloudWatchCalls
{
    public static ApiCall DescribeAlarms(CallContext c) => ApiCall.Read("monitoring", "DescribeAlarms", new() { ["maxRecords"] = 100 });

    public static ApiCall DescribeAlarmHistory(CallContext c, string alarm) =>
        ApiCall.Read("monitoring", "DescribeAlarmHistory", new() { ["alarmName"] = alarm, ["historyItemType"] = "StateUpdate", ["maxRecords"] = 50 });

    public static ApiCall ListDashboards(CallContext c) => ApiCall.Read("monitoring", "ListDashboards");

    public static ApiCall GetDashboard(CallContext c, string name) => ApiCall.Read("monitoring", "GetDashboard", new() { ["dashboardName"] = name });

    public static ApiCall PutMetricAlarm(CallContext c, string alarm, string metric, string service) => ApiCall.Write("monitoring", "PutMetricAlarm", new()
    {
        ["alarmName"] = alarm,
        ["alarmActions"] = new JsonArray($"arn:aws:sns:{c.Region}:{c.Account.Id}:oncall-{c.Account.Environment}"),
        ["metricName"] = metric,
        ["namespace"] = "AWS/ECS",
        ["statistic"] = "Average",
        ["dimensions"] = new JsonArray(
            new JsonObject { ["name"] = "ClusterName", ["value"] = c.Account.Cluster },
            new JsonObject { ["name"] = "ServiceName", ["value"] = service }),
        ["period"] = 300,
        ["evaluationPeriods"] = 3,
        ["threshold"] = 80,
        ["comparisonOperator"] = "GreaterThanThreshold",
        ["treatMissingData"] = "notBreaching",
    });
}
