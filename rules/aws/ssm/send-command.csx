#load "../../_lib/deployments.csx"

// AWS documents that patch, update, inventory or install, and cannot run arbitrary commands.
static readonly IReadOnlySet<string> MaintenanceDocuments = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
{
    "AWS-RunPatchBaseline", "AWS-RunPatchBaselineAssociation", "AWS-RunPatchBaselineWithHooks", "AWS-UpdateSSMAgent",
    "AWS-UpdateEC2Config", "AWS-ConfigureAWSPackage", "AWS-GatherSoftwareInventory", "AWS-RefreshAssociation",
    "AWS-InstallWindowsUpdates", "AWS-FindWindowsUpdates", "AWS-ApplyPatchBaseline",
};

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

string Document(CloudTrailEvent e) => e.RequestParameter("documentName") ?? "?";

// Maintenance windows and State Manager send commands on their schedule (invokedBy ssm.amazonaws.com): routine, one step lower.
AlertSeverity Severity(CloudTrailEvent e) =>
    AlertSeverity.Medium.LowerWhen(
        MaintenanceDocuments.Contains(Document(e)) || e.InvokedByService == "ssm.amazonaws.com" || ByCloudFormation(e));

List<string> Instances(CloudTrailEvent e) =>
    e.RequestParameterElement("instanceIds") is { ValueKind: JsonValueKind.Array } ids ? ids.EnumerateArray().Select(i => i.ToString()).ToList() : [];

string Targets(CloudTrailEvent e) =>
    Instances(e) is { Count: > 0 } ids ? string.Join(", ", ids)
    : e.RequestParameterElement("targets") is { } targets ? targets.GetRawText()
    : "?";

string Title(CloudTrailEvent e) => $"SSM {Document(e)} sent to {Targets(e)} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.UserIdentity.Arn}:{Document(e)}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    document = Document(e),
    instanceIds = Instances(e),
    targets = e.RequestParameterElement("targets"),
    commandId = e.ResponseElement("command.commandId"),
    outputBucket = e.ResponseElement("command.outputS3BucketName"),
});
