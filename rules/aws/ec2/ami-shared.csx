#load "../../_lib/sharing.csx"

// Accounts and groups added to the launch permission ("group:all" for everyone).
List<string> Grantees(CloudTrailEvent e) => AddedToEc2Permission(e.RequestParameterElement("launchPermission"), e.RecipientAccountId);

bool IsPublic(CloudTrailEvent e) => Grantees(e).Contains("group:all");

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall && Grantees(e).Count > 0;

// Sharing with a named account by AWS Backup (cross-account copy) or CloudFormation is routine: one step lower.
// Making it public never is.
AlertSeverity Severity(CloudTrailEvent e) => IsPublic(e) ? AlertSeverity.High : AlertSeverity.Medium.LowerWhen(SharedByRoutineService(e));

string Title(CloudTrailEvent e) => IsPublic(e)
    ? $"AMI {e.RequestParameter("imageId")} made public by {e.ActorName}"
    : $"AMI {e.RequestParameter("imageId")} shared with account {string.Join(", ", Grantees(e))} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("imageId")}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    imageId = e.RequestParameter("imageId"),
    sharedWith = Grantees(e),
});
