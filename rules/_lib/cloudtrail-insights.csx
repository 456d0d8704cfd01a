// CloudTrail Insights records (eventType AwsCloudTrailInsight) describe unusual activity on one API
// in insightDetails: they carry no top-level eventName, eventSource or caller, so the standard alert
// context does not apply and rules read the API, the rates and who was behind them from here.

static string InsightApi(CloudTrailEvent e) => $"{e.Get("insightDetails.eventSource")} {e.Get("insightDetails.eventName")}";

// The error code an ApiErrorRateInsight is about.
static string InsightErrorCode(CloudTrailEvent e) => e.Get("insightDetails.errorCode") ?? "?";

// The average rate per minute over the insight period ("insight") or over the baseline ("baseline").
static double? InsightAverage(CloudTrailEvent e, string period) =>
    double.TryParse(e.Get($"insightDetails.insightContext.statistics.{period}.average"), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

static string PerMinute(double? value) => value switch
{
    null => "?",
    < 0.01 => "<0.01",
    { } v => v.ToString("0.##", CultureInfo.InvariantCulture),
};

// "3/min against a baseline of <0.01/min", for titles.
static string InsightRates(CloudTrailEvent e) =>
    $"{PerMinute(InsightAverage(e, "insight"))}/min against a baseline of {PerMinute(InsightAverage(e, "baseline"))}/min";

// The attributions list the identities (userIdentityArn), user agents and error codes behind the
// unusual activity, busiest first; the insight-period values are what a responder pivots on.
static List<string> InsightTopValues(CloudTrailEvent e, string attribute) =>
    e.Element("insightDetails.insightContext.attributions").Values()
        .Where(a => a.Get("attribute") == attribute)
        .SelectMany(a => a.Values("insight"))
        .Select(v => v.Get("value"))
        .Where(v => v is not null)
        .ToList();

// ", top caller arn:...", or nothing when Insights names no identity.
static string InsightTopCaller(CloudTrailEvent e) =>
    InsightTopValues(e, "userIdentityArn").FirstOrDefault() is { } who ? $", top caller {who}" : string.Empty;

// What every Insights alert carries; an error-rate insight adds the error code it is about.
static Dictionary<string, object> InsightContext(CloudTrailEvent e)
{
    var context = new Dictionary<string, object>
    {
        ["eventSource"] = e.Get("insightDetails.eventSource"),
        ["eventName"] = e.Get("insightDetails.eventName"),
    };
    if (e.Get("insightDetails.insightType") == "ApiErrorRateInsight")
    {
        context["errorCode"] = InsightErrorCode(e);
    }

    context["insightAveragePerMinute"] = InsightAverage(e, "insight");
    context["baselineAveragePerMinute"] = InsightAverage(e, "baseline");
    context["identities"] = InsightTopValues(e, "userIdentityArn");
    context["userAgents"] = InsightTopValues(e, "userAgent");
    context["errorCodes"] = InsightTopValues(e, "errorCode");
    context["sharedEventId"] = e.Get("sharedEventID");
    context["region"] = e.AwsRegion;
    return context;
}
