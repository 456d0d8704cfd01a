#load "../../_lib/attempts.csx"
#load "../../_lib/dedup-keys.csx"
#load "../../_lib/deployments.csx"

// A failed call (denied, or refused while the recorder runs) alerts low as an attempt.
bool Rule(CloudTrailEvent e) => !e.IsAwsServiceCall;

// CloudFormation deploying or tearing down a stack for its caller makes this routine: one step lower.
AlertSeverity Severity(CloudTrailEvent e) => AttemptOr(e, AlertSeverity.High.LowerWhen(ByCloudFormation(e)));

string Target(CloudTrailEvent e) =>
    e.RequestParameter("configurationRecorderName") is { } recorder ? $"recorder {recorder}" : $"delivery channel {e.RequestParameter("deliveryChannelName")}";

string What(CloudTrailEvent e) => e.EventName == "StopConfigurationRecorder" ? "stopped" : "deleted";

string Verb(CloudTrailEvent e) => e.EventName == "StopConfigurationRecorder" ? "stop" : "delete";

string Title(CloudTrailEvent e) => e.IsSuccess
    ? $"AWS Config {Target(e)} {What(e)} in {e.AwsRegion} by {e.ActorName}"
    : $"Failed attempt to {Verb(e)} AWS Config {Target(e)} in {e.AwsRegion} by {e.ActorName} ({FailureOf(e)})";

// AWS Config is regional: one recorder and one delivery channel per account and region.
string Dedup(CloudTrailEvent e) => AttemptKey(e, RegionalKey(e));

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    action = e.EventName,
    recorder = e.RequestParameter("configurationRecorderName"),
    deliveryChannel = e.RequestParameter("deliveryChannelName"),
    error = e.ErrorCode,
});
