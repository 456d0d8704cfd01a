#load "../../_lib/cloudtrail-insights.csx"

// Insights records carry no top-level eventName or eventSource, so this rule has no match block and
// reads the API the insight is about from insightDetails.
bool Rule(CloudTrailEvent e) =>
    e.IsInsight
    && e.Get("insightDetails.state") == "Start"
    && e.Get("insightDetails.insightType") == "ApiCallRateInsight";

string Title(CloudTrailEvent e) => $"Unusual rate of {InsightApi(e)} calls in {e.AwsRegion}: {InsightRates(e)}{InsightTopCaller(e)}";

string Dedup(CloudTrailEvent e) =>
    $"{e.RecipientAccountId}:{e.AwsRegion}:{e.Get("insightDetails.eventSource")}:{e.Get("insightDetails.eventName")}";

object AlertContext(CloudTrailEvent e) => InsightContext(e);
