bool IsFilter(CloudTrailEvent e) => e.EventName.EndsWith("Filter", StringComparison.Ordinal);

// A filter only suppresses with action ARCHIVE; an IP set only takes effect while active.
bool Rule(CloudTrailEvent e) =>
    e.IsSuccess
    && !e.IsAwsServiceCall
    && (IsFilter(e)
        ? string.Equals(e.RequestParameter("action"), "ARCHIVE", StringComparison.OrdinalIgnoreCase)
        : e.RequestParameter("activate") == "true");

// CloudFormation deploying or tearing down a stack for its caller makes this routine: one step lower.
string Severity(CloudTrailEvent e) => e.InvokedByService == "cloudformation.amazonaws.com" ? "low" : "medium";

string Name(CloudTrailEvent e) =>
    e.RequestParameter("name") ?? e.RequestParameter("filterName") ?? e.RequestParameter("ipSetId");

string Title(CloudTrailEvent e) => IsFilter(e)
    ? $"GuardDuty suppression rule {Name(e)} archives findings in {e.AwsRegion} ({e.EventName} by {e.ActorName})"
    : $"GuardDuty trusted IP list {Name(e)} activated in {e.AwsRegion} ({e.EventName} by {e.ActorName})";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.AwsRegion}:{Name(e)}";

object AlertContext(CloudTrailEvent e) => new
{
    action = e.EventName,
    detectorId = e.RequestParameter("detectorId"),
    name = Name(e),
    findingCriteria = e.Element("requestParameters.findingCriteria"),
    ipListLocation = e.RequestParameter("location"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
