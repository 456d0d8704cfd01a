static readonly Regex InstanceId = new(@"^i-[0-9a-fA-F]{8,17}$");

static string SessionName(CloudTrailEvent e) => e.UserIdentity.Arn is { } arn ? arn[(arn.LastIndexOf('/') + 1)..] : null;

// EC2 names an instance-profile session after the instance and records how it delivered it.
static bool IsInstanceCredential(CloudTrailEvent e) =>
    e.UserIdentity.Type == "AssumedRole"
    && (e.Has("userIdentity.sessionContext.ec2RoleDelivery") || InstanceId.IsMatch(SessionName(e) ?? ""));

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall && IsInstanceCredential(e);

string Title(CloudTrailEvent e) =>
    $"All S3 buckets listed with the instance credentials of {e.UserIdentity.SessionIssuerUserName} ({SessionName(e)}) from {e.SourceIPAddress}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.UserIdentity.AccessKeyId ?? SessionName(e)}";

object AlertContext(CloudTrailEvent e) => new
{
    role = e.UserIdentity.SessionIssuerArn,
    instanceId = SessionName(e),
    accessKeyId = e.UserIdentity.AccessKeyId,
    credentialDelivery = e.UserIdentity.Get("sessionContext.ec2RoleDelivery"),
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
