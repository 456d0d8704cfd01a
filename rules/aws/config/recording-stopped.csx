#load "../../_lib/dedup-keys.csx"
#load "../../_lib/deployments.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// CloudFormation deploying or tearing down a stack for its caller makes this routine: one step lower.
AlertSeverity Severity(CloudTrailEvent e) => AlertSeverity.High.LowerWhen(ByCloudFormation(e));

string Target(CloudTrailEvent e) =>
    e.RequestParameter("configurationRecorderName") is { } recorder ? $"recorder {recorder}" : $"delivery channel {e.RequestParameter("deliveryChannelName")}";

string What(CloudTrailEvent e) => e.EventName == "StopConfigurationRecorder" ? "stopped" : "deleted";

string Title(CloudTrailEvent e) => $"AWS Config {Target(e)} {What(e)} in {e.AwsRegion} by {e.ActorName}";

// AWS Config is regional: one recorder and one delivery channel per account and region.
string Dedup(CloudTrailEvent e) => RegionalKey(e);

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    action = e.EventName,
    recorder = e.RequestParameter("configurationRecorderName"),
    deliveryChannel = e.RequestParameter("deliveryChannelName"),
});
