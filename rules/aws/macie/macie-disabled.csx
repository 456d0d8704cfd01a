bool IsPause(CloudTrailEvent e) => e.EventName == "UpdateMacieSession";

bool Rule(CloudTrailEvent e) =>
    e.IsSuccess && (!IsPause(e) || string.Equals(e.RequestParameter("status"), "PAUSED", StringComparison.OrdinalIgnoreCase));

string Title(CloudTrailEvent e) => $"Amazon Macie {(IsPause(e) ? "paused" : "disabled")} in {e.AwsRegion} by {e.ActorName}";

// Macie is regional: one session per account and region.
string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.AwsRegion}";

object AlertContext(CloudTrailEvent e) => new
{
    action = e.EventName,
    status = e.RequestParameter("status"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
