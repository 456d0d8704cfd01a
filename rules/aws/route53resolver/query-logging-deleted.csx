bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// CloudFormation deploying or tearing down a stack for its caller makes this routine: one step lower.
string Severity(CloudTrailEvent e) => e.InvokedByService == "cloudformation.amazonaws.com" ? "low" : "medium";

bool IsDetach(CloudTrailEvent e) => e.EventName == "DisassociateResolverQueryLogConfig";

string Title(CloudTrailEvent e) => IsDetach(e)
    ? $"DNS query logging {e.RequestParameter("resolverQueryLogConfigId")} detached from {e.RequestParameter("resourceId")} by {e.ActorName}"
    : $"DNS query logging configuration {e.ResponseElement("resolverQueryLogConfig.name") ?? e.RequestParameter("resolverQueryLogConfigId")} deleted by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.AwsRegion}:{e.RequestParameter("resolverQueryLogConfigId")}";

object AlertContext(CloudTrailEvent e) => new
{
    action = e.EventName,
    configId = e.RequestParameter("resolverQueryLogConfigId"),
    vpc = e.RequestParameter("resourceId"),
    destination = e.ResponseElement("resolverQueryLogConfig.destinationArn"),
    associationCount = e.ResponseElement("resolverQueryLogConfig.associationCount"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
