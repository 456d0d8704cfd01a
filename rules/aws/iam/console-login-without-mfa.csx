// Only IAM users and root authenticate to the console with AWS-held passwords. Federated sign-ins
// (SAML, IAM Identity Center) arrive as AssumedRole and report MFAUsed "No" even when the identity
// provider enforced MFA, so they are left to the IdP's logs.
bool Rule(CloudTrailEvent e) =>
    e.IsSuccess
    && e.Get("additionalEventData.MFAUsed") == "No"
    && e.UserIdentity.Type is "IAMUser" or "Root";

string Severity(CloudTrailEvent e) => e.IsRoot ? "high" : "medium";

string Title(CloudTrailEvent e) => $"Console sign-in without MFA by {e.ActorName} from {e.SourceIPAddress}";

string Dedup(CloudTrailEvent e) => e.UserIdentity.Arn ?? $"{e.RecipientAccountId}:{e.ActorName}";

object AlertContext(CloudTrailEvent e) => new
{
    user = e.UserIdentity.Arn,
    identityType = e.UserIdentity.Type,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    loginTo = e.Get("additionalEventData.LoginTo"),
    region = e.AwsRegion,
};
