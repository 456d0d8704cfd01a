#load "../../_lib/dedup-keys.csx"
#load "../../_lib/deployments.csx"

bool IsFilter(CloudTrailEvent e) => e.EventName.EndsWith("Filter", StringComparison.Ordinal);

static bool Is(string value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);

// A filter suppresses with action ARCHIVE; CreateFilter defaults to NOOP (a saved view), while an
// UpdateFilter without an action keeps the filter's current one, which may be ARCHIVE, and may widen
// its criteria. An IP set takes effect while active: CreateIPSet states it, and an UpdateIPSet that
// does not deactivate it may change the list of an active set.
bool Rule(CloudTrailEvent e) =>
    e.IsSuccess
    && !e.IsAwsServiceCall
    && e.EventName switch
    {
        "CreateFilter" => Is(e.RequestParameter("action"), "ARCHIVE"),
        "UpdateFilter" => !Is(e.RequestParameter("action"), "NOOP"),
        "CreateIPSet" => e.RequestParameter("activate") == "true",
        _ => e.RequestParameter("activate") != "false",
    };

// Whether the call itself says it suppresses, or leaves the current setting in place.
bool Stated(CloudTrailEvent e) => IsFilter(e) ? e.RequestParameter("action") is not null : e.RequestParameter("activate") is not null;

// CloudFormation deploying or tearing down a stack for its caller makes this routine: one step lower.
AlertSeverity Severity(CloudTrailEvent e) => AlertSeverity.Medium.LowerWhen(ByCloudFormation(e));

string Name(CloudTrailEvent e) =>
    e.RequestParameter("name") ?? e.RequestParameter("filterName") ?? e.RequestParameter("ipSetId");

string Title(CloudTrailEvent e) => IsFilter(e)
    ? Stated(e)
        ? $"GuardDuty suppression rule {Name(e)} archives findings in {e.AwsRegion} ({e.EventName} by {e.ActorName})"
        : $"GuardDuty filter {Name(e)} changed, keeping its action (archives findings if it is a suppression rule) in {e.AwsRegion} ({e.EventName} by {e.ActorName})"
    : Stated(e)
        ? $"GuardDuty trusted IP list {Name(e)} activated in {e.AwsRegion} ({e.EventName} by {e.ActorName})"
        : $"GuardDuty trusted IP list {Name(e)} changed, keeping its state (no findings for its addresses if active) in {e.AwsRegion} ({e.EventName} by {e.ActorName})";

string Dedup(CloudTrailEvent e) => RegionalKey(e, Name(e));

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    action = e.EventName,
    detectorId = e.RequestParameter("detectorId"),
    name = Name(e),
    filterAction = IsFilter(e) ? e.RequestParameter("action") ?? "(unchanged)" : null,
    activate = IsFilter(e) ? null : e.RequestParameter("activate") ?? "(unchanged)",
    findingCriteria = e.RequestParameterElement("findingCriteria"),
    ipListLocation = e.RequestParameter("location"),
});
