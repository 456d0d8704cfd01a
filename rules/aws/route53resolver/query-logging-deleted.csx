#load "../../_lib/dedup-keys.csx"
#load "../../_lib/deployments.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// CloudFormation deploying or tearing down a stack for its caller makes this routine: one step lower.
AlertSeverity Severity(CloudTrailEvent e) => AlertSeverity.Medium.LowerWhen(ByCloudFormation(e));

bool IsDetach(CloudTrailEvent e) => e.EventName == "DisassociateResolverQueryLogConfig";

string Title(CloudTrailEvent e) => IsDetach(e)
    ? $"DNS query logging {e.RequestParameter("resolverQueryLogConfigId")} detached from {e.RequestParameter("resourceId")} by {e.ActorName}"
    : $"DNS query logging configuration {e.ResponseElement("resolverQueryLogConfig.name") ?? e.RequestParameter("resolverQueryLogConfigId")} deleted by {e.ActorName}";

string Dedup(CloudTrailEvent e) => RegionalKey(e, e.RequestParameter("resolverQueryLogConfigId"));

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    action = e.EventName,
    configId = e.RequestParameter("resolverQueryLogConfigId"),
    vpc = e.RequestParameter("resourceId"),
    destination = e.ResponseElement("resolverQueryLogConfig.destinationArn"),
    associationCount = e.ResponseElement("resolverQueryLogConfig.associationCount"),
});
