#load "../../_lib/cloudtrail-insights.csx"
#load "../../_lib/error-codes.csx"

// Insights records carry no top-level eventName or eventSource, so this rule has no match block and
// reads the API and the error code the insight is about from insightDetails.
bool Rule(CloudTrailEvent e) =>
    e.IsInsight
    && e.Get("insightDetails.state") == "Start"
    && e.Get("insightDetails.insightType") == "ApiErrorRateInsight";

// Denials are what a stolen credential probing its permissions produces; other error bursts
// (throttling, validation, not found) are more often broken automation.
AlertSeverity Severity(CloudTrailEvent e) => IsAccessDenied(InsightErrorCode(e)) ? AlertSeverity.Medium : AlertSeverity.Low;

string Title(CloudTrailEvent e) =>
    $"Unusual rate of {InsightErrorCode(e)} errors on {InsightApi(e)} in {e.AwsRegion}: {InsightRates(e)}{InsightTopCaller(e)}";

string Dedup(CloudTrailEvent e) =>
    $"{e.RecipientAccountId}:{e.AwsRegion}:{e.Get("insightDetails.eventSource")}:{e.Get("insightDetails.eventName")}:{InsightErrorCode(e)}";

object AlertContext(CloudTrailEvent e) => InsightContext(e);
