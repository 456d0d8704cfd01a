#load "../../_lib/deployments.csx"

// PutKeyPolicy only matters here with the lock-out safety check bypassed: KMS refuses, unless told
// to bypass it, a key policy that would leave the caller unable to change the policy again.
bool Rule(CloudTrailEvent e) =>
    e.IsSuccess && !e.IsAwsServiceCall
    && (e.EventName != "PutKeyPolicy" || e.RequestParameter("bypassPolicyLockoutSafetyCheck") == "true");

// The request may name the key by id, alias or ARN; the response and resources carry the key ARN.
string Key(CloudTrailEvent e) => e.ResponseElement("keyId") ?? e.Get("resources.0.ARN") ?? e.RequestParameter("keyId");

bool IsDeletion(CloudTrailEvent e) => e.EventName == "ScheduleKeyDeletion";

// Deletion is irreversible once the waiting period ends, deleted imported material is gone until it
// is imported again, and a locked-out key policy may need AWS Support; a disabled key can be
// re-enabled. Stack teardown through CloudFormation is the usual benign cause: one step lower.
AlertSeverity Severity(CloudTrailEvent e) =>
    (e.EventName == "DisableKey" ? AlertSeverity.Medium : AlertSeverity.High).LowerWhen(ByCloudFormation(e));

string Title(CloudTrailEvent e) => e.EventName switch
{
    "ScheduleKeyDeletion" => $"KMS key {Key(e)} scheduled for deletion in {e.RequestParameter("pendingWindowInDays") ?? "30"} days by {e.ActorName}",
    "DeleteImportedKeyMaterial" => $"Imported key material of KMS key {Key(e)} deleted by {e.ActorName}",
    "PutKeyPolicy" => $"Policy of KMS key {Key(e)} replaced with the lock-out safety check bypassed by {e.ActorName}",
    _ => $"KMS key {Key(e)} disabled by {e.ActorName}",
};

string Dedup(CloudTrailEvent e) => $"{e.EventName}:{Key(e)}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    key = Key(e),
    requestedAs = e.RequestParameter("keyId"),
    action = e.EventName,
    // The API's default waiting period is 30 days; 7 is the shortest allowed.
    pendingWindowInDays = IsDeletion(e) ? e.RequestParameter("pendingWindowInDays") ?? "30" : null,
    deletionDate = e.ResponseElement("deletionDate"),
    keyPolicy = e.EventName == "PutKeyPolicy" ? PolicyDocument.Parse(e.RequestParameterElement("policy")).Json : null,
});
