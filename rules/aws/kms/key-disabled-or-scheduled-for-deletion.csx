bool Rule(CloudTrailEvent e) => e.IsSuccess;

// The request may name the key by id, alias or ARN; the response and resources carry the key ARN.
string Key(CloudTrailEvent e) => e.ResponseElement("keyId") ?? e.Get("resources.0.ARN") ?? e.RequestParameter("keyId");

bool IsDeletion(CloudTrailEvent e) => e.EventName == "ScheduleKeyDeletion";

// Deletion is irreversible once the waiting period ends; a disabled key can be re-enabled.
string Severity(CloudTrailEvent e) => IsDeletion(e) ? "high" : "medium";

string Title(CloudTrailEvent e) => IsDeletion(e)
    ? $"KMS key {Key(e)} scheduled for deletion in {e.RequestParameter("pendingWindowInDays") ?? "30"} days by {e.ActorName}"
    : $"KMS key {Key(e)} disabled by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.EventName}:{Key(e)}";

object AlertContext(CloudTrailEvent e) => new
{
    key = Key(e),
    requestedAs = e.RequestParameter("keyId"),
    action = e.EventName,
    // The API's default waiting period is 30 days; 7 is the shortest allowed.
    pendingWindowInDays = IsDeletion(e) ? e.RequestParameter("pendingWindowInDays") ?? "30" : null,
    deletionDate = e.ResponseElement("deletionDate"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
