// Each successful read counts towards the threshold; the burst is judged per caller (Dedup).
// Secrets a service fetches for a principal (invokedBy: ECS injecting them into tasks, CloudFormation
// resolving dynamic references) go to the workload or the stack, not to the caller, and a deployment
// fetches many at once, so they do not count.
bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall && e.InvokedByService is null;

// The request names the secret by name or ARN; show the name.
string Secret(CloudTrailEvent e) =>
    e.RequestParameter("secretId") is { } id && id.Contains(":secret:") ? id[(id.IndexOf(":secret:") + 8)..] : e.RequestParameter("secretId");

string Title(CloudTrailEvent e) => $"Secret values read in a burst by {e.ActorName} (this read: {Secret(e)})";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.UserIdentity.Arn}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    secretId = Secret(e),
    versionStage = e.RequestParameter("versionStage"),
});
