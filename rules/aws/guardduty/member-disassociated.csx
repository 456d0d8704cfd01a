#load "../../_lib/dedup-keys.csx"
#load "../../_lib/deployments.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// The member-side calls take no account list: the calling account removes itself.
bool FromMemberSide(CloudTrailEvent e) => e.EventName.StartsWith("DisassociateFrom", StringComparison.Ordinal);

List<string> Accounts(CloudTrailEvent e) =>
    FromMemberSide(e)
        ? [e.RecipientAccountId]
        : e.RequestParameterElement("accountIds") is { ValueKind: JsonValueKind.Array } ids ? ids.EnumerateArray().Select(i => i.ToString()).ToList() : [];

// CloudFormation deploying or tearing down a stack for its caller makes this routine: one step lower.
AlertSeverity Severity(CloudTrailEvent e) =>
    (FromMemberSide(e) ? AlertSeverity.High : AlertSeverity.Medium).LowerWhen(ByCloudFormation(e));

string Title(CloudTrailEvent e) => FromMemberSide(e)
    ? $"GuardDuty member account {e.RecipientAccountId} disassociated itself from its administrator in {e.AwsRegion} ({e.ActorName})"
    : $"GuardDuty {e.EventName} for {string.Join(", ", Accounts(e))} in {e.AwsRegion} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => RegionalKey(e, e.EventName);

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    action = e.EventName,
    detectorId = e.RequestParameter("detectorId"),
    accounts = Accounts(e),
});
