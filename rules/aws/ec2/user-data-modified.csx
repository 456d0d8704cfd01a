#load "../../_lib/deployments.csx"

// The request carries userData (redacted) either as a value or as {"value": ...}; its presence is the change.
bool Rule(CloudTrailEvent e) =>
    e.IsSuccess && !e.IsAwsServiceCall
    && (e.RequestParameters.Has("userData") || string.Equals(e.RequestParameter("attribute"), "userData", StringComparison.OrdinalIgnoreCase));

// CloudFormation deploying or tearing down a stack for its caller makes this routine: one step lower.
// Engineers edit the user data of stopped instances in the ordinary course of work; what makes it
// an attack is whose instance and what the script does, which the record does not carry.
AlertSeverity Severity(CloudTrailEvent e) => AlertSeverity.Medium.LowerWhen(ByCloudFormation(e));

string Title(CloudTrailEvent e) => $"User data of {e.RequestParameter("instanceId")} replaced by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("instanceId")}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new { instanceId = e.RequestParameter("instanceId") });
