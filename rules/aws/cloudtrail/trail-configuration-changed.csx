#load "../../_lib/arns.csx"
#load "../../_lib/deployments.csx"
#load "../../_lib/request-fields.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// CreateTrail and UpdateTrail name the trail "name"; StartLogging and PutInsightSelectors
// "name" and "trailName" respectively, either as a name or an ARN.
string Trail(CloudTrailEvent e) => NameFromArn(e.RequestParameter("name") ?? e.RequestParameter("trailName") ?? "?");

// Where an UpdateTrail sends the logs from now on: UpdateTrail changes only what the request names,
// so a bucket or log group in the request is a new destination (or the same one restated; the
// record does not keep the previous value). Logs sent to a bucket the attacker controls, or away
// from the log group the alarms watch, leave the defenders' copy without new events.
List<string> NewDestinations(CloudTrailEvent e) =>
    e.EventName != "UpdateTrail"
        ? []
        : new[] { ("bucket", e.RequestParameter("s3BucketName")), ("log group", e.RequestParameter("cloudWatchLogsLogGroupArn")) }
            .Where(d => !string.IsNullOrEmpty(d.Item2))
            .Select(d => $"{d.Item1} {d.Item2}")
            .ToList();

// CloudFormation deploying a stack's trail makes the change routine: one step lower.
AlertSeverity Severity(CloudTrailEvent e) =>
    NewDestinations(e).Count > 0 && !ByCloudFormation(e) ? AlertSeverity.Medium : AlertSeverity.Low;

string Title(CloudTrailEvent e) => NewDestinations(e) is { Count: > 0 } destinations
    ? $"CloudTrail trail {Trail(e)} now delivers to {string.Join(" and ", destinations)} (UpdateTrail by {e.ActorName})"
    : $"CloudTrail {e.EventName} on trail {Trail(e)} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{Trail(e)}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    trail = Trail(e),
    action = e.EventName,
    newDestinations = NewDestinations(e),
    requestParameters = RequestFields(e,
        "name", "trailName", "s3BucketName", "s3KeyPrefix", "cloudWatchLogsLogGroupArn", "cloudWatchLogsRoleArn", "kmsKeyId",
        "snsTopicName", "isMultiRegionTrail", "isOrganizationTrail", "includeGlobalServiceEvents", "enableLogFileValidation", "insightSelectors"),
});
