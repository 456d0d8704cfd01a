bool Rule(CloudTrailEvent e) =>
    !e.IsAwsServiceCall && string.Equals(e.RequestParameter("attribute"), "userData", StringComparison.OrdinalIgnoreCase);

// Denied reads: an identity probing for secrets in boot scripts it was never meant to see.
AlertSeverity Severity(CloudTrailEvent e) => e.IsSuccess ? AlertSeverity.Low : AlertSeverity.Medium;

string Title(CloudTrailEvent e) => e.IsSuccess
    ? $"User data of {e.RequestParameter("instanceId")} read by {e.ActorName}"
    : $"User data of {e.RequestParameter("instanceId")} requested by {e.ActorName} and denied ({e.ErrorCode})";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.UserIdentity.Arn}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    instanceId = e.RequestParameter("instanceId"),
    succeeded = e.IsSuccess,
    error = e.ErrorCode,
});
