#load "../../_lib/attempts.csx"
#load "../../_lib/dedup-keys.csx"
#load "../../_lib/deployments.csx"

// A failed deletion alerts low as an attempt. A dry run (DryRunOperation: the caller may delete them)
// deletes nothing; a deletion that follows it alerts.
bool Rule(CloudTrailEvent e) => !e.IsAwsServiceCall && e.ErrorCode != "Client.DryRunOperation";

// CloudFormation deploying or tearing down a stack for its caller makes this routine: one step lower.
AlertSeverity Severity(CloudTrailEvent e) => AttemptOr(e, AlertSeverity.Medium.LowerWhen(ByCloudFormation(e)));

// The request lists the ids as FlowLogId entries, one object or an array of them, each with the id
// in "content" (older records: flowLogIds.items[].flowLogId).
List<string> FlowLogs(CloudTrailEvent e)
{
    var ids = new List<string>();
    foreach (var path in new[] { "requestParameters.DeleteFlowLogsRequest.FlowLogId", "requestParameters.flowLogIds.items" })
    {
        var value = e.Element(path);
        var items = value is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray().ToList() : value is { } one ? [one] : [];
        foreach (var item in items)
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                ids.Add(item.GetString());
            }
            else if (item.ValueKind == JsonValueKind.Object && (item.TryGetProperty("content", out var id) || item.TryGetProperty("flowLogId", out id)))
            {
                ids.Add(id.ToString());
            }
        }
    }

    return ids;
}

string Title(CloudTrailEvent e) => e.IsSuccess
    ? $"VPC flow logs {string.Join(", ", FlowLogs(e))} deleted in {e.AwsRegion} by {e.ActorName}"
    : $"Failed attempt to delete VPC flow logs {string.Join(", ", FlowLogs(e))} in {e.AwsRegion} by {e.ActorName} ({FailureOf(e)})";

string Dedup(CloudTrailEvent e) => AttemptKey(e, RegionalKey(e, e.UserIdentity.Arn));

object AlertContext(CloudTrailEvent e) => e.StandardContext(new { flowLogIds = FlowLogs(e), error = e.ErrorCode });
