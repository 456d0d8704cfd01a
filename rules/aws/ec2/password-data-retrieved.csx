// Denied calls count: probing for Windows passwords without permission is the compromised-identity case.
bool Rule(CloudTrailEvent e) => !e.IsAwsServiceCall;

// Fleet Manager fetches the password for the user who opens a remote desktop: the routine admin path, one step lower.
AlertSeverity Severity(CloudTrailEvent e) => AlertSeverity.Medium.LowerWhen(e.InvokedByService == "ssm.amazonaws.com");

string Title(CloudTrailEvent e) => e.IsSuccess
    ? $"Windows password data of {e.RequestParameter("instanceId")} retrieved by {e.ActorName}"
    : $"Windows password data of {e.RequestParameter("instanceId")} requested by {e.ActorName} and denied ({e.ErrorCode})";

// One alert per caller: attempts usually sweep many instances.
string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.UserIdentity.Arn}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    instanceId = e.RequestParameter("instanceId"),
    succeeded = e.IsSuccess,
    error = e.ErrorCode,
});
