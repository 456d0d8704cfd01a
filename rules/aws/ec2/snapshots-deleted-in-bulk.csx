#load "../../_lib/dedup-keys.csx"

// Snapshots a retention policy removes are deleted for a principal by AWS Backup or Data Lifecycle
// Manager (invokedBy) or by the services themselves; what counts is deletion by hand or by script.
static readonly IReadOnlySet<string> RetentionServices = new HashSet<string>(["backup.amazonaws.com", "dlm.amazonaws.com"]);

bool Rule(CloudTrailEvent e) =>
    e.IsSuccess && !e.IsAwsServiceCall && !RetentionServices.Contains(e.InvokedByService ?? "");

string Snapshot(CloudTrailEvent e) =>
    e.RequestParameter("snapshotId") ?? e.RequestParameter("dBSnapshotIdentifier") ?? e.RequestParameter("dBClusterSnapshotIdentifier");

string Kind(CloudTrailEvent e) => e.EventSource == "rds.amazonaws.com" ? "RDS" : "EBS";

string Title(CloudTrailEvent e) =>
    $"Snapshots deleted in bulk in {e.AwsRegion} by {e.ActorName} (this one: {Kind(e)} snapshot {Snapshot(e)})";

// Per principal and region: the threshold counts one caller's deletions, EBS and RDS together.
string Dedup(CloudTrailEvent e) => RegionalKey(e, e.UserIdentity.Arn ?? e.ActorName);

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    snapshot = Snapshot(e),
    kind = Kind(e),
    action = e.EventName,
});
