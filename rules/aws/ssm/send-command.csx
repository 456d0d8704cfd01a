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
string Severity(CloudTrailEvent e) =>
    MaintenanceDocuments.Contains(Document(e)) || e.InvokedByService is "ssm.amazonaws.com" or "cloudformation.amazonaws.com" ? "low" : "medium";

List<string> Instances(CloudTrailEvent e) =>
    e.Element("requestParameters.instanceIds") is { ValueKind: JsonValueKind.Array } ids ? ids.EnumerateArray().Select(i => i.ToString()).ToList() : [];

string Targets(CloudTrailEvent e) =>
    Instances(e) is { Count: > 0 } ids ? string.Join(", ", ids)
    : e.Element("requestParameters.targets") is { } targets ? targets.GetRawText()
    : "?";

string Title(CloudTrailEvent e) => $"SSM {Document(e)} sent to {Targets(e)} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.UserIdentity.Arn}:{Document(e)}";

object AlertContext(CloudTrailEvent e) => new
{
    document = Document(e),
    instanceIds = Instances(e),
    targets = e.Element("requestParameters.targets"),
    commandId = e.ResponseElement("command.commandId"),
    outputBucket = e.ResponseElement("command.outputS3BucketName"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
