#load "../../_lib/console-sign-in.csx"

// Only IAM users and root authenticate to the console with AWS-held passwords. Federated sign-ins
// (SAML, IAM Identity Center) arrive as AssumedRole and report MFAUsed "No" even when the identity
// provider enforced MFA, so they are left to the IdP's logs.
bool Rule(CloudTrailEvent e) =>
    e.IsSuccess
    && SignInMfaUsed(e) == "No"
    && e.UserIdentity.Type is "IAMUser" or "Root";

AlertSeverity Severity(CloudTrailEvent e) => e.IsRoot ? AlertSeverity.High : AlertSeverity.Medium;

string Title(CloudTrailEvent e) => $"Console sign-in without MFA by {e.ActorName} from {e.SourceIPAddress}";

string Dedup(CloudTrailEvent e) => e.UserIdentity.Arn ?? $"{e.RecipientAccountId}:{e.ActorName}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    identityType = e.UserIdentity.Type,
    loginTo = SignInDestination(e),
});
