#load "../../_lib/sharing.csx"

// Accounts and groups added to the create-volume permission ("group:all" for everyone).
List<string> Grantees(CloudTrailEvent e) => AddedToEc2Permission(e.RequestParameterElement("createVolumePermission"), e.RecipientAccountId);

bool IsPublic(CloudTrailEvent e) => Grantees(e).Contains("group:all");

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall && Grantees(e).Count > 0;

// Sharing with a named account by AWS Backup (cross-account copy) or CloudFormation is routine: one step lower.
// Making it public never is.
AlertSeverity Severity(CloudTrailEvent e) => IsPublic(e) ? AlertSeverity.High : AlertSeverity.Medium.LowerWhen(SharedByRoutineService(e));

string Title(CloudTrailEvent e) => IsPublic(e)
    ? $"EBS snapshot {e.RequestParameter("snapshotId")} made public by {e.ActorName}"
    : $"EBS snapshot {e.RequestParameter("snapshotId")} shared with account {string.Join(", ", Grantees(e))} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("snapshotId")}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    snapshotId = e.RequestParameter("snapshotId"),
    sharedWith = Grantees(e),
});
