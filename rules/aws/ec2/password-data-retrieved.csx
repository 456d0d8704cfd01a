// Denied calls count: probing for Windows passwords without permission is the compromised-identity case.
bool Rule(CloudTrailEvent e) => !e.IsAwsServiceCall;

// Fleet Manager fetches the password for the user who opens a remote desktop: the routine admin path, one step lower.
string Severity(CloudTrailEvent e) => e.InvokedByService == "ssm.amazonaws.com" ? "low" : "medium";

string Title(CloudTrailEvent e) => e.IsSuccess
    ? $"Windows password data of {e.RequestParameter("instanceId")} retrieved by {e.ActorName}"
    : $"Windows password data of {e.RequestParameter("instanceId")} requested by {e.ActorName} and denied ({e.ErrorCode})";

// One alert per caller: attempts usually sweep many instances.
string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.UserIdentity.Arn}";

object AlertContext(CloudTrailEvent e) => new
{
    instanceId = e.RequestParameter("instanceId"),
    succeeded = e.IsSuccess,
    error = e.ErrorCode,
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
