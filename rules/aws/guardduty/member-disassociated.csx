bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// The member-side calls take no account list: the calling account removes itself.
bool FromMemberSide(CloudTrailEvent e) => e.EventName.StartsWith("DisassociateFrom", StringComparison.Ordinal);

List<string> Accounts(CloudTrailEvent e) =>
    FromMemberSide(e)
        ? [e.RecipientAccountId]
        : e.Element("requestParameters.accountIds") is { ValueKind: JsonValueKind.Array } ids ? ids.EnumerateArray().Select(i => i.ToString()).ToList() : [];

// CloudFormation deploying or tearing down a stack for its caller makes this routine: one step lower.
string Severity(CloudTrailEvent e) => FromMemberSide(e) ? (e.InvokedByService == "cloudformation.amazonaws.com" ? "medium" : "high") : (e.InvokedByService == "cloudformation.amazonaws.com" ? "low" : "medium");

string Title(CloudTrailEvent e) => FromMemberSide(e)
    ? $"GuardDuty member account {e.RecipientAccountId} disassociated itself from its administrator in {e.AwsRegion} ({e.ActorName})"
    : $"GuardDuty {e.EventName} for {string.Join(", ", Accounts(e))} in {e.AwsRegion} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.AwsRegion}:{e.EventName}";

object AlertContext(CloudTrailEvent e) => new
{
    action = e.EventName,
    detectorId = e.RequestParameter("detectorId"),
    accounts = Accounts(e),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
