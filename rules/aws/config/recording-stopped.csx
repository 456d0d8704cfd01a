bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// CloudFormation deploying or tearing down a stack for its caller makes this routine: one step lower.
string Severity(CloudTrailEvent e) => e.InvokedByService == "cloudformation.amazonaws.com" ? "medium" : "high";

string Target(CloudTrailEvent e) =>
    e.RequestParameter("configurationRecorderName") is { } recorder ? $"recorder {recorder}" : $"delivery channel {e.RequestParameter("deliveryChannelName")}";

string What(CloudTrailEvent e) => e.EventName == "StopConfigurationRecorder" ? "stopped" : "deleted";

string Title(CloudTrailEvent e) => $"AWS Config {Target(e)} {What(e)} in {e.AwsRegion} by {e.ActorName}";

// AWS Config is regional: one recorder and one delivery channel per account and region.
string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.AwsRegion}";

object AlertContext(CloudTrailEvent e) => new
{
    action = e.EventName,
    recorder = e.RequestParameter("configurationRecorderName"),
    deliveryChannel = e.RequestParameter("deliveryChannelName"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
