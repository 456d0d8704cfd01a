// Insights records carry no top-level eventName or eventSource, so this rule has no match block and
// reads the API and the error code the insight is about from insightDetails.
bool Rule(CloudTrailEvent e) =>
    e.IsInsight
    && e.Get("insightDetails.state") == "Start"
    && e.Get("insightDetails.insightType") == "ApiErrorRateInsight";

string Api(CloudTrailEvent e) => $"{e.Get("insightDetails.eventSource")} {e.Get("insightDetails.eventName")}";

string ErrorCode(CloudTrailEvent e) => e.Get("insightDetails.errorCode") ?? "?";

// Denials are what a stolen credential probing its permissions produces; other error bursts
// (throttling, validation, not found) are more often broken automation.
static readonly Regex Denied = new(@"UnauthorizedOperation$|^AccessDenied|UnauthorizedAccess|^Forbidden", RegexOptions.IgnoreCase);

string Severity(CloudTrailEvent e) => Denied.IsMatch(ErrorCode(e)) ? "medium" : "low";

double? Average(CloudTrailEvent e, string which) =>
    double.TryParse(e.Get($"insightDetails.insightContext.statistics.{which}.average"), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

static string PerMinute(double? value) => value switch
{
    null => "?",
    < 0.01 => "<0.01",
    { } v => v.ToString("0.##", CultureInfo.InvariantCulture),
};

string Title(CloudTrailEvent e) =>
    $"Unusual rate of {ErrorCode(e)} errors on {Api(e)} in {e.AwsRegion}: {PerMinute(Average(e, "insight"))}/min against a baseline of {PerMinute(Average(e, "baseline"))}/min"
    + (TopValues(e, "userIdentityArn").FirstOrDefault() is { } who ? $", top caller {who}" : string.Empty);

string Dedup(CloudTrailEvent e) =>
    $"{e.RecipientAccountId}:{e.AwsRegion}:{e.Get("insightDetails.eventSource")}:{e.Get("insightDetails.eventName")}:{ErrorCode(e)}";

// The attributions list the identities, user agents and error codes behind the unusual activity,
// busiest first; the insight-period values are what a responder pivots on.
List<string> TopValues(CloudTrailEvent e, string attribute) =>
    e.Element("insightDetails.insightContext.attributions").Values()
        .Where(a => a.Get("attribute") == attribute)
        .SelectMany(a => a.Values("insight"))
        .Select(v => v.Get("value"))
        .Where(v => v is not null)
        .ToList();

object AlertContext(CloudTrailEvent e) => new
{
    eventSource = e.Get("insightDetails.eventSource"),
    eventName = e.Get("insightDetails.eventName"),
    errorCode = ErrorCode(e),
    insightAveragePerMinute = Average(e, "insight"),
    baselineAveragePerMinute = Average(e, "baseline"),
    identities = TopValues(e, "userIdentityArn"),
    userAgents = TopValues(e, "userAgent"),
    errorCodes = TopValues(e, "errorCode"),
    sharedEventId = e.Get("sharedEventID"),
    region = e.AwsRegion,
};
