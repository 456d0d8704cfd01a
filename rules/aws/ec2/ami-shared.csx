// Accounts and groups added to the launch permission; organization and OU ARNs are sharing within
// your own organization and are left out.
List<string> Grantees(CloudTrailEvent e) =>
    e.Element("requestParameters.launchPermission.add.items") is { ValueKind: JsonValueKind.Array } items
        ? items.EnumerateArray()
            .Select(i => i.TryGetProperty("group", out var g) ? $"group:{g}" : i.TryGetProperty("userId", out var u) ? u.ToString() : null)
            .Where(g => g is not null && g != e.RecipientAccountId)
            .ToList()
        : [];

bool IsPublic(CloudTrailEvent e) => Grantees(e).Contains("group:all");

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall && Grantees(e).Count > 0;

// Sharing with a named account by AWS Backup (cross-account copy) or CloudFormation is routine: one step lower.
// Making it public never is.
string Severity(CloudTrailEvent e) =>
    IsPublic(e) ? "high" : e.InvokedByService is "backup.amazonaws.com" or "cloudformation.amazonaws.com" ? "low" : "medium";

string Title(CloudTrailEvent e) => IsPublic(e)
    ? $"AMI {e.RequestParameter("imageId")} made public by {e.ActorName}"
    : $"AMI {e.RequestParameter("imageId")} shared with account {string.Join(", ", Grantees(e))} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("imageId")}";

object AlertContext(CloudTrailEvent e) => new
{
    imageId = e.RequestParameter("imageId"),
    sharedWith = Grantees(e),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
