#load "../../_lib/dedup-keys.csx"
#load "../../_lib/sharing.csx"

List<string> Added(CloudTrailEvent e) =>
    e.RequestParameter("attributeName") == "restore" && e.RequestParameterElement("valuesToAdd") is { ValueKind: JsonValueKind.Array } values
        ? values.EnumerateArray().Select(v => v.ToString()).Where(v => v != e.RecipientAccountId).ToList()
        : [];

bool IsPublic(CloudTrailEvent e) => Added(e).Any(v => string.Equals(v, "all", StringComparison.OrdinalIgnoreCase));

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall && Added(e).Count > 0;

// Sharing with a named account by AWS Backup (cross-account copy) or CloudFormation is routine: one step lower.
// Making it public never is.
AlertSeverity Severity(CloudTrailEvent e) => IsPublic(e) ? AlertSeverity.High : AlertSeverity.Medium.LowerWhen(SharedByRoutineService(e));

string Snapshot(CloudTrailEvent e) => e.RequestParameter("dBSnapshotIdentifier") ?? e.RequestParameter("dBClusterSnapshotIdentifier");

string Kind(CloudTrailEvent e) => e.EventName == "ModifyDBClusterSnapshotAttribute" ? "cluster snapshot" : "snapshot";

string Title(CloudTrailEvent e) => IsPublic(e)
    ? $"RDS {Kind(e)} {Snapshot(e)} made public by {e.ActorName}"
    : $"RDS {Kind(e)} {Snapshot(e)} shared with account {string.Join(", ", Added(e))} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => RegionalKey(e, Snapshot(e));

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    snapshot = Snapshot(e),
    kind = Kind(e),
    sharedWith = Added(e),
});
