// The request carries userData (redacted) either as a value or as {"value": ...}; its presence is the change.
bool Rule(CloudTrailEvent e) =>
    e.IsSuccess && !e.IsAwsServiceCall
    && (e.Has("requestParameters.userData") || string.Equals(e.RequestParameter("attribute"), "userData", StringComparison.OrdinalIgnoreCase));

// CloudFormation deploying or tearing down a stack for its caller makes this routine: one step lower.
// Engineers edit the user data of stopped instances in the ordinary course of work; what makes it
// an attack is whose instance and what the script does, which the record does not carry.
string Severity(CloudTrailEvent e) => e.InvokedByService == "cloudformation.amazonaws.com" ? "low" : "medium";

string Title(CloudTrailEvent e) => $"User data of {e.RequestParameter("instanceId")} replaced by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("instanceId")}";

object AlertContext(CloudTrailEvent e) => new
{
    instanceId = e.RequestParameter("instanceId"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
